import { answerText } from '../answer-text.ts';
import { askInConversation } from '../ask/ask-in-conversation.ts';
import { libraryInConversation } from '../library/library-in-conversation.ts';
import { postSafely, type SlackRuntime } from '../runtime.ts';
import type { ChatClient } from '../slack-client.ts';
import {
  isFirstHumanMessage,
  libraryRequestOf,
  type MessageDelivery,
  textRequestOf,
} from './human-message.ts';

/** The slice of a `message` delivery this listener reads. */
export interface MessageArgs extends MessageDelivery {
  event: MessageDelivery['event'] & { type?: string; channel_type?: string };
  client: ChatClient;
}

/**
 * A direct message to the bot (`message.im`): answered in the DM, in a thread only when the
 * person wrote in one. A question written in the thread of an answer is a follow-up to it. Edits, joins, bot posts and the bot's own messages are not commands.
 * Messages in channels are left to the mention listener (a mention there arrives as both).
 */
export function createDirectMessageListener(runtime: SlackRuntime) {
  return async ({ event, body, context, client }: MessageArgs): Promise<void> => {
    if (event.channel_type !== 'im' || event.user === undefined) return;
    if (!isFirstHumanMessage(runtime, { event, body, context })) return;
    const eventId = body.event_id;
    // A DM is private already: every reply, notices included, is posted in it.
    const answer = await answerText(runtime, textRequestOf({ event, body, context, client }, ''));
    if ('question' in answer) {
      await askInConversation(
        runtime,
        client,
        { channel: event.channel, threadTs: event.thread_ts, eventId, user: event.user },
        answer.question,
      );
      return;
    }
    if ('library' in answer) {
      await libraryInConversation(
        runtime,
        client,
        { channel: event.channel, threadTs: event.thread_ts, eventId },
        libraryRequestOf({ event, body }, answer.library, ''),
      );
      return;
    }
    await postSafely(
      runtime,
      client,
      { channel: event.channel, thread_ts: event.thread_ts, eventId },
      answer.reply.message,
    );
  };
}
