import type { Client } from 'discord.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordPoster, dailyNonce } from '../../adapters/discord/daily-poster.ts';
import { createDiscordClient } from '../../adapters/discord/start-discord.ts';
import { type DailyPoster, PostError } from '../../adapters/shared/daily-port.ts';
import { type DailyView, dailyView, type Engine } from '../../src/index.ts';
import {
  type FakeDiscord,
  on,
  rateLimited,
  startFakeDiscord,
  times,
} from '../adapters/discord/fake-discord.ts';
import { APPLICATION_ID, CHANNEL_ID } from '../adapters/discord/raw-interactions.ts';
import { tinyEngine } from '../adapters/discord/tiny-corpus.ts';
import { fakeClock, instance } from '../adapters/scheduler/helpers.ts';
import { tempDir } from '../adapters/scheduler/temp-dir.ts';
import { recordingLogger } from '../adapters/shared/recording-logger.ts';
import { watchUnhandledRejections } from './helpers.ts';

/**
 * The Discord daily post against a misbehaving API, through the real poster and discord.js:
 * whatever the API does, the channel ends up with the day's post exactly once.
 */

const POST = /^\/channels\/\d+\/messages$/;
const TUNING = { requestTimeoutMs: 200, maxRateLimitWaitMs: 1000 };

let engine: Engine;
let view: DailyView;
let fake: FakeDiscord | undefined;
let client: Client | undefined;
const rejections = watchUnhandledRejections();

beforeAll(async () => {
  engine = await tinyEngine();
  view = dailyView(engine, '2026-05-01') as DailyView;
});
afterEach(async () => {
  await client?.destroy();
  await fake?.close();
  client = undefined;
  fake = undefined;
});
afterAll(() => {
  rejections.stop();
  expect(rejections.reasons).toEqual([]);
});

async function setUp(options: { nonceWindowMs?: number } = {}) {
  const server = await startFakeDiscord(options);
  fake = server;
  const logger = recordingLogger();
  const discord = createDiscordClient(
    { token: 't', applicationId: APPLICATION_ID, apiUrl: server.apiUrl },
    TUNING,
    logger,
  );
  discord.rest.setToken('test-token');
  client = discord;
  return { fake: server, poster: createDiscordPoster(discord, { logger }), logger };
}

const posts = (f: FakeDiscord) => f.find('POST', POST);
const failure = (poster: DailyPoster) =>
  poster.postDaily(CHANNEL_ID, view).then(
    () => {
      throw new Error('expected the post to fail');
    },
    (error: unknown) => error as PostError,
  );

