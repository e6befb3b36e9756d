import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commandDefinitions } from '../../../adapters/discord/commands/index.ts';
import { BOT_PERMISSIONS, inviteUrl } from '../../../adapters/discord/invite-url.ts';
import {
  createRest,
  describeRegistration,
  registerCommands,
} from '../../../adapters/discord/register-commands.ts';
import type { DiscordConfig } from '../../../adapters/shared/config.ts';
import { recordingLogger } from '../shared/recording-logger.ts';
import { type FakeDiscord, startFakeDiscord } from './fake-discord.ts';
import { APPLICATION_ID, GUILD_ID } from './raw-interactions.ts';

let fake: FakeDiscord;
/** What the fake Discord has registered; PUT replaces it, as the real bulk overwrite does. */
let registered: unknown[];

beforeEach(async () => {
  fake = await startFakeDiscord();
  registered = [];
  fake.respond((call) => {
    if (!/^\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(call.path)) return undefined;
    if (call.method === 'GET') return { status: 200, body: registered };
    if (call.method === 'PUT') {
      // Discord answers with the commands as stored: ids added, defaults dropped.
      registered = (call.body as Array<Record<string, unknown>>).map((command, i) => ({
        ...(stripDefaults(command) as Record<string, unknown>),
        id: String(900 + i),
        application_id: APPLICATION_ID,
        version: '1',
        default_member_permissions: null,
        dm_permission: true,
        nsfw: false,
      }));
      return { status: 200, body: registered };
    }
    return undefined;
  });
});
afterEach(async () => {
  await fake.close();
});

/** Drops `required: false` and `autocomplete: false`, as Discord does in what it returns. */
function stripDefaults(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripDefaults);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if ((key === 'required' || key === 'autocomplete') && v === false) continue;
    out[key] = stripDefaults(v);
  }
  return out;
}

function config(overrides: Partial<DiscordConfig> = {}): DiscordConfig {
  return { token: 'test-token', applicationId: APPLICATION_ID, apiUrl: fake.apiUrl, ...overrides };
}

const names = commandDefinitions().map((c) => c.name);

describe('registering slash commands', () => {
  it('writes every command globally, once, when none is registered', async () => {
    const logger = recordingLogger();
    const result = await registerCommands({ config: config(), logger });
    expect(result).toEqual({
      changed: true,
      scope: 'global',
      added: names,
      removed: [],
      updated: [],
    });
    const puts = fake.find('PUT', /commands$/);
    expect(puts).toHaveLength(1);
    expect(puts[0]?.path).toBe(`/applications/${APPLICATION_ID}/commands`);
    expect(puts[0]?.body).toEqual(commandDefinitions());
    expect(puts[0]?.headers.authorization).toBe('Bot test-token');
  });

  it('reads, then writes nothing, when Discord already has the same commands', async () => {
    await registerCommands({ config: config(), logger: recordingLogger() });
    const before = fake.calls.length;
    const result = await registerCommands({ config: config(), logger: recordingLogger() });
    expect(result.changed).toBe(false);
    expect(fake.calls.slice(before).map((c) => c.method)).toEqual(['GET']);
    expect(describeRegistration(result)).toBe('Slash commands (global) are already up to date.');
  });

  it('uses the guild route when DISCORD_GUILD_ID is set', async () => {
    await registerCommands({ config: config({ guildId: GUILD_ID }), logger: recordingLogger() });
    expect(fake.calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      `GET /applications/${APPLICATION_ID}/guilds/${GUILD_ID}/commands`,
      `PUT /applications/${APPLICATION_ID}/guilds/${GUILD_ID}/commands`,
    ]);
  });

  it('names what changed: a stale command removed, an edited one updated', async () => {
    await registerCommands({ config: config(), logger: recordingLogger() });
    registered = [
      ...(registered as Array<{ name: string; description: string }>).map((c) =>
        c.name === 'cite' ? { ...c, description: 'An old description' } : c,
      ),
      { id: '999', name: 'legacy', description: 'Gone', type: 1 },
    ];
    const result = await registerCommands({ config: config(), logger: recordingLogger() });
    expect(result).toMatchObject({
      changed: true,
      added: [],
      removed: ['legacy'],
      updated: ['cite'],
    });
    expect(describeRegistration(result)).toBe(
      'Slash commands (global): updated cite; removed legacy.',
    );
    expect(fake.find('PUT', /commands$/)).toHaveLength(2);
  });

  it('rejects when Discord refuses the token, for the caller to report', async () => {
    fake.respond(() => ({ status: 401, body: { message: '401: Unauthorized', code: 0 } }));
    await expect(
      registerCommands({ config: config(), logger: recordingLogger(), rest: createRest(config()) }),
    ).rejects.toThrow(/Unauthorized/);
  });
});

describe('the invite URL', () => {
  it('asks for the bot and applications.commands scopes and only the permissions it needs', () => {
    const url = new URL(inviteUrl(APPLICATION_ID));
    expect(url.origin + url.pathname).toBe('https://discord.com/oauth2/authorize');
    expect(url.searchParams.get('client_id')).toBe(APPLICATION_ID);
    expect(url.searchParams.get('scope')).toBe('bot applications.commands');
    // View Channel, Send Messages, Embed Links, Read Message History, Create Public Threads,
    // Send Messages in Threads.
    const expected =
      (1n << 10n) | (1n << 11n) | (1n << 14n) | (1n << 16n) | (1n << 35n) | (1n << 38n);
    expect(BOT_PERMISSIONS).toBe(expected);
    expect(url.searchParams.get('permissions')).toBe(expected.toString());
    const administrator = 1n << 3n;
    const mentionEveryone = 1n << 17n;
    expect(BOT_PERMISSIONS & (administrator | mentionEveryone)).toBe(0n);
  });
});
