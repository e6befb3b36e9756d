import { replyToAction } from '../reply-to-action.ts';
import { type RespondingDelivery, respondOnce } from '../respond-once.ts';
import {
  letOthersAck,
  postSafely,
  rateLimited,
  replyOrApology,
  type SlackRuntime,
} from '../runtime.ts';

/** The slice of a `block_actions` delivery this listener reads. */
export interface BlockActionArgs extends RespondingDelivery {
  action: { action_id: string; type?: string; value?: string };
  body: {
    trigger_id?: string;
    user?: { id: string; team_id?: string };
    team?: { id: string } | null;
    channel?: { id: string };
    message?: { ts: string; thread_ts?: string };
    container?: { is_ephemeral?: boolean; channel_id?: string };
  };
}

/**
 * Summary, Similar, Cite and More results. Acknowledged before any work (Slack gives 3 s).
 * More results replaces the list it was pressed on; the others answer in the message's thread
 * (or plainly in a DM). Errors and expired pages go only to the person who pressed.
 */
export function createBlockActionsListener(runtime: SlackRuntime) {
  return async ({ action, body, ack, respond, client }: BlockActionArgs): Promise<void> => {
    await ack();
    await letOthersAck();
    const requestId = body.trigger_id;
    const asker = { teamId: body.user?.team_id ?? body.team?.id, userId: body.user?.id };
    const reply =
      rateLimited(runtime, asker, requestId) ??
      (await replyOrApology(runtime, requestId, () =>
        replyToAction(action.action_id, action.value ?? '', runtime.deps),
      ));
    const channel = body.channel?.id ?? body.container?.channel_id;
    const sendPrivately =
      reply.visibility === 'private' || !channel || !body.message || body.container?.is_ephemeral;
    const target = { respond, client, channel, user: body.user?.id, requestId, what: 'button' };
    if ('replaceOriginal' in reply && reply.replaceOriginal) {
      await respondOnce(runtime, target, { ...reply.message, replace_original: true });
    } else if (sendPrivately) {
      await respondOnce(runtime, target, {
        ...reply.message,
        response_type: 'ephemeral',
        replace_original: false,
      });
    } else if (channel && body.message) {
      // In a DM the answer follows the conversation; in a channel it goes in the thread.
      const threadTs = isDirectMessage(channel)
        ? body.message.thread_ts
        : (body.message.thread_ts ?? body.message.ts);
      await postSafely(
        runtime,
        client,
        { channel, thread_ts: threadTs, eventId: requestId },
        reply.message,
      );
    }
  };
}

/** Slack's DM channel ids start with D. */
function isDirectMessage(channelId: string): boolean {
  return channelId.startsWith('D');
}