describe('the Discord daily poster under faults', () => {
  it('sends a post again at once after a dropped connection, and the nonce keeps it single', async () => {
    const { fake: f, poster, logger } = await setUp();
    f.respond(times(1, on('POST', POST, { fault: 'drop', processed: true })));
    const { messageId } = await poster.postDaily(CHANNEL_ID, view);
    expect(posts(f)).toHaveLength(2);
    expect(f.channelMessages.map((m) => m.id)).toEqual([messageId]);
    const retried = logger.entries.find((e) => e.fields.outcome === 'retried');
    expect(retried).toMatchObject({
      level: 'warn',
      fields: { platform: 'discord', method: 'POST', route: `/channels/${CHANNEL_ID}/messages` },
    });
  });

  it('sends every attempt of a day with the same nonce, enforced', async () => {
    const { fake: f, poster } = await setUp();
    await poster.postDaily(CHANNEL_ID, view);
    expect(posts(f)[0]?.body).toMatchObject({
      nonce: dailyNonce(CHANNEL_ID, '2026-05-01'),
      enforce_nonce: true,
    });
    expect(dailyNonce(CHANNEL_ID, '2026-05-01')).toHaveLength(25);
    expect(dailyNonce(CHANNEL_ID, '2026-05-02')).not.toBe(dailyNonce(CHANNEL_ID, '2026-05-01'));
  });

  it('maps a lasting 5xx to a retryable PostError, after discord.js’s own retries', async () => {
    const { fake: f, poster } = await setUp();
    f.respond(on('POST', POST, { status: 503, body: { message: 'unavailable' } }));
    const error = await failure(poster);
    expect(error).toBeInstanceOf(PostError);
    expect(error).toMatchObject({ permanent: false });
    expect(error.retryAfterMs).toBeGreaterThan(0);
    expect(posts(f)).toHaveLength(4);
    expect(f.channelMessages).toHaveLength(0);
  });

  it('waits out a short 429 and posts once', async () => {
    const { fake: f, poster } = await setUp();
    f.respond(times(1, on('POST', POST, rateLimited(0.2))));
    const { messageId } = await poster.postDaily(CHANNEL_ID, view);
    expect(f.channelMessages.map((m) => m.id)).toEqual([messageId]);
  });

  it('maps a long 429 to PostError.retryAfterMs instead of blocking the scheduler', async () => {
    const { fake: f, poster } = await setUp();
    f.respond(on('POST', POST, rateLimited(60)));
    const error = await failure(poster);
    expect(error).toMatchObject({ permanent: false });
    expect(error.retryAfterMs).toBeGreaterThanOrEqual(60_000);
    expect(posts(f)).toHaveLength(1);
  });

  it('posts once when the answers come too late but the post went through (the nonce)', async () => {
    const { fake: f, poster } = await setUp();
    // Each attempt is created at once but answered after the client has given up on it.
    f.respond(times(2, on('POST', POST, { fault: 'delay', delayMs: 400 })));
    const { messageId } = await poster.postDaily(CHANNEL_ID, view);
    expect(posts(f).length).toBe(3);
    expect(f.channelMessages.map((m) => m.id)).toEqual([messageId]);
  });

  it('finds its own post on the next try when every answer was lost and Discord forgot the nonce', async () => {
    const { fake: f, poster, logger } = await setUp({ nonceWindowMs: 0 });
    // Responders are tried newest first: the first try is created, discord.js's retries not.
    f.respond(times(3, on('POST', POST, { fault: 'hang' })));
    f.respond(times(1, on('POST', POST, { fault: 'hang', processed: true })));
    const error = await failure(poster);
    expect(error).toMatchObject({ permanent: false });
    expect(f.channelMessages).toHaveLength(1);
    // The scheduler tries again: the poster reads the channel and finds the post.
    const { messageId } = await poster.postDaily(CHANNEL_ID, view);
    expect(f.channelMessages.map((m) => m.id)).toEqual([messageId]);
    expect(posts(f)).toHaveLength(4);
    expect(f.find('GET', POST)).toHaveLength(1);
    expect(f.find('POST', /\/threads$/).map((c) => c.path)).toEqual([
      `/channels/${CHANNEL_ID}/messages/${messageId}/threads`,
    ]);
    expect(logger.entries.some((e) => e.message.startsWith('an earlier attempt'))).toBe(true);
  });

  it('posts on the next try when the lost attempt had not gone through', async () => {
    const { fake: f, poster } = await setUp({ nonceWindowMs: 0 });
    f.respond(times(4, on('POST', POST, { fault: 'hang' })));
    await failure(poster);
    expect(f.channelMessages).toHaveLength(0);
    const { messageId } = await poster.postDaily(CHANNEL_ID, view);
    expect(f.channelMessages.map((m) => m.id)).toEqual([messageId]);
  });

  it('treats a dropped connection as uncertain too, and never doubles the post', async () => {
    const { fake: f, poster } = await setUp({ nonceWindowMs: 0 });
    // A post safe to repeat (its nonce) is sent again at once: every attempt drops, the first
    // after it was created.
    f.respond(on('POST', POST, { fault: 'drop' }));
    f.respond(times(1, on('POST', POST, { fault: 'drop', processed: true })));
    const error = await failure(poster);
    f.clearResponders();
    expect(error).toMatchObject({ permanent: false });
    const { messageId } = await poster.postDaily(CHANNEL_ID, view);
    expect(f.channelMessages.map((m) => m.id)).toEqual([messageId]);
  });

  it('logs when it cannot read the channel back, and lets the nonce guard the resend', async () => {
    const { fake: f, poster, logger } = await setUp();
    f.respond(times(4, on('POST', POST, { fault: 'drop', processed: true })));
    f.respond(on('GET', POST, { status: 403, body: { message: 'Missing Access', code: 50001 } }));
    await failure(poster);
    expect(f.channelMessages).toHaveLength(1);
    const { messageId } = await poster.postDaily(CHANNEL_ID, view);
    expect(f.channelMessages.map((m) => m.id)).toEqual([messageId]);
    expect(
      logger.entries.some((e) => e.level === 'warn' && /could not check/.test(e.message)),
    ).toBe(true);
  });

  it('does not read the channel back after a refusal that created nothing (429, 4xx)', async () => {
    const { fake: f, poster } = await setUp({ nonceWindowMs: 0 });
    f.respond(times(1, on('POST', POST, rateLimited(60))));
    await failure(poster);
    await poster.postDaily(CHANNEL_ID, view);
    expect(f.find('GET', POST)).toHaveLength(0);
    expect(f.channelMessages).toHaveLength(1);
  });
});

