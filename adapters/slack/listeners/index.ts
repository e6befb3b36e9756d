import type { App } from '@slack/bolt';
import { ACTION_IDS } from '../blocks/action-ids.ts';
import type { SlackRuntime } from '../runtime.ts';
import { createAppMentionListener } from './app-mention.ts';
import { createBlockActionsListener } from './block-actions.ts';
import { createDirectMessageListener } from './direct-message.ts';
import { createSlashCommandListener, SLASH_COMMAND } from './slash-command.ts';

/** Every Shammie button, by action id. */
const OUR_ACTIONS = new RegExp(`^(?:${Object.values(ACTION_IDS).join('|')})$`);

/** Registers every listener of the Slack adapter on a Bolt app (the list is explicit on purpose). */
export function registerListeners(app: App, runtime: SlackRuntime): void {
  app.event('app_mention', createAppMentionListener(runtime));
  app.event('message', createDirectMessageListener(runtime));
  app.command(SLASH_COMMAND, createSlashCommandListener(runtime));
  app.action(
    { type: 'block_actions', action_id: OUR_ACTIONS },
    createBlockActionsListener(runtime),
  );
}
