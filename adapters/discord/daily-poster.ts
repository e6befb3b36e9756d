import { createHash } from 'node:crypto';
import {
  DiscordAPIError,
  HTTPError,
  RateLimitError,
  type REST,
  Routes,
  SnowflakeUtil,
} from 'discord.js';
import type { DailyView } from '../../src/index.ts';
import { type DailyPoster, PostError } from '../shared/daily-port.ts';
import { createIdempotentPoster } from '../shared/idempotent-post.ts';
import type { Logger } from '../shared/logger.ts';
import { LOOKBACK_MS } from '../shared/uncertain-attempts.ts';
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
 * Longest nonce Discord takes. The daily post's nonce is derived from (channel, date), so every
 * attempt at one day's post carries the same one.
 */
const NONCE_LENGTH = 25;
/** Messages read back when looking for an earlier attempt: the channel's last 50 since then. */
const LOOKUP_LIMIT = 50;
/** "A thread has already been created for this message": the earlier attempt opened it. */
const THREAD_EXISTS = 160004;

/** The nonce of a day's post in a channel: the same on every attempt (see `createDiscordPoster`). */
export function dailyNonce(channelId: string, date: string): string {
  return createHash('sha256')
    .update(`shammie-daily:${channelId}:${date}`)
    .digest('hex')
    .slice(0, NONCE_LENGTH);
}

/**
 * True when a failed post may still have been created: the request went out and no answer
 * said otherwise (a timeout, a dropped connection, a 5xx). A 429 or another 4xx is Discord
 * saying it did not create anything.
 */
export function mayHaveLanded(error: unknown): boolean {
  if (error instanceof RateLimitError) return false;
  if (error instanceof DiscordAPIError) return error.status >= 500;
  return true;
}

/** The slice of a discord.js client the poster uses; `user` is known once it has logged in. */
export interface PosterClient {
  rest: Pick<REST, 'post' | 'get'>;
  user?: { id: string } | null;
}

/**
 * Reads a channel back for the bot's own message with `content`, posted since `since` (epoch
 * ms, less the look-back): the id of the message an earlier, uncertain attempt created, else
 * undefined. Needs Read Message History; throws when it cannot read.
 */
export function createReadBack(client: PosterClient) {
  let botId: string | undefined;
  const ownId = async (): Promise<string> => {
    botId ??= client.user?.id ?? ((await client.rest.get(Routes.user('@me'))) as { id: string }).id;
    return botId;
  };
  return async (
    channelId: string,
    content: string | undefined,
    since: number,
  ): Promise<string | undefined> => {
    const author = await ownId();
    const query = new URLSearchParams({
      after: SnowflakeUtil.generate({ timestamp: since - LOOKBACK_MS }).toString(),
      limit: String(LOOKUP_LIMIT),
    });
    const messages = (await client.rest.get(Routes.channelMessages(channelId), {
      query,
    })) as Array<{ id: string; content?: string; author?: { id: string } }>;
    return messages.find((m) => m.author?.id === author && m.content === content)?.id;
  };
}

/**
 * Opens the discussion thread on a posted message. Never throws: the post is out, and failing
 * would make the scheduler post it twice. A thread that exists already (an earlier attempt
 * opened it) is fine; anything else is logged as `what` sent without its thread.
 */
export async function openPostThread(
  client: PosterClient,
  where: { channelId: string; messageId: string; name: string },
  log: Logger | undefined,
  what = 'daily post',
): Promise<void> {
  const { channelId, messageId, name } = where;
  try {
    await client.rest.post(Routes.threads(channelId, messageId), {
      body: { name, auto_archive_duration: THREAD_ARCHIVE_MINUTES },
    });
  } catch (error) {
    if (error instanceof DiscordAPIError && error.code === THREAD_EXISTS) return;
    log?.warn(
      { err: error, channelId, messageId },
      `${what} sent, but its thread could not be opened`,
    );
  }
}

/**
 * The daily post for Discord: the paper of the day as an embed in the channel, mentions off,
 * with a thread opened on it. A thread that fails to open is logged, not thrown: the post is
 * out, and failing would make the scheduler post it twice.
 *
 * Never twice, even when an attempt fails in a way that hides whether the message was created
 * (a timeout, a dropped connection, a 5xx — discord.js retries those itself, and the scheduler
 * retries the PostError):
 * - every attempt at one day's post carries the same `nonce` with `enforce_nonce`, so Discord
 *   itself returns the first message instead of creating another for a few minutes;
 * - after such a failure the poster remembers the attempt, and before trying that post again it
 *   reads the channel's messages since then (Read Message History is among the bot's
 *   permissions) and, when its post is there, takes it as sent (`shared/idempotent-post.ts`).
 * See docs/discord.md, "Limits and faults".
 */
export function createDiscordPoster(
  client: PosterClient,
  options: { logger?: Logger; now?: () => number } = {},
): DailyPoster {
  const log = options.logger;
  const findEarlier = createReadBack(client);

  return createIdempotentPoster({
    platform: 'discord',
    logger: log,
    now: options.now,
    mayHaveLanded,
    toPostError,
    describeError: (error) => ({ err: error }),
    steps: (channelId, view) => {
      // No buttons: their state lives 15 minutes, a daily post lives for days.
      const body = {
        ...dailyReply(view),
        nonce: dailyNonce(channelId, view.date),
        enforce_nonce: true,
      };
      return {
        findEarlier: (since) => findEarlier(channelId, body.content, since),
        send: async () => {
          const message = (await client.rest.post(Routes.channelMessages(channelId), {
            body,
          })) as { id: string };
          return message.id;
        },
        openThread: (messageId) =>
          openPostThread(client, { channelId, messageId, name: threadName(view) }, log),
      };
    },
  });
}
