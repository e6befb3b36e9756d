import { answerText } from '../answer-text.ts';
import { replyInChannel, type SlackRuntime } from '../runtime.ts';
import type { ChatClient } from '../slack-client.ts';

/** The slice of an `app_mention` delivery this listener reads. */
export interface AppMentionArgs {
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
  client: ChatClient;
}

/** How a mention addresses the bot, for help's examples. */
export const MENTION_INVOCATION = '@Shammie';

/**
 * `@Shammie …` in a channel: answered once, in the thread of the message that asked (a mistake
 * in the request, or going too fast, is told to the asker alone). Bots (this one included) are
 * never answered.
 */
export function createAppMentionListener(runtime: SlackRuntime) {
  return async ({ event, body, context, client }: AppMentionArgs): Promise<void> => {
    const eventId = body.event_id;
    if (!event.channel || !event.ts) return;
    if (event.bot_id !== undefined || event.subtype !== undefined) return;
    if (context.botUserId !== undefined && event.user === context.botUserId) return;
    if (!runtime.dedupe.isFirst({ eventId, channel: event.channel, ts: event.ts })) {
      runtime.logger.debug({ eventId, retryNum: context.retryNum }, 'repeat delivery ignored');
      return;
    }
    const reply = await answerText(runtime, {
      raw: event.text ?? '',
      asker: { teamId: body.team_id, userId: event.user },
      requestId: eventId,
      botUserId: context.botUserId,
      origin: {
        channelId: event.channel,
        ...(body.team_id ? { teamId: body.team_id } : {}),
        invocation: MENTION_INVOCATION,
      },
    });
    // Mistakes and rate-limit notices go to the asker alone; answers go in the thread.
    await replyInChannel(
      runtime,
      client,
      { channel: event.channel, thread_ts: event.thread_ts ?? event.ts, eventId },
      event.user,
      reply,
    );
  };
}
