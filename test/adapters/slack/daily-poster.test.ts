import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PostError } from '../../../adapters/shared/daily-port.ts';
import {
  createSlackPoster,
  DEFAULT_RETRY_AFTER_MS,
  THREAD_STARTER,
  toPostError,
} from '../../../adapters/slack/daily-poster.ts';
import { dailyView } from '../../../src/index.ts';
import { type FakeSlackApi, startFakeSlackApi } from './fake-slack-api.ts';
import { violations } from './message-checks.ts';
import { tinyEngine } from './reply-deps-fixture.ts';

let api: FakeSlackApi;
beforeAll(async () => {
  api = await startFakeSlackApi();
});
afterAll(async () => {
  await api?.close();
});
beforeEach(() => {
  api.clearFailures();
  api.calls.length = 0;
});

/** A real Web API client pointed at the fake, without retries so failures surface at once. */
function client(options: { rejectRateLimitedCalls?: boolean } = {}) {
  return new webApi.WebClient('xoxb-daily', {
    slackApiUrl: api.apiUrl,
    retryConfig: { retries: 0 },
    ...options,
  });
}

async function view() {
  const out = dailyView(await tinyEngine(), '2024-05-01');
  if (out.kind !== 'daily') throw new Error('expected a daily view');
  return out;
}

describe('createSlackPoster', () => {
  it('posts the daily paper as blocks with a fallback, no unfurl, and opens its thread', async () => {
    const poster = createSlackPoster(client());
    expect(poster.platform).toBe('slack');
    const { messageId } = await poster.postDaily('C0DAILY', await view());
    const [post, starter] = api.callsTo('chat.postMessage');
    expect(messageId).toMatch(/^\d+\.\d+$/);
    expect(post?.body.channel).toBe('C0DAILY');
    expect(post?.body.unfurl_links).toBe('false');
    expect(post?.body.unfurl_media).toBe('false');
    expect(String(post?.body.text)).toContain('Paper of the day (2024-05-01)');
    const blocks = post?.body.blocks as Array<{ type: string; text?: { text: string } }>;
    expect(blocks[0]?.text?.text).toBe('Paper of the day · 2024-05-01');
    expect(
      violations({
        text: String(post?.body.text),
        blocks: blocks as never,
        unfurl_links: false,
        unfurl_media: false,
      }),
    ).toEqual([]);
    expect(starter?.body.thread_ts).toBe(messageId);
    expect(starter?.body.text).toBe(THREAD_STARTER);
  });

  it('still reports the post when only the thread starter fails', async () => {
    const poster = createSlackPoster({
      chat: {
        postMessage: async (args) => {
          if (args.thread_ts) throw new Error('boom');
          return { ok: true, ts: '111.222' };
        },
      },
    });
    await expect(poster.postDaily('C1', await view())).resolves.toEqual({ messageId: '111.222' });
  });

  it.each([
    'channel_not_found',
    'not_in_channel',
    'is_archived',
    'account_inactive',
    'invalid_auth',
  ])('maps %s to a permanent failure', async (error) => {
    api.failWith('chat.postMessage', { json: { ok: false, error } });
    const failure = await createSlackPoster(client())
      .postDaily('C0GONE', await view())
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(PostError);
    expect(failure).toMatchObject({ permanent: true });
    expect((failure as PostError).message).toContain(error);
  });

  it('maps a rate limit to a retry after Slack’s delay', async () => {
    api.failWith('chat.postMessage', {
      status: 429,
      json: { ok: false, error: 'ratelimited' },
      headers: { 'retry-after': '7' },
    });
    const failure = await createSlackPoster(client({ rejectRateLimitedCalls: true }))
      .postDaily('C0BUSY', await view())
      .catch((e: unknown) => e);
    expect(failure).toMatchObject({ permanent: false, retryAfterMs: 7000 });
  });

  it('maps a server error to a retry, not a permanent failure', async () => {
    api.failWith('chat.postMessage', { status: 503, json: { ok: false } });
    const failure = await createSlackPoster(client())
      .postDaily('C0DOWN', await view())
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(PostError);
    expect(failure).toMatchObject({ permanent: false });
    expect((failure as PostError).retryAfterMs).toBeGreaterThan(0);
  });

  it('maps an unknown platform error to a retry, and a network failure too', () => {
    const platform = toPostError(
      { code: 'slack_webapi_platform_error', data: { error: 'internal_error' } },
      'C1',
    );
    expect(platform).toMatchObject({ permanent: false, retryAfterMs: DEFAULT_RETRY_AFTER_MS });
    const network = toPostError(new Error('ECONNRESET'), 'C1');
    expect(network).toMatchObject({ permanent: false });
    expect(network.message).toContain('ECONNRESET');
  });
});