describe('the Discord daily post through the real scheduler', () => {
  const dirs: Array<{ remove(): void }> = [];
  afterAll(() => {
    for (const dir of dirs) dir.remove();
  });

  async function scheduled(setUpFaults: (f: FakeDiscord) => void) {
    const { fake: f, poster } = await setUp({ nonceWindowMs: 0 });
    setUpFaults(f);
    const dir = tempDir();
    dirs.push(dir);
    const clock = fakeClock('2026-05-01T08:00:00Z');
    const bot = instance(dir.path, clock, [poster]);
    await bot.commands.subscribe({
      channel: { platform: 'discord', channelId: CHANNEL_ID },
      time: '09:00',
      timezone: 'UTC',
    });
    return { f, bot, clock };
  }

  it('posts once when the first tick’s attempts all lost their answers after sending', async () => {
    const { f, bot, clock } = await scheduled((fake) => {
      // Responders are tried newest first: the first attempt is created, the rest are not.
      fake.respond(on('POST', POST, { fault: 'hang' }));
      fake.respond(times(1, on('POST', POST, { fault: 'hang', processed: true })));
    });
    try {
      clock.set('2026-05-01T09:00:30Z');
      const first = await bot.scheduler.tick();
      expect(first.failed).toBe(1);
      expect(f.channelMessages).toHaveLength(1);
      f.clearResponders();
      clock.set('2026-05-01T10:30:00Z');
      await bot.scheduler.tick();
      const record = bot.store.getPost('discord', CHANNEL_ID, '2026-05-01');
      expect(record?.status).toBe('posted');
      expect(f.channelMessages.map((m) => m.id)).toEqual([record?.messageId]);
    } finally {
      await bot.close();
    }
  });

  it('posts once, later, after an outage of 5xx answers', async () => {
    const { f, bot, clock } = await scheduled((fake) => {
      fake.respond(on('POST', POST, { status: 502, body: { message: 'bad gateway' } }));
    });
    try {
      clock.set('2026-05-01T09:00:30Z');
      expect((await bot.scheduler.tick()).failed).toBe(1);
      expect(f.channelMessages).toHaveLength(0);
      f.clearResponders();
      clock.set('2026-05-01T10:30:00Z');
      await bot.scheduler.tick();
      clock.set('2026-05-01T12:30:00Z');
      await bot.scheduler.tick();
      expect(bot.store.getPost('discord', CHANNEL_ID, '2026-05-01')?.status).toBe('posted');
      expect(f.channelMessages).toHaveLength(1);
    } finally {
      await bot.close();
    }
  });
});
