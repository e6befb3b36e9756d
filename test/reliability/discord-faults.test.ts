import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { APOLOGY, type Engine } from '../../src/index.ts';
import { on, rateLimited, times } from '../adapters/discord/fake-discord.ts';
import { APPLICATION_ID, rawCommand } from '../adapters/discord/raw-interactions.ts';
import { tinyEngine } from '../adapters/discord/tiny-corpus.ts';
import {
  type Callback,
  callbacks,
  startWiring,
  type Wiring,
} from '../adapters/discord/wiring-harness.ts';
import { watchUnhandledRejections } from './helpers.ts';

/**
 * The Discord API misbehaving under a real discord.js client: 429s, 5xx, silence and dropped
 * connections on the interaction callback and on the follow-ups and edits of a deferred answer.
 * Deadlines are shortened so the suite stays quick; the behaviour is the production one.
 */

const CALLBACK = /^\/interactions\/\d+\/[^/]+\/callback$/;
const ORIGINAL = /^\/webhooks\/\d+\/[^/]+\/messages\/(@|%40)original$/;
const FOLLOW_UP = /^\/webhooks\/\d+\/[^/]+$/;
const TUNING = { callbackDeadlineMs: 1500, requestTimeoutMs: 300, maxRateLimitWaitMs: 2000 };

const search = () => rawCommand('search', [{ name: 'query', type: 3, value: 'long context' }]);
const missing = () => rawCommand('paper', [{ name: 'paper', type: 3, value: 'no such thing' }]);

let engine: Engine;
let wiring: Wiring | undefined;
const rejections = watchUnhandledRejections();

beforeAll(async () => {
  engine = await tinyEngine();
});
afterEach(async () => {
  await wiring?.close();
  wiring = undefined;
});
afterAll(() => {
  rejections.stop();
  expect(rejections.reasons).toEqual([]);
});

async function start(options: { deferred?: boolean; tuning?: typeof TUNING } = {}) {
  wiring = await startWiring({
    engine,
    client: options.tuning ?? TUNING,
    ...(options.deferred ? { deferAbovePapers: 0 } : {}),
  });
  return wiring;
}

function errorsFor(w: Wiring, interactionId: string) {
  return w.logger.entries.filter(
    (e) => (e.level === 'error' || e.level === 'warn') && e.fields.interactionId === interactionId,
  );
}

const errName = (entry: { fields: Record<string, unknown> } | undefined) =>
  (entry?.fields.err as Error | undefined)?.name;

describe('the interaction callback', () => {
  it('waits out a short 429 (Retry-After) and answers', async () => {
    const w = await start();
    w.fake.respond(times(1, on('POST', CALLBACK, rateLimited(0.2))));
    const raw = search();
    const calls = await w.dispatch(raw);
    const answers = callbacks(calls);
    expect(answers).toHaveLength(2);
    expect(answers[1]?.data?.embeds?.length).toBeGreaterThan(0);
    expect(errorsFor(w, raw.id)).toEqual([]);
  });

  it('gives up at once on a 429 longer than the 3-second window, and logs it', async () => {
    const w = await start();
    w.fake.respond(on('POST', CALLBACK, rateLimited(30)));
    const raw = search();
    const calls = await w.dispatch(raw);
    // Refused by discord.js's rate-limit check (RateLimitError below) and the answer not tried
    // again: it did not wait the 30 s Discord asked for (waiting could not have helped). Only
    // the apology follows it.
    const answers = callbacks(calls).filter((c) => (c.data?.embeds?.length ?? 0) > 0);
    expect(answers).toHaveLength(1);
    const [failed] = errorsFor(w, raw.id);
    expect(failed?.message).toBe('interaction failed');
    expect(errName(failed)).toMatch(/^RateLimitError/);
  });

  it('retries a 5xx (discord.js) and answers', async () => {
    const w = await start();
    w.fake.respond(times(2, on('POST', CALLBACK, { status: 503, body: { message: 'busy' } })));
    const raw = search();
    const answers = callbacks(await w.dispatch(raw));
    expect(answers).toHaveLength(3);
    expect(answers[2]?.data?.embeds?.length).toBeGreaterThan(0);
    expect(errorsFor(w, raw.id)).toEqual([]);
  });

  it('logs a callback that keeps failing with the interaction id, and stays up', async () => {
    const w = await start();
    w.fake.respond(on('POST', CALLBACK, { status: 500, body: { message: 'down' } }));
    const raw = search();
    await w.dispatch(raw);
    const logged = errorsFor(w, raw.id);
    expect(logged[0]?.message).toBe('interaction failed');
    expect(errName(logged[0])).toBe('HTTPError');
    expect(logged.some((e) => e.message === 'could not send the apology')).toBe(true);
    // Discord is back: the next interaction is answered as usual.
    w.fake.clearResponders();
    const [next] = callbacks(await w.dispatch(search()));
    expect(next?.data?.embeds?.length).toBeGreaterThan(0);
  });

  it('abandons a callback that gets no answer within its window, without retrying it', async () => {
    const w = await start({ tuning: { ...TUNING, callbackDeadlineMs: 300 } });
    w.fake.respond(on('POST', CALLBACK, { fault: 'hang' }));
    const raw = search();
    const calls = await w.dispatch(raw);
    // One attempt; the apology finds the window closed and sends nothing.
    expect(callbacks(calls)).toHaveLength(1);
    const [failed] = errorsFor(w, raw.id);
    expect(errName(failed)).toBe('InteractionDeadlineError');
  });

  it('sends the answer once more after a dropped connection', async () => {
    const w = await start();
    w.fake.respond(times(1, on('POST', CALLBACK, { fault: 'drop' })));
    const raw = search();
    const answers = callbacks(await w.dispatch(raw));
    expect(answers).toHaveLength(2);
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[1]?.data?.embeds?.length).toBeGreaterThan(0);
    expect(errorsFor(w, raw.id)).toEqual([]);
  });

  it('takes "already acknowledged" after a drop as the answer having landed (no apology)', async () => {
    const w = await start();
    w.fake.respond(times(1, on('POST', CALLBACK, { fault: 'drop', processed: true })));
    const raw = search();
    const answers = callbacks(await w.dispatch(raw));
    expect(answers).toHaveLength(2);
    expect(answers.every((a) => a.data?.content !== `⚠️ ${APOLOGY}`)).toBe(true);
    expect(errorsFor(w, raw.id)).toEqual([]);
  });
});

