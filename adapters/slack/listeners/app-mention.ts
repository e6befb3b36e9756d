import { answerText } from '../answer-text.ts';
import { replyInChannel, type SlackRuntime } from '../runtime.ts';
import type { ChatClient } from '../slack-client.ts';
import { isFirstHumanMessage, type MessageDelivery, textRequestOf } from './human-message.ts';

/** The slice of an `app_mention` delivery this listener reads. */
export interface AppMentionArgs extends MessageDelivery {
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
    if (!isFirstHumanMessage(runtime, { event, body, context })) return;
    const eventId = body.event_id;
    const reply = await answerText(
      runtime,
      textRequestOf({ event, body, context }, MENTION_INVOCATION),
    );
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
