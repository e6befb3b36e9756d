import { answerText } from '../answer-text.ts';
import { postSafely, type SlackRuntime } from '../runtime.ts';
import type { ChatClient } from '../slack-client.ts';

/** The slice of a `message` delivery this listener reads. */
export interface MessageArgs {
  event: {
    type?: string;
    channel_type?: string;
    subtype?: string;
    text?: string;
    channel: string;
    ts: string;
    thread_ts?: string;
    user?: string;
    bot_id?: string;
  };
  body: { event_id?: string; team_id?: string };
  context: { botUserId?: string; retryNum?: number };
  client: ChatClient;
}

/**
 * A direct message to the bot (`message.im`): answered in the DM, in a thread only when the
 * person wrote in one. Edits, joins, bot posts and the bot's own messages are not commands.
 * Messages in channels are left to the mention listener (a mention there arrives as both).
 */
export function createDirectMessageListener(runtime: SlackRuntime) {
  return async ({ event, body, context, client }: MessageArgs): Promise<void> => {
    const eventId = body.event_id;
    if (event.channel_type !== 'im' || !event.channel || !event.ts) return;
    if (event.subtype !== undefined || event.bot_id !== undefined) return;
    if (event.user === undefined || event.user === context.botUserId) return;
    if (!runtime.dedupe.isFirst({ eventId, channel: event.channel, ts: event.ts })) {
      runtime.logger.debug({ eventId, retryNum: context.retryNum }, 'repeat delivery ignored');
      return;
    }
    // A DM is private already: every reply, notices included, is posted in it.
    const reply = await answerText(runtime, {
      raw: event.text ?? '',
      asker: { teamId: body.team_id, userId: event.user },
      requestId: eventId,
      botUserId: context.botUserId,
      origin: {
        channelId: event.channel,
        ...(body.team_id ? { teamId: body.team_id } : {}),
        invocation: '',
      },
    });
    await postSafely(
      runtime,
      client,
      { channel: event.channel, thread_ts: event.thread_ts, eventId },
      reply.message,
    );
  };
}
