import type { App } from '@slack/bolt';
import { ACTION_IDS } from '../blocks/action-ids.ts';
import type { SlackRuntime } from '../runtime.ts';
import type { RespondFn } from '../slack-client.ts';
import { WATCH_ACTIONS } from '../watch/watch-actions.ts';
import { createAppMentionListener } from './app-mention.ts';
import { createBlockActionsListener } from './block-actions.ts';
import { createDirectMessageListener } from './direct-message.ts';
import { createSlashCommandListener, SLASH_COMMAND } from './slash-command.ts';
import { createWatchFeedbackListener } from './watch-feedback.ts';

/** Every Shammie button, by action id. */
const OUR_ACTIONS = new RegExp(`^(?:${Object.values(ACTION_IDS).join('|')})$`);

/**
 * Registers every listener of the Slack adapter on a Bolt app (the list is explicit on purpose).
 * `respondTo` answers through a response URL in place of Bolt's `respond`, which has no
 * timeout (see `response-url.ts`).
 */
export function registerListeners(
  app: App,
  runtime: SlackRuntime,
  respondTo?: (url: string) => RespondFn,
): void {
  const bounded = <A extends { respond: RespondFn }>(url: string | undefined, args: A): A =>
    respondTo && url ? { ...args, respond: respondTo(url) } : args;
  const slashCommand = createSlashCommandListener(runtime);
  const blockActions = createBlockActionsListener(runtime);
  const watchFeedback = createWatchFeedbackListener(runtime);
  app.event('app_mention', createAppMentionListener(runtime));
  app.event('message', createDirectMessageListener(runtime));
  app.command(SLASH_COMMAND, (args) => slashCommand(bounded(args.command.response_url, args)));
  app.action({ type: 'block_actions', action_id: OUR_ACTIONS }, (args) =>
    blockActions(bounded(args.body.response_url, args)),
  );
  app.action({ type: 'block_actions', action_id: WATCH_ACTIONS }, (args) =>
    watchFeedback(bounded(args.body.response_url, args)),
  );
}
