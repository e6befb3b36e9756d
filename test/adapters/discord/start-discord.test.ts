import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { commandDefinitions } from '../../../adapters/discord/commands/index.ts';
import {
  type DiscordBot,
  type StartDiscordOptions,
  startDiscord,
} from '../../../adapters/discord/start-discord.ts';
import { DEFAULT_LIBRARY_EDITORS } from '../../../adapters/library/editors.ts';
import { createLibraryService } from '../../../adapters/library/library-service.ts';
import { createModelAsker } from '../../../adapters/llm/ask-with-model.ts';
import { createChatClient } from '../../../adapters/llm/chat-client.ts';
import type { Engine } from '../../../src/index.ts';
import { openTestLibrary, startServices } from '../library/helpers.ts';
import { startFakeOpenAi } from '../llm/fake-openai.ts';
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

async function start(extra: Pick<StartDiscordOptions, 'ask' | 'library'> = {}): Promise<{
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
    ...extra,
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

  it('answers /ask from the library alone when the app gives no ask service', async () => {
    const { fake, gateway } = await start();
    await gateway.ready;
    const raw = rawCommand('ask', [
      { name: 'question', type: 3, value: 'is the complexity quadratic?' },
    ]);
    gateway.dispatch('INTERACTION_CREATE', raw);
    const call = await fake.next((c) => c.path === `/interactions/${raw.id}/${raw.token}/callback`);
    const body = call.body as { type: number; data: { embeds: Array<{ description: string }> } };
    expect(body.type).toBe(4);
    expect(body.data.embeds[0]?.description).toMatch(/^What 2 papers in the library say:\n> /);
  });

  it('answers /ask with the app’s ask service when it is given one (a model: deferred first)', async () => {
    const model = await startFakeOpenAi(() => ({
      kind: 'stream',
      deltas: ['Transformers scale quadratically with sequence length [1].'],
    }));
    try {
      const asker = createModelAsker({
        client: createChatClient({ baseUrl: model.url, model: 'tiny', timeoutMs: 5000 }),
      });
      const { fake, gateway } = await start({
        ask: { usesModel: true, ask: (e, request) => asker.ask(e, request.question) },
      });
      await gateway.ready;
      const raw = rawCommand('ask', [
        { name: 'question', type: 3, value: 'is the complexity quadratic?' },
      ]);
      gateway.dispatch('INTERACTION_CREATE', raw);
      const call = await fake.next(
        (c) => c.path === `/interactions/${raw.id}/${raw.token}/callback`,
      );
      expect((call.body as { type: number }).type).toBe(5);
      const edit = await fake.next((c) => c.method === 'PATCH' && c.path.includes(raw.token));
      const body = edit.body as { embeds: Array<{ description: string }> };
      expect(body.embeds[0]?.description).toMatch(
        /^From one paper in the library .*\n\nTransformers scale quadratically with sequence length\. \[\\\[1\\\]\]/,
      );
      expect(model.requests).toHaveLength(1);
    } finally {
      await model.close();
    }
  });

  it('gives /library the app’s library service', async () => {
    const library = openTestLibrary();
    const services = await startServices();
    try {
      const { fake, gateway } = await start({
        library: createLibraryService({
          store: library.store,
          sources: services.sources,
          editors: DEFAULT_LIBRARY_EDITORS,
          engine,
          files: () => engine.papers,
          now: () => Date.parse('2026-05-01T23:30:00Z'),
        }),
      });
      await gateway.ready;
      const raw = rawCommand('library');
      gateway.dispatch('INTERACTION_CREATE', raw);
      const call = await fake.next(
        (c) => c.path === `/interactions/${raw.id}/${raw.token}/callback`,
      );
      const body = call.body as { data: { embeds: Array<{ title: string; description: string }> } };
      expect(body.data.embeds[0]?.title).toBe('📚 The library');
      expect(body.data.embeds[0]?.description).toMatch(
        new RegExp(
          `^\\*\\*${engine.papers.length} papers\\*\\*: ${engine.papers.length} from the corpus files, 0 added`,
        ),
      );
    } finally {
      await services.close();
      library.cleanup();
    }
  });
});
