import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createDiscordPoster,
  threadName,
  toPostError,
} from '../../../adapters/discord/daily-poster.ts';
import { limitProblems } from '../../../adapters/discord/limits.ts';
import { createDiscordClient } from '../../../adapters/discord/start-discord.ts';
import { PostError } from '../../../adapters/shared/daily-port.ts';
import { type DailyView, dailyView, type Engine } from '../../../src/index.ts';
import { recordingLogger } from '../shared/recording-logger.ts';
import { type FakeDiscord, startFakeDiscord } from './fake-discord.ts';
import { APPLICATION_ID, CHANNEL_ID } from './raw-interactions.ts';
import { tinyEngine } from './tiny-corpus.ts';

let engine: Engine;
let fake: FakeDiscord;
let view: DailyView;

beforeAll(async () => {
  engine = await tinyEngine();
  view = dailyView(engine, '2026-05-01') as DailyView;
});
beforeEach(async () => {
  fake = await startFakeDiscord();
  fake.respond((call) =>
    /\/threads$/.test(call.path)
      ? { status: 201, body: { id: '1', type: 11, name: 'x' } }
      : undefined,
  );
});
afterEach(async () => {
  await fake.close();
});

function poster(logger = recordingLogger()) {
  const client = createDiscordClient({
    token: 't',
    applicationId: APPLICATION_ID,
    apiUrl: fake.apiUrl,
  });
  client.rest.setToken('test-token');
  return { poster: createDiscordPoster(client, { logger }), client, logger };
}

describe('the Discord daily post', () => {
  it('posts the paper as an embed with mentions off, then opens a thread on it', async () => {
    const { poster: p, client } = poster();
    const { messageId } = await p.postDaily(CHANNEL_ID, view);
    await client.destroy();
    const [post, thread] = fake.calls;
    expect(post?.method).toBe('POST');
    expect(post?.path).toBe(`/channels/${CHANNEL_ID}/messages`);
    const body = post?.body as Parameters<typeof limitProblems>[0] & { components?: unknown[] };
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(body.content).toBe('📅 Paper of the day · 2026-05-01');
    expect(body.embeds?.[0]?.title).toBe(view.card.title);
    expect(body.components ?? []).toEqual([]);
    expect(limitProblems(body)).toEqual([]);
    expect(thread?.path).toBe(`/channels/${CHANNEL_ID}/messages/${messageId}/threads`);
    expect(thread?.body).toEqual({ name: threadName(view), auto_archive_duration: 1440 });
    expect(messageId).toMatch(/^\d+$/);
  });

  it('names the thread "Discuss: <title>", cut to 100 characters', () => {
    expect(threadName(view)).toBe(`Discuss: ${view.card.title}`.slice(0, 100));
    const long = { ...view, card: { ...view.card, title: `@everyone ${'w'.repeat(300)}` } };
    expect(threadName(long).length).toBeLessThanOrEqual(100);
    expect(threadName(long)).not.toContain('@everyone');
  });

  it('keeps the post when the thread cannot be opened, and logs why', async () => {
    fake.respond((call) =>
      /\/threads$/.test(call.path)
        ? { status: 403, body: { message: 'Missing Permissions', code: 50013 } }
        : undefined,
    );
    const { poster: p, client, logger } = poster();
    const { messageId } = await p.postDaily(CHANNEL_ID, view);
    await client.destroy();
    expect(messageId).toMatch(/^\d+$/);
    expect(fake.find('POST', /messages$/)).toHaveLength(1);
    expect(logger.entries.some((e) => e.level === 'warn' && e.fields.messageId === messageId)).toBe(
      true,
    );
  });

  it.each([
    [404, 10003, 'Unknown Channel'],
    [403, 50001, 'Missing Access'],
    [403, 50013, 'Missing Permissions'],
  ])('gives up for good on %i %i (%s)', async (status, code, message) => {
    fake.respond((call) =>
      call.method === 'POST' ? { status, body: { message, code } } : undefined,
    );
    const { poster: p, client } = poster();
    const error = await p.postDaily(CHANNEL_ID, view).catch((e: unknown) => e);
    await client.destroy();
    expect(error).toBeInstanceOf(PostError);
    expect((error as PostError).permanent).toBe(true);
    expect(fake.find('POST', /threads$/)).toHaveLength(0);
  });
});

describe('toPostError', () => {
  const request = { body: undefined, files: undefined };

  it('asks for a retry after a server error', () => {
    const error = toPostError(
      new DiscordAPIError({ message: 'oops', code: 0 }, 0, 502, 'POST', '/x', request),
    );
    expect(error).toMatchObject({ permanent: false });
    expect(error.retryAfterMs).toBeGreaterThan(0);
    expect(
      toPostError(new HTTPError(503, 'Service Unavailable', 'POST', '/x', request)).permanent,
    ).toBe(false);
  });

  it('waits as long as a rate limit says', () => {
    const limited = new RateLimitError({
      timeToReset: 1500,
      limit: 5,
      method: 'POST',
      hash: 'h',
      url: '/x',
      route: '/channels/:id/messages',
      majorParameter: '1',
      global: false,
      retryAfter: 1500,
      sublimitTimeout: 0,
      scope: 'user',
    });
    expect(toPostError(limited)).toMatchObject({ permanent: false, retryAfterMs: 1500 });
  });

  it('retries after a network failure', () => {
    expect(toPostError(new Error('ECONNRESET')).permanent).toBe(false);
  });
});