describe('follow-ups and edits of a deferred answer', () => {
  const edits = (w: Wiring) => w.fake.find('PATCH', ORIGINAL);

  it('waits out a short global 429 on the edit and edits the answer in', async () => {
    const w = await start({ deferred: true });
    w.fake.respond(times(1, on('PATCH', ORIGINAL, rateLimited(0.2, { global: true }))));
    const raw = search();
    await w.dispatch(raw);
    expect(edits(w)).toHaveLength(2);
    expect((edits(w)[1]?.body as Callback['data'])?.embeds?.length).toBeGreaterThan(0);
    expect(errorsFor(w, raw.id)).toEqual([]);
  });

  it('gives up on a 429 longer than the cap, logs it and apologises privately', async () => {
    const w = await start({ deferred: true });
    w.fake.respond(on('PATCH', ORIGINAL, rateLimited(60)));
    const raw = search();
    const calls = await w.dispatch(raw);
    expect(errName(errorsFor(w, raw.id)[0])).toMatch(/^RateLimitError/);
    // The public "thinking…" goes; the apology follows privately.
    expect(calls.some((c) => c.method === 'DELETE' && ORIGINAL.test(c.path))).toBe(true);
    const apology = calls.find((c) => c.method === 'POST' && FOLLOW_UP.test(c.path));
    expect(apology?.body).toMatchObject({ flags: 64, content: `⚠️ ${APOLOGY}` });
  });

  it('retries a 5xx on the edit (discord.js) and edits the answer in', async () => {
    const w = await start({ deferred: true });
    w.fake.respond(times(2, on('PATCH', ORIGINAL, { status: 502, body: { message: 'bad gw' } })));
    const raw = search();
    await w.dispatch(raw);
    expect(edits(w)).toHaveLength(3);
    expect(errorsFor(w, raw.id)).toEqual([]);
  });

  it('times out an edit that gets no answer, retries it, then logs and apologises', async () => {
    const w = await start({ deferred: true });
    w.fake.respond(on('PATCH', ORIGINAL, { fault: 'hang' }));
    const raw = search();
    const calls = await w.dispatch(raw);
    // The first try and discord.js's three retries, each cut off by the request timeout.
    expect(edits(w)).toHaveLength(4);
    expect(errName(errorsFor(w, raw.id).find((e) => e.message === 'interaction failed'))).toBe(
      'DiscordUnreachableError',
    );
    expect(calls.some((c) => c.method === 'POST' && FOLLOW_UP.test(c.path))).toBe(true);
  });

  it('logs an edit whose connection drops, and apologises', async () => {
    const w = await start({ deferred: true });
    w.fake.respond(on('PATCH', ORIGINAL, { fault: 'drop' }));
    const raw = search();
    const calls = await w.dispatch(raw);
    expect(errorsFor(w, raw.id).some((e) => e.message === 'interaction failed')).toBe(true);
    expect(calls.some((c) => c.method === 'POST' && FOLLOW_UP.test(c.path))).toBe(true);
  });

  it('does not repeat a follow-up after a 5xx: the notice is missing, and the log says so', async () => {
    const w = await start({ deferred: true });
    w.fake.respond(times(1, on('POST', FOLLOW_UP, { fault: 'error', status: 500 })));
    const raw = missing();
    await w.dispatch(raw);
    expect(w.fake.find('POST', FOLLOW_UP)).toHaveLength(1);
    // Nothing reached the user (the public "thinking…" is gone): a missing answer, not a double.
    expect(w.fake.visible(raw.token)).toEqual([]);
    const [gaveUp] = w.logger.entries.filter((e) => e.fields.outcome === 'gave up, not repeated');
    expect(gaveUp).toMatchObject({
      level: 'warn',
      fields: {
        platform: 'discord',
        method: 'POST',
        route: `/webhooks/${APPLICATION_ID}/:token`,
        status: 500,
      },
    });
    expect(errorsFor(w, raw.id).map((e) => e.fields.outcome)).toEqual(['not repeated']);
  });
});

