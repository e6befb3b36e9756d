import { Events } from 'discord.js';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type DiscordBot, startDiscord } from '../../../adapters/discord/start-discord.ts';
import type { Engine } from '../../../src/index.ts';
import { type LogEntry, recordingLogger } from '../shared/recording-logger.ts';
import { type FakeDiscord, startFakeDiscord } from './fake-discord.ts';
import { attachFakeGateway, type FakeGateway } from './fake-gateway.ts';
import { APPLICATION_ID, rawCommand } from './raw-interactions.ts';
import { tinyEngine } from './tiny-corpus.ts';

/** How late the fake Discord answers an interaction's reply. */
const SLOW_REPLY_MS = 300;
const CALLBACK = /^\/interactions\/.+\/callback$/;

let engine: Engine;
let fake: FakeDiscord | undefined;
let bot: DiscordBot | undefined;
/** For each reply answered: whether the client was still alive (it had its token) then. */
let aliveAtAnswer: boolean[] = [];

beforeAll(async () => {
  engine = await tinyEngine();
});
afterEach(async () => {
  await bot?.stop({ waitMs: 0 });
  await fake?.close();
  bot = undefined;
  fake = undefined;
  aliveAtAnswer = [];
});

/** A bot whose replies the fake Discord answers late. */
async function start(): Promise<{ bot: DiscordBot; fake: FakeDiscord; gateway: FakeGateway }> {
  fake = await startFakeDiscord();
  const gateway = attachFakeGateway(fake.server, { id: APPLICATION_ID, username: 'Shammie' });
  let registered: unknown[] = [];
  fake.respond((call) => {
    if (CALLBACK.test(call.path)) return { fault: 'delay', delayMs: SLOW_REPLY_MS };
    if (!call.path.endsWith('/commands')) return undefined;
    if (call.method === 'PUT') registered = call.body as unknown[];
    return { status: 200, body: registered };
  });
  const entries: LogEntry[] = [];
  bot = await startDiscord({
    config: { token: 'stop-token', applicationId: APPLICATION_ID, apiUrl: fake.apiUrl },
    engine,
    logger: recordingLogger(entries),
  });
  const started = bot;
  const push = entries.push.bind(entries);
  entries.push = (...added: LogEntry[]) => {
    for (const entry of added) {
      if (entry.message === 'interaction answered')
        aliveAtAnswer.push(started.client.token !== null);
    }
    return push(...added);
  };
  await gateway.ready;
  return { bot: started, fake, gateway };
}

/** True once `promise` has settled, checked after pending I/O has had its turn. */
async function settledSoon(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  void promise.then(() => {
    settled = true;
  });
  await new Promise((resolve) => setImmediate(resolve));
  await new Promise((resolve) => setImmediate(resolve));
  return settled;
}

describe('stopping the Discord adapter (discord.js public lifecycle)', () => {
  it('waits for a reply in flight, then destroys the client', async () => {
    const { bot, fake, gateway } = await start();
    const command = rawCommand('help');
    gateway.dispatch('INTERACTION_CREATE', command);
    await fake.next((c) => CALLBACK.test(c.path));
    expect(bot.busy()).toBe(1);

    const stopping = bot.stop();
    expect(await settledSoon(stopping)).toBe(false);
    expect(bot.client.token).not.toBeNull();
    await stopping;
    // The reply was answered while the client was alive; only then was it destroyed.
    expect(aliveAtAnswer).toEqual([true]);
    expect(bot.busy()).toBe(0);
    expect(bot.client.token).toBeNull();
    expect(bot.client.isReady()).toBe(false);
  });

  it('handles no interaction once it has stopped receiving, while the one in flight goes on', async () => {
    const { bot, fake, gateway } = await start();
    gateway.dispatch('INTERACTION_CREATE', rawCommand('help'));
    await fake.next((c) => CALLBACK.test(c.path));
    await bot.stopReceiving();

    const late = rawCommand('help');
    const seen = new Promise<void>((resolve) => {
      bot.client.on(Events.Raw, (packet: { d?: { id?: string } }) => {
        if (packet.d?.id === late.id) resolve();
      });
    });
    gateway.dispatch('INTERACTION_CREATE', late);
    await seen;
    await new Promise((resolve) => setImmediate(resolve));
    expect(bot.busy()).toBe(1);

    await bot.idle();
    expect(aliveAtAnswer).toEqual([true]);
    expect(fake.calls.filter((c) => c.path.includes(late.id))).toEqual([]);
  });

  it('stops without waiting past its limit for a reply that does not end', async () => {
    const { bot, fake, gateway } = await start();
    gateway.dispatch('INTERACTION_CREATE', rawCommand('help'));
    await fake.next((c) => CALLBACK.test(c.path));
    await bot.stop({ waitMs: 0 });
    expect(bot.client.token).toBeNull();
  });
});
