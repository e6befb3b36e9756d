import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { commandDefinitions } from '../../../adapters/discord/commands/index.ts';
import { type DiscordBot, startDiscord } from '../../../adapters/discord/start-discord.ts';
import type { Engine } from '../../../src/index.ts';
import { recordingLogger } from '../shared/recording-logger.ts';
import { type FakeDiscord, startFakeDiscord } from './fake-discord.ts';
import { attachFakeGateway, type FakeGateway } from './fake-gateway.ts';
import { APPLICATION_ID, rawCommand } from './raw-interactions.ts';
import { tinyEngine } from './tiny-corpus.ts';

let engine: Engine;
let fake: FakeDiscord | undefined;
let bot: DiscordBot | undefined;

beforeAll(async () => {
  engine = await tinyEngine();
});
afterEach(async () => {
  await bot?.stop();
  await fake?.close();
  bot = undefined;
  fake = undefined;
});

async function start(): Promise<{
  fake: FakeDiscord;
  gateway: FakeGateway;
  logger: ReturnType<typeof recordingLogger>;
}> {
  fake = await startFakeDiscord();
  const gateway = attachFakeGateway(fake.server, { id: APPLICATION_ID, username: 'Shammie' });
  let registered: unknown[] = [];
  fake.respond((call) => {
    if (!call.path.endsWith('/commands')) return undefined;
    if (call.method === 'PUT') registered = call.body as unknown[];
    return { status: 200, body: registered };
  });
  const logger = recordingLogger();
  bot = await startDiscord({
    config: { token: 'test-token', applicationId: APPLICATION_ID, apiUrl: fake.apiUrl },
    engine,
    logger,
    // 23:30 UTC is already the next day in Paris.
    now: () => new Date('2026-05-01T23:30:00Z'),
    random: () => 0.5,
    timezone: 'Europe/Paris',
  });
  return { fake, gateway, logger };
}

describe('startDiscord', () => {
  it('syncs the commands, connects with the Guilds intent only and logs the invite URL', async () => {
    const { fake, gateway, logger } = await start();
    await gateway.ready;
    const puts = fake.find('PUT', /\/commands$/);
    expect(puts).toHaveLength(1);
    expect(puts[0]?.body).toEqual(commandDefinitions());
    const identify = gateway.received.find((m) => m.op === 2)?.d as {
      intents: number;
      token: string;
    };
    expect(identify.intents).toBe(1);
    expect(identify.token).toBe('test-token');
    const invite = logger.entries.find((e) => typeof e.fields.url === 'string');
    expect(String(invite?.fields.url)).toMatch(
      /^https:\/\/discord\.com\/oauth2\/authorize\?client_id=200000000000000001&scope=bot\+applications\.commands&permissions=\d+$/,
    );
    expect(JSON.stringify(logger.entries)).not.toContain('test-token');
  });

  it('answers an interaction that arrives over the gateway, with the local date of its zone', async () => {
    const { fake, gateway } = await start();
    await gateway.ready;
    const raw = rawCommand('daily', [{ name: 'show', type: 1, options: [] }]);
    gateway.dispatch('INTERACTION_CREATE', raw);
    const call = await fake.next((c) => c.path === `/interactions/${raw.id}/${raw.token}/callback`);
    const body = call.body as {
      type: number;
      data: { content: string; allowed_mentions: unknown };
    };
    expect(body.type).toBe(4);
    expect(body.data.content).toBe('📅 Paper of the day · 2026-05-02');
    expect(body.data.allowed_mentions).toEqual({ parse: [] });
  });

  it('does not write the commands again on the next start', async () => {
    const first = await start();
    await first.gateway.ready;
    await bot?.stop();
    bot = undefined;
    // A second bot against the same fake Discord, which now holds the commands.
    bot = await startDiscord({
      config: { token: 'test-token', applicationId: APPLICATION_ID, apiUrl: first.fake.apiUrl },
      engine,
      logger: recordingLogger(),
    });
    expect(first.fake.find('PUT', /\/commands$/)).toHaveLength(1);
    expect(first.fake.find('GET', /\/commands$/)).toHaveLength(2);
  });
});
