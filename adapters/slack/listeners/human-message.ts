import type { LibraryCommand } from '../../../src/index.ts';
import type { TextRequest } from '../answer-text.ts';
import type { LibraryRequest } from '../library/plan-library.ts';
import type { SlackRuntime } from '../runtime.ts';
import type { UsersClient } from '../slack-client.ts';

/** What the mention and direct-message listeners read of a delivery, alike. */
export interface MessageDelivery {
  event: {
    text?: string;
    channel: string;
    ts: string;
    thread_ts?: string;
    user?: string;
    bot_id?: string;
    subtype?: string;
  };
  body: { event_id?: string; team_id?: string };
  context: { botUserId?: string; retryNum?: number };
}

/**
 * True for the first delivery of a person's plain message: bots (this one included), edits and
 * other subtypes are never commands, and a retried or doubled delivery is answered once.
 */
export function isFirstHumanMessage(runtime: SlackRuntime, delivery: MessageDelivery): boolean {
  const { event, body, context } = delivery;
  if (!event.channel || !event.ts) return false;
  if (event.subtype !== undefined || event.bot_id !== undefined) return false;
  if (context.botUserId !== undefined && event.user === context.botUserId) return false;
  const eventId = body.event_id;
  if (!runtime.dedupe.isFirst({ eventId, channel: event.channel, ts: event.ts })) {
    runtime.logger.debug({ eventId, retryNum: context.retryNum }, 'repeat delivery ignored');
    return false;
  }
  return true;
}

/** The text request of a message, for `answerText`; `invocation` is how help shows commands. */
export function textRequestOf(
  delivery: MessageDelivery & { client?: UsersClient },
  invocation: string,
): TextRequest {
  const { event, body, context } = delivery;
  return {
    ...(delivery.client ? { client: delivery.client } : {}),
    raw: event.text ?? '',
    asker: { teamId: body.team_id, userId: event.user },
    requestId: body.event_id,
    botUserId: context.botUserId,
    origin: {
      channelId: event.channel,
      ...(body.team_id ? { teamId: body.team_id } : {}),
      invocation,
    },
  };
}

/** A library command typed in a message, as `library/` takes it. */
export function libraryRequestOf(
  delivery: Pick<MessageDelivery, 'event' | 'body'>,
  command: LibraryCommand,
  invocation: string,
): LibraryRequest {
  return {
    command,
    teamId: delivery.body.team_id,
    userId: delivery.event.user,
    channelId: delivery.event.channel,
    requestId: delivery.body.event_id,
    invocation,
  };
}
