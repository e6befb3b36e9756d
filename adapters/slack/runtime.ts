import { APOLOGY } from '../../src/index.ts';
import type { Logger } from '../shared/logger.ts';
import type { SlackMessage } from './blocks/block-kit.ts';
import { toSlackMessage } from './blocks/to-slack-message.ts';
import type { DeliveryDedupe } from './delivery-dedupe.ts';
import type { Reply, ReplyDeps } from './reply-deps.ts';
import { type ChatClient, describeError } from './slack-client.ts';

/** Everything the listeners share: the reply dependencies, delivery memory and the logger. */
export interface SlackRuntime {
  deps: ReplyDeps;
  dedupe: DeliveryDedupe;
  logger: Logger;
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
 * Posts a message; a failure (channel gone, rate limit after retries, Slack down) is logged
 * with the event id and swallowed, so one bad post never takes the process down.
 */
export async function postSafely(
  runtime: SlackRuntime,
  client: ChatClient,
  where: { channel: string; thread_ts?: string | undefined; eventId?: string | undefined },
  message: SlackMessage,
): Promise<boolean> {
  try {
    await client.chat.postMessage({
      channel: where.channel,
      ...(where.thread_ts ? { thread_ts: where.thread_ts } : {}),
      ...message,
    });
    return true;
  } catch (error) {
    runtime.logger.error(
      { eventId: where.eventId, channel: where.channel, ...describeError(error) },
      'chat.postMessage failed',
    );
    return false;
  }
}
