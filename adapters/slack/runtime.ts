import { APOLOGY } from '../../src/index.ts';
import type { LibraryService } from '../library/library-service.ts';
import type { AskService } from '../shared/ask-port.ts';
import type { Logger } from '../shared/logger.ts';
import { type RateLimiter, rateKey, rateLimitText } from '../shared/rate-limit.ts';
import { LOOKBACK_MS } from '../shared/uncertain-attempts.ts';
import type { AskThreads } from './ask/ask-threads.ts';
import type { EditClock } from './ask/paced-edits.ts';
import type { SlackMessage } from './blocks/block-kit.ts';
import { toSlackMessage } from './blocks/to-slack-message.ts';
import type { DeliveryDedupe } from './delivery-dedupe.ts';
import { findMarkedMessage } from './marked-messages.ts';
import type { Reply, ReplyDeps } from './reply-deps.ts';
import type { SlackAdmins } from './slack-admins.ts';
import { type ChatClient, describeError } from './slack-client.ts';
import { mayHaveLanded } from './web-api-policy.ts';

/**
 * Everything the listeners share: the reply dependencies, delivery memory, the per-user rate
 * limit (one bucket per workspace + user, for mentions, DMs, `/shammie` and buttons alike), the
 * logger, the ask service and the library.
 */
export interface SlackRuntime {
  deps: ReplyDeps;
  dedupe: DeliveryDedupe;
  limiter: RateLimiter;
  logger: Logger;
  ask: SlackAsk;
  /** Who the workspace's admins and owners are (users.info, remembered briefly). */
  admins: SlackAdmins;
  /** The library's service and who the workspace's admins are; absent: the library is fixed. */
  library?: SlackLibrary;
}

/** What `add`, `remove` and `library` need. */
export interface SlackLibrary {
  service: LibraryService;
  admins: SlackAdmins;
}

/** What answering questions needs: who writes the answers, and the threads' earlier questions. */
export interface SlackAsk {
  service: AskService;
  threads: AskThreads;
  /** Shortest time between two edits of a streaming answer (default `EDIT_INTERVAL_MS`). */
  editIntervalMs?: number;
  /** The clock those edits are paced by; the app's clock and real waits when absent. */
  editClock?: EditClock;
}

/** Who is asking, for the rate limit. */
export interface Asker {
  teamId?: string | undefined;
  userId?: string | undefined;
}

/** What a user over the rate limit is told, privately where Slack allows. */
export function rateLimitReply(retryAfterMs: number): Reply {
  return {
    message: toSlackMessage({ kind: 'notice', tone: 'info', text: rateLimitText(retryAfterMs) }),
    visibility: 'private',
    askerOnly: true,
  };
}

/**
 * Takes a token from the asker's bucket. Over the limit, logs it and returns the notice to send
 * instead of an answer; otherwise undefined. Called before any decoding or core work.
 */
export function rateLimited(
  runtime: SlackRuntime,
  asker: Asker,
  requestId: string | undefined,
): Reply | undefined {
  const decision = runtime.limiter.take(rateKey('slack', asker.teamId ?? '-', asker.userId ?? '-'));
  if (decision.allowed) return undefined;
  runtime.logger.info(
    { eventId: requestId, userId: asker.userId, retryAfterMs: decision.retryAfterMs },
    'Slack request rate limited',
  );
  return rateLimitReply(decision.retryAfterMs);
}

/** The message a user gets when something broke on our side: short, no stack trace. */
export function apologyReply(): Reply {
  return {
    message: toSlackMessage({ kind: 'notice', tone: 'error', code: 'INTERNAL', text: APOLOGY }),
    visibility: 'private',
  };
}

/**
 * Runs `work` and returns its reply; when it throws (a bug, not a user error: those are notices
 * already), logs the error with the event id and returns the apology instead.
 */
export async function replyOrApology(
  runtime: SlackRuntime,
  eventId: string | undefined,
  work: () => Promise<Reply> | Reply,
): Promise<Reply> {
  try {
    return await work();
  } catch (error) {
    runtime.logger.error({ eventId, err: error }, 'failed to answer a Slack request');
    return apologyReply();
  }
}

/**
 * Answers in a channel thread: a reply meant for the asker alone goes as an ephemeral message,
 * anything else is posted. When Slack refuses the ephemeral message (e.g. the asker left), the
 * reply goes in the thread instead; when its outcome is unknown (a 5xx, a timeout: it may be on
 * the asker's screen already, and ephemeral messages cannot be read back), nothing more is sent.
 * Never throws.
 */