/**
 * The user must see every answer exactly once, also when Discord carried out a write but its
 * answer never reached the bot (a 5xx after the write, no answer before the timeout, a
 * connection dropped after sending).
 */
describe('a write that landed although its answer was lost', () => {
  const nothingFound = () =>
    rawCommand('search', [{ name: 'query', type: 3, value: 'zebra quagga okapi' }]);
  const lostAnswers = [
    ['a 500 after the write', { fault: 'error', status: 500, processed: true }],
    ['no answer before the timeout', { fault: 'hang', processed: true }],
    ['a connection dropped after sending', { fault: 'drop', processed: true }],
  ] as const;

  for (const [what, fault] of lostAnswers) {
    it(`shows a deferred search's private "nothing found" once after ${what}`, async () => {
      const w = await start({ deferred: true });
      w.fake.respond(on('POST', FOLLOW_UP, fault));
      const raw = nothingFound();
      await w.dispatch(raw);
      const seen = w.fake.visible(raw.token);
      expect(seen).toHaveLength(1);
      expect(seen[0]).toMatchObject({
        flags: 64,
        content: expect.stringMatching(/^No papers match/),
      });
      expect(w.fake.find('POST', FOLLOW_UP)).toHaveLength(1);
      const warned = errorsFor(w, raw.id);
      expect(warned.map((e) => e.fields.outcome)).toEqual(['not repeated']);
      // The interaction token is a secret: masked in every route and error the log holds.
      expect(JSON.stringify(w.logger.entries)).not.toContain(raw.token);
      expect(
        w.logger.entries.some((e) => e.fields.route === `/webhooks/${APPLICATION_ID}/:token`),
      ).toBe(true);
    });

    it(`shows a deferred answer once when its edit landed after ${what}`, async () => {
      const w = await start({ deferred: true });
      w.fake.respond(on('PATCH', ORIGINAL, fault));
      const raw = search();
      await w.dispatch(raw);
      const seen = w.fake.visible(raw.token);
      expect(seen).toHaveLength(1);
      expect(seen[0]?.embeds.length).toBeGreaterThan(0);
      // Edits are safe to repeat, and a read-back of the original showed the answer there.
      expect(w.fake.find('POST', FOLLOW_UP)).toHaveLength(0);
      expect(w.fake.find('GET', ORIGINAL)).toHaveLength(1);
      expect(errorsFor(w, raw.id).at(-1)?.fields.outcome).toBe('answered once');
      expect(JSON.stringify(w.logger.entries)).not.toContain(raw.token);
    });
  }

  it('shows the answer once when the callback got a 500 after Discord took it', async () => {
    const w = await start();
    w.fake.respond(
      times(1, on('POST', CALLBACK, { fault: 'error', status: 500, processed: true })),
    );
    const raw = search();
    const answers = callbacks(await w.dispatch(raw));
    expect(answers).toHaveLength(2);
    expect(w.fake.visible(raw.token)).toHaveLength(1);
    const outcomes = w.logger.entries.map((e) => e.fields.outcome).filter(Boolean);
    expect(outcomes).toEqual(['retried', 'answered once']);
    expect(w.logger.entries.every((e) => e.level !== 'error')).toBe(true);
  });
});
