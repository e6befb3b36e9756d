import type { SlackMessage } from '../blocks/block-kit.ts';
import { postOnce, postSafely, replyInChannel, type SlackRuntime } from '../runtime.ts';
import { type ChatClient, describeError } from '../slack-client.ts';
import { mayHaveLanded } from '../web-api-policy.ts';
import { type LibraryRequest, planLibrary } from './plan-library.ts';

/** Where a library command was typed in a conversation (a mention in a channel, or a DM). */
export interface LibraryPlace {
  channel: string;
  /** The thread the answer goes in (a mention's own thread; a DM's only when written in one). */
  threadTs: string | undefined;
  /** The delivery's event id: it marks the answer, so a lost post is never sent twice. */
  eventId: string | undefined;
}

/**
 * Answers `add`, `remove` or `library` where it was typed. A fetch is announced first ("Fetching
 * 2305.11206 from arXiv…", posted exactly once like any answer) and that message is then edited
 * into the result; refusals go to the asker alone. Never throws.
 */
export async function libraryInConversation(
  runtime: SlackRuntime,
  client: ChatClient,
  place: LibraryPlace,
  request: LibraryRequest,
): Promise<void> {
  const where = { channel: place.channel, thread_ts: place.threadTs, eventId: place.eventId };
  const plan = await planLibrary(runtime, client, request);
  if ('reply' in plan) {
    await replyInChannel(runtime, client, where, request.userId, plan.reply);
    return;
  }
  const placeholder = await postOnce(runtime, client, where, plan.fetching);
  const reply = await plan.finish();
  if (placeholder.ts !== undefined) {
    const shown = await updateMessage(runtime, client, place, placeholder.ts, reply.message);
    if (shown) return;
  }
  // The placeholder cannot be edited (not posted, or Slack did not say where): the result is
  // posted on its own, under a mark of its own, so a read-back never mistakes one for the other.
  await postSafely(
    runtime,
    client,
    { ...where, ...(place.eventId ? { eventId: `${place.eventId}:result` } : {}) },
    reply.message,
  );
}

/**
 * Edits the placeholder into the result, trying twice (an edit is safe to repeat). True when it
 * is, or may be, on screen; false when Slack surely refused both times.
 */
async function updateMessage(
  runtime: SlackRuntime,
  client: ChatClient,
  place: LibraryPlace,
  ts: string,
  message: SlackMessage,
): Promise<boolean> {
  let last: unknown;
  for (let attempt = 1; attempt <= 2; attempt++) {
    try {
      await client.chat.update({
        channel: place.channel,
        ts,
        text: message.text,
        blocks: message.blocks,
      });
      return true;
    } catch (error) {
      last = error;
    }
  }
  const unknown = mayHaveLanded(last);
  runtime.logger.error(
    {
      platform: 'slack',
      method: 'chat.update',
      eventId: place.eventId,
      channel: place.channel,
      outcome: unknown ? 'gave up after one retry' : 'posting the result instead',
      ...describeError(last),
    },
    'chat.update failed',
  );
  return unknown;
}
