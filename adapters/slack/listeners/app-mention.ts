import { answerText } from '../answer-text.ts';
import { askInConversation } from '../ask/ask-in-conversation.ts';
import { libraryInConversation } from '../library/library-in-conversation.ts';
import { replyInChannel, type SlackRuntime } from '../runtime.ts';
import type { ChatClient } from '../slack-client.ts';
import {
  isFirstHumanMessage,
  libraryRequestOf,
  type MessageDelivery,
  textRequestOf,
} from './human-message.ts';

/** The slice of an `app_mention` delivery this listener reads. */
export interface AppMentionArgs extends MessageDelivery {
  client: ChatClient;
}

/** How a mention addresses the bot, for help's examples. */
export const MENTION_INVOCATION = '@Shammie';

/**
 * `@Shammie …` in a channel: answered once, in the thread of the message that asked (a mistake
 * in the request, or going too fast, is told to the asker alone). A question is answered there
 * too, with the thread's earlier questions as context, and so are `add`, `remove` and `library`. Bots (this one included) are never
 * answered.
 */
export function createAppMentionListener(runtime: SlackRuntime) {
  return async ({ event, body, context, client }: AppMentionArgs): Promise<void> => {
    if (!isFirstHumanMessage(runtime, { event, body, context })) return;
    const eventId = body.event_id;
    const answer = await answerText(
      runtime,
      textRequestOf({ event, body, context, client }, MENTION_INVOCATION),
    );
    const threadTs = event.thread_ts ?? event.ts;
    if ('question' in answer) {
      await askInConversation(
        runtime,
        client,
        { channel: event.channel, threadTs, eventId, user: event.user },
        answer.question,
      );
      return;
    }
    if ('library' in answer) {
      await libraryInConversation(
        runtime,
        client,
        { channel: event.channel, threadTs, eventId },
        libraryRequestOf({ event, body }, answer.library, MENTION_INVOCATION),
      );
      return;
    }
    // Mistakes and rate-limit notices go to the asker alone; answers go in the thread.
    await replyInChannel(
      runtime,
      client,
      { channel: event.channel, thread_ts: threadTs, eventId },
      event.user,
      answer.reply,
    );
  };
}