export async function replyInChannel(
  runtime: SlackRuntime,
  client: ChatClient,
  where: { channel: string; thread_ts?: string | undefined; eventId?: string | undefined },
  user: string | undefined,
  reply: Reply,
): Promise<boolean> {
  // In a DM (ids start with D) everything is private already: post as usual.
  if (reply.askerOnly && user !== undefined && !where.channel.startsWith('D')) {
    try {
      await client.chat.postEphemeral({
        channel: where.channel,
        user,
        ...(where.thread_ts ? { thread_ts: where.thread_ts } : {}),
        text: reply.message.text,
        blocks: reply.message.blocks,
      });
      return true;
    } catch (error) {
      const unknown = mayHaveLanded(error);
      const fields = { platform: 'slack', method: 'chat.postEphemeral', eventId: where.eventId };
      if (unknown) {
        runtime.logger.error(
          {
            ...fields,
            channel: where.channel,
            outcome: 'gave up; may be shown, not repeated',
            ...describeError(error),
          },
          'chat.postEphemeral failed',
        );
        return false;
      }
      runtime.logger.warn(
        {
          ...fields,
          channel: where.channel,
          outcome: 'answering in the thread instead',
          ...describeError(error),
        },
        'chat.postEphemeral failed; answering in the thread instead',
      );
    }
  }
  return postSafely(runtime, client, where, reply.message);
}

/** The metadata event type that marks Shammie's answers (invisible in the channel). */
export const ANSWER_EVENT_TYPE = 'shammie_answer';

type Where = { channel: string; thread_ts?: string | undefined; eventId?: string | undefined };

/**
 * Posts a message, exactly once where Slack lets that be checked. Each answer is marked with
 * metadata naming the request it answers; a post whose outcome is unknown (a 5xx, a timeout, a
 * dropped connection) is looked for in the thread (`conversations.replies`) or the DM before it
 * is sent again, once. Where it cannot be looked for (no history scope, no request id), it is not
 * sent again: a missing answer and a log line rather than a duplicate. Every failure is logged
 * with the platform, the method, the event id and the outcome, and swallowed.
 */
export async function postSafely(
  runtime: SlackRuntime,
  client: ChatClient,
  where: Where,
  message: SlackMessage,
): Promise<boolean> {
  return (await postOnce(runtime, client, where, message)).posted;
}

/** A post's outcome: whether it is in the conversation, and its ts when Slack said which. */
export interface PostOutcome {
  posted: boolean;
  ts?: string;
}

/**
 * `postSafely`, telling the posted message's ts (the one Slack answered, or the one read back
 * after an uncertain post): what a message to be edited later, or a thread, is found by.
 */
export async function postOnce(
  runtime: SlackRuntime,
  client: ChatClient,
  where: Where,
  message: SlackMessage,
): Promise<PostOutcome> {
  const mark = where.eventId
    ? { event_type: ANSWER_EVENT_TYPE, event_payload: { request: where.eventId } }
    : undefined;
  const args = {
    channel: where.channel,
    ...(where.thread_ts ? { thread_ts: where.thread_ts } : {}),
    ...message,
    ...(mark ? { metadata: mark } : {}),
  };
  const sentAt = runtime.deps.now().getTime();
  try {
    return posted(await client.chat.postMessage(args));
  } catch (error) {
    if (!mayHaveLanded(error) || !mark) {
      logPostFailure(runtime, where, error, mayHaveLanded(error) ? UNKNOWN : 'gave up');
      return { posted: false };
    }
    let earlier: string | undefined;
    try {
      earlier = await findMarkedMessage(
        client,
        { channel: where.channel, threadTs: where.thread_ts, oldest: sentAt - LOOKBACK_MS },
        mark,
      );
    } catch (readError) {
      logPostFailure(runtime, where, error, UNKNOWN, {
        readBack: describeError(readError).error,
      });
      return { posted: false };
    }
    if (earlier !== undefined) {
      logPostFailure(runtime, where, error, 'answered once', { ts: earlier });
      return { posted: true, ts: earlier };
    }
    try {
      const again = await client.chat.postMessage(args);
      logPostFailure(runtime, where, error, 'retried once, after checking it was not posted');
      return posted(again);
    } catch (again) {
      logPostFailure(runtime, where, again, 'gave up after one retry');
      return { posted: false };
    }
  }
}

function posted(result: { ts?: string }): PostOutcome {
  return result.ts !== undefined ? { posted: true, ts: result.ts } : { posted: true };
}

/** The outcome of a failed post that may be on screen and was not sent again. */
const UNKNOWN = 'gave up; may be shown, not repeated';

function logPostFailure(
  runtime: SlackRuntime,
  where: Where,
  error: unknown,
  outcome: string,
  extra: Record<string, unknown> = {},
): void {
  const settled = outcome === 'answered once' || outcome.startsWith('retried');
  runtime.logger[settled ? 'warn' : 'error'](
    {
      platform: 'slack',
      method: 'chat.postMessage',
      eventId: where.eventId,
      channel: where.channel,
      outcome,
      ...describeError(error),
      ...extra,
    },
    'chat.postMessage failed',
  );
}

/**
 * Waits one turn of the event loop (after pending I/O): requests that arrived meanwhile are
 * read and acknowledged before this one's synchronous work starts.
 */
export function letOthersAck(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
