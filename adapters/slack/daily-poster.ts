import { webApi } from '@slack/bolt';
import { type DailyPoster, PostError } from '../shared/daily-port.ts';
import { createIdempotentPoster } from '../shared/idempotent-post.ts';
import type { Logger } from '../shared/logger.ts';
import { LOOKBACK_MS } from '../shared/uncertain-attempts.ts';
import { context } from './blocks/block-kit.ts';
import { toSlackMessage } from './blocks/to-slack-message.ts';
import { findMarkedMessage, type ReadBackClient } from './marked-messages.ts';
import { describeError, type PostMessageArgs } from './slack-client.ts';
import { mayHaveLanded } from './web-api-policy.ts';

const { ErrorCode } = webApi;

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

/** The metadata event type that marks Shammie's daily posts (invisible in the channel). */
export const DAILY_EVENT_TYPE = 'shammie_daily_post';
/** The slice of Bolt's `WebClient` the poster calls. */
export interface PosterClient extends ReadBackClient {
  chat: { postMessage(args: PostMessageArgs): Promise<{ ok?: boolean; ts?: string }> };
}

/**
 * The Slack side of the daily post: the day's paper as Block Kit (with a text fallback, no
 * unfurl) and a first thread reply that opens its discussion. Resolves with the post's ts;
 * rejects with a `PostError` that says whether trying again can help.
 *
 * Slack has no idempotency key, so a post whose answer was lost (a timeout, a dropped
 * connection, a 5xx) may or may not be in the channel. The Web API client never repeats such a
 * call by itself (`web-api-policy.ts`); the poster throws a retryable `PostError` and remembers
 * the attempt. Before the next attempt at that (channel, date) it reads the channel back for its
 * post — marked by metadata `shammie_daily_post` with the date — and returns it when found.
 * Reading needs `channels:history` (and `groups:history` for private channels); without them
 * the poster logs that it cannot check and posts again, so the day is not lost. See
 * docs/slack.md, "Limits and faults".
 */
export function createSlackPoster(
  client: PosterClient,
  options: { logger?: Logger; now?: () => number } = {},
): DailyPoster {
  const log = options.logger;

  const openThread = async (channelId: string, ts: string) => {
    try {
      await client.chat.postMessage({
        channel: channelId,
        thread_ts: ts,
        text: THREAD_STARTER,
        blocks: [context(`:thread: ${THREAD_STARTER}`)],
        unfurl_links: false,
        unfurl_media: false,
      });
    } catch (error) {
      // The paper is posted, which is what counts; people can still reply to it.
      log?.warn(
        {
          platform: 'slack',
          method: 'chat.postMessage',
          channelId,
          ts,
          outcome: 'gave up',
          ...describeError(error),
        },
        'daily thread starter not posted',
      );
    }
  };

  return createIdempotentPoster({
    platform: 'slack',
    logger: log,
    now: options.now,
    mayHaveLanded,
    toPostError,
    describeError,
    steps: (channelId, view) => {
      const mark = { event_type: DAILY_EVENT_TYPE, event_payload: { date: view.date } };
      return {
        findEarlier: (since) =>
          findMarkedMessage(client, { channel: channelId, oldest: since - LOOKBACK_MS }, mark),
        send: async () => {
          const { ts } = await client.chat.postMessage({
            channel: channelId,
            ...toSlackMessage(view),
            metadata: mark,
          });
          // Posted, but with no ts to thread on: said as a failure (the next try reads it back).
          if (!ts)
            throw new PostError(`Slack gave no message ts for the post to ${channelId}`, false);
          return ts;
        },
        openThread: (ts) => openThread(channelId, ts),
      };
    },
  });
}

/**
 * Maps a Web API error to a `PostError` (permanent, or worth retrying after a delay); `what`
 * names the post in its message.
 */
export function toPostError(error: unknown, channelId: string, what = 'daily post'): PostError {
  if (error instanceof PostError) return error;
  const e = (error ?? {}) as {
    code?: string;
    message?: string;
    data?: { error?: string };
    retryAfter?: number;
    statusCode?: number;
    headers?: Record<string, string | string[] | undefined>;
  };
  switch (e.code) {
    case ErrorCode.PlatformError: {
      const reason = e.data?.error ?? 'unknown_error';
      const message = `Slack refused the ${what} to ${channelId}: ${reason}`;
      if (PERMANENT_SLACK_ERRORS.has(reason)) return new PostError(message, true);
      return new PostError(message, false, DEFAULT_RETRY_AFTER_MS);
    }
    case ErrorCode.RateLimitedError:
      return new PostError(
        `Slack rate-limited the ${what} to ${channelId}`,
        false,
        (e.retryAfter ?? DEFAULT_RETRY_AFTER_MS / 1000) * 1000,
      );
    case ErrorCode.HTTPError: {
      const status = e.statusCode ?? 0;
      const message = `Slack answered HTTP ${status} to the ${what} to ${channelId}`;
      if (status === 429 || status >= 500) {
        return new PostError(message, false, retryAfterMs(e.headers) ?? DEFAULT_RETRY_AFTER_MS);
      }
      return new PostError(message, true);
    }
    default:
      // A network failure, or the client out of tries after waiting out 429s: try again later.
      return new PostError(
        `Slack did not take the ${what} to ${channelId}: ${e.message ?? String(error)}`,
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
