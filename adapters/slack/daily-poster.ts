import type { DailyView } from '../../src/index.ts';
import { type DailyPoster, PostError } from '../shared/daily-port.ts';
import { context } from './blocks/block-kit.ts';
import { toSlackMessage } from './blocks/to-slack-message.ts';
import type { PostMessageArgs } from './slack-client.ts';

/** Slack errors after which posting to that channel again cannot succeed without a human. */
export const PERMANENT_SLACK_ERRORS: ReadonlySet<string> = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'account_inactive',
  'invalid_auth',
  'not_authed',
  'token_revoked',
  'missing_scope',
]);

/** Wait before retrying when Slack or the network failed without saying how long to wait. */
export const DEFAULT_RETRY_AFTER_MS = 30_000;

/** The first reply under a daily post, so the discussion has an obvious place to go. */
export const THREAD_STARTER = 'Discuss today’s paper here: questions, takeaways, related work.';

/** The slice of Bolt's `WebClient` the poster calls. */
export interface PosterClient {
  chat: { postMessage(args: PostMessageArgs): Promise<{ ok?: boolean; ts?: string }> };
}

/**
 * The Slack side of the daily post: the day's paper as Block Kit (with a text fallback, no
 * unfurl) and a first thread reply that opens its discussion. Resolves with the post's ts;
 * rejects with a `PostError` that says whether trying again can help.
 */
export function createSlackPoster(client: PosterClient): DailyPoster {
  return {
    platform: 'slack',
    async postDaily(channelId: string, view: DailyView) {
      let ts: string | undefined;
      try {
        ts = (await client.chat.postMessage({ channel: channelId, ...toSlackMessage(view) })).ts;
      } catch (error) {
        throw toPostError(error, channelId);
      }
      if (!ts) throw new PostError(`Slack gave no message ts for the post to ${channelId}`, false);
      try {
        await client.chat.postMessage({
          channel: channelId,
          thread_ts: ts,
          text: THREAD_STARTER,
          blocks: [context(`:thread: ${THREAD_STARTER}`)],
          unfurl_links: false,
          unfurl_media: false,
        });
      } catch {
        // The paper is posted, which is what counts; people can still reply to it.
      }
      return { messageId: ts };
    },
  };
}

/** Maps a Web API error to a `PostError` (permanent, or worth retrying after a delay). */
export function toPostError(error: unknown, channelId: string): PostError {
  const e = (error ?? {}) as {
    code?: string;
    message?: string;
    data?: { error?: string };
    retryAfter?: number;
    statusCode?: number;
    headers?: Record<string, string | string[] | undefined>;
  };
  switch (e.code) {
    case 'slack_webapi_platform_error': {
      const reason = e.data?.error ?? 'unknown_error';
      const message = `Slack refused the daily post to ${channelId}: ${reason}`;
      if (PERMANENT_SLACK_ERRORS.has(reason)) return new PostError(message, true);
      return new PostError(message, false, DEFAULT_RETRY_AFTER_MS);
    }
    case 'slack_webapi_rate_limited_error':
      return new PostError(
        `Slack rate-limited the daily post to ${channelId}`,
        false,
        (e.retryAfter ?? DEFAULT_RETRY_AFTER_MS / 1000) * 1000,
      );
    case 'slack_webapi_http_error': {
      const status = e.statusCode ?? 0;
      const message = `Slack answered HTTP ${status} to the daily post to ${channelId}`;
      if (status === 429 || status >= 500) {
        return new PostError(message, false, retryAfterMs(e.headers) ?? DEFAULT_RETRY_AFTER_MS);
      }
      return new PostError(message, true);
    }
    default:
      return new PostError(
        `Could not reach Slack for the daily post to ${channelId}: ${e.message ?? String(error)}`,
        false,
        DEFAULT_RETRY_AFTER_MS,
      );
  }
}

function retryAfterMs(
  headers: Record<string, string | string[] | undefined> | undefined,
): number | undefined {
  const raw = headers?.['retry-after'];
  const seconds = Number(Array.isArray(raw) ? raw[0] : raw);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined;
}
