import { richNotice } from '../../../src/index.ts';
import type { ChannelRef } from '../../shared/daily-port.ts';
import { type Reply, replyFromView } from '../reply-deps.ts';
import { type RespondingDelivery, respondOnce } from '../respond-once.ts';
import { letOthersAck, rateLimited, replyOrApology, type SlackRuntime } from '../runtime.ts';
import type { UsersClient } from '../slack-client.ts';
import { decodeWatchValue, watchKindOf } from '../watch/watch-actions.ts';

/** Said when a watch button is pressed on a bot that runs without the watch service. */
export const WATCH_BUTTONS_OFF =
  'Watches are not enabled on this bot any more, so this button does nothing now.';
/** Said for a watch button whose value does not read (from a newer or older version). */
export const WATCH_BUTTON_UNKNOWN = 'That button is not one I know any more.';

/** The slice of a `block_actions` delivery of a watch button this listener reads. */
export interface WatchFeedbackArgs extends RespondingDelivery {
  action: { action_id: string; value?: string };
  body: {
    trigger_id?: string;
    user?: { id: string; team_id?: string };
    team?: { id: string } | null;
    channel?: { id: string };
    container?: { channel_id?: string };
  };
  client: RespondingDelivery['client'] & UsersClient;
}

/**
 * More like this, Not for us and Save under a watch post: acknowledged at once, then the press
 * goes to the watch service for the post's channel, from the person who pressed (an admin when
 * Slack says they are a workspace admin or owner), and the answer goes to them alone. The shared
 * post is never replaced.
 */
export function createWatchFeedbackListener(runtime: SlackRuntime) {
  return async (args: WatchFeedbackArgs): Promise<void> => {
    const { body, ack, respond, client } = args;
    await ack();
    await letOthersAck();
    const requestId = body.trigger_id;
    const teamId = body.user?.team_id ?? body.team?.id;
    const asker = { teamId, userId: body.user?.id };
    const channel = body.channel?.id ?? body.container?.channel_id;
    const reply =
      rateLimited(runtime, asker, requestId) ??
      (await replyOrApology(runtime, requestId, () => feedbackReply(runtime, args, channel)));
    await respondOnce(
      runtime,
      { respond, client, channel, user: body.user?.id, requestId, what: 'watch button' },
      { ...reply.message, response_type: 'ephemeral', replace_original: false },
    );
  };
}

async function feedbackReply(
  runtime: SlackRuntime,
  { action, body, client }: WatchFeedbackArgs,
  channelId: string | undefined,
): Promise<Reply> {
  const notice = (ok: boolean, text: string) =>
    replyFromView(richNotice(ok ? 'info' : 'error', [text]), runtime.deps, '');
  const kind = watchKindOf(action.action_id);
  const pressed = decodeWatchValue(action.value ?? '');
  const userId = body.user?.id;
  if (!kind || !pressed || !channelId || !userId) return notice(true, WATCH_BUTTON_UNKNOWN);
  const watch = runtime.deps.watch;
  if (!watch) return notice(true, WATCH_BUTTONS_OFF);
  const teamId = body.user?.team_id ?? body.team?.id;
  const channel: ChannelRef = {
    platform: 'slack',
    channelId,
    ...(teamId ? { workspaceId: teamId } : {}),
  };
  const isAdmin = await runtime.admins.isAdmin(client, teamId, userId);
  const result = await watch.feedback(channel, { userId, isAdmin }, pressed.arxiv, kind);
  return notice(result.ok, result.text);
}
