import { DiscordAPIError, HTTPError, RateLimitError, type REST, Routes } from 'discord.js';
import type { DailyView } from '../../src/index.ts';
import { type DailyPoster, PostError } from '../shared/daily-port.ts';
import type { Logger } from '../shared/logger.ts';
import { plainLine } from './text.ts';
import { dailyReply } from './to-reply.ts';

/** Discord error codes after which posting to that channel will never work. */
const PERMANENT_CODES = new Set([
  10003, // Unknown Channel: deleted
  50001, // Missing Access: bot removed or channel hidden from it
  50013, // Missing Permissions
]);

/** How long to wait before retrying after a Discord outage when it gives no Retry-After. */
export const SERVER_ERROR_RETRY_MS = 60_000;
/** Longest thread name Discord accepts. */
const THREAD_NAME_MAX = 100;
/** Threads on the daily post archive after a day without messages (minutes). */
const THREAD_ARCHIVE_MINUTES = 1440;

/** A Discord failure as a `PostError`: permanent when retrying cannot help. */
export function toPostError(error: unknown): PostError {
  if (error instanceof PostError) return error;
  if (error instanceof RateLimitError) {
    return new PostError('Discord rate limit', false, error.retryAfter);
  }
  if (error instanceof DiscordAPIError) {
    const code = typeof error.code === 'number' ? error.code : Number(error.code);
    if (PERMANENT_CODES.has(code)) {
      return new PostError(`Discord refused the post (${code}): ${error.message}`, true);
    }
    if (error.status === 429) return new PostError('Discord rate limit', false, 1000);
    if (error.status >= 500) {
      return new PostError(`Discord error ${error.status}`, false, SERVER_ERROR_RETRY_MS);
    }
    // Another 4xx (a bad request): sending the same post again would fail the same way.
    return new PostError(`Discord refused the post (${error.status} ${code})`, true);
  }
  if (error instanceof HTTPError) {
    const permanent = error.status >= 400 && error.status < 500 && error.status !== 429;
    return new PostError(
      `Discord HTTP ${error.status}`,
      permanent,
      permanent ? undefined : SERVER_ERROR_RETRY_MS,
    );
  }
  // Network failures, timeouts: worth another try.
  const message = error instanceof Error ? error.message : String(error);
  return new PostError(`Could not reach Discord: ${message}`, false, SERVER_ERROR_RETRY_MS);
}

/** The thread's name: "Discuss: <title>", at most 100 characters. */
export function threadName(view: DailyView): string {
  return plainLine(`Discuss: ${view.card.title}`, THREAD_NAME_MAX) || 'Discuss';
}

/**
 * The daily post for Discord: the paper of the day as an embed in the channel, mentions off,
 * with a thread opened on it. A thread that fails to open is logged, not thrown: the post is
 * out, and failing would make the scheduler post it twice.
 */
export function createDiscordPoster(
  client: { rest: Pick<REST, 'post'> },
  options: { logger?: Logger } = {},
): DailyPoster {
  return {
    platform: 'discord',
    async postDaily(channelId, view) {
      // No buttons: their state lives 15 minutes, a daily post lives for days.
      const body = dailyReply(view);
      let messageId: string;
      try {
        const message = (await client.rest.post(Routes.channelMessages(channelId), {
          body,
        })) as { id: string };
        messageId = message.id;
      } catch (error) {
        throw toPostError(error);
      }
      try {
        await client.rest.post(Routes.threads(channelId, messageId), {
          body: { name: threadName(view), auto_archive_duration: THREAD_ARCHIVE_MINUTES },
        });
      } catch (error) {
        options.logger?.warn(
          { err: error, channelId, messageId },
          'daily post sent, but its thread could not be opened',
        );
      }
      return { messageId };
    },
  };
}
