import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SLASH_COMMAND } from '../../../adapters/slack/listeners/slash-command.ts';

interface Manifest {
  display_information: { name: string; description: string };
  features: {
    app_home: { messages_tab_enabled: boolean; messages_tab_read_only_enabled: boolean };
    bot_user: { display_name: string };
    slash_commands: Array<{
      command: string;
      description: string;
      usage_hint: string;
      should_escape: boolean;
    }>;
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { bot_events: string[] };
    interactivity: { is_enabled: boolean };
    socket_mode_enabled: boolean;
  };
}

const manifest = JSON.parse(
  readFileSync(new URL('../../../slack-manifest.json', import.meta.url), 'utf8'),
) as Manifest;

describe('slack-manifest.json', () => {
  it('declares the slash command the adapter listens for, with escaped text it can decode', () => {
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual([SLASH_COMMAND]);
    expect(manifest.features.slash_commands[0]?.should_escape).toBe(true);
  });

  it('subscribes to exactly the events the listeners handle', () => {
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual([
      'app_mention',
      'message.im',
    ]);
  });

  it('asks for the minimal scopes: one per thing the bot does', () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([
      'app_mentions:read', // hear @Shammie
      'channels:history', // read back an uncertain daily post instead of posting it twice
      'chat:write', // answer and post the daily paper
      'commands', // /shammie
      'groups:history', // the same, in private channels
      'im:history', // hear direct messages (message.im)
      'users:read', // users.info: whether someone is a workspace admin (library, watches)
    ]);
  });

  it('turns on buttons, direct messages and Socket Mode', () => {
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.features.app_home.messages_tab_enabled).toBe(true);
    expect(manifest.features.app_home.messages_tab_read_only_enabled).toBe(false);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
  });

  it('stays within Slack’s manifest field lengths', () => {
    expect(manifest.display_information.description.length).toBeLessThanOrEqual(140);
    expect(manifest.features.bot_user.display_name.length).toBeLessThanOrEqual(80);
    for (const command of manifest.features.slash_commands) {
      expect(command.command.length).toBeLessThanOrEqual(32);
      expect(command.description.length).toBeLessThanOrEqual(2000);
      expect(command.usage_hint.length).toBeLessThanOrEqual(1000);
    }
  });
});
