import type { Client } from 'discord.js';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  WATCH_DISABLED,
  WATCH_NEEDS_PERMISSION,
} from '../../../adapters/discord/commands/watch.ts';
import { WATCH_BUTTON_UNKNOWN } from '../../../adapters/discord/interactions/answer-watch-button.ts';
import { limitProblems } from '../../../adapters/discord/limits.ts';
import { createDiscordClient } from '../../../adapters/discord/start-discord.ts';
import {
  createDiscordWatchPoster,
  watchNonce,
  watchPartKey,
} from '../../../adapters/discord/watch-poster.ts';
import { PostError } from '../../../adapters/shared/daily-port.ts';
import type { Engine } from '../../../src/index.ts';
import { recordingLogger } from '../shared/recording-logger.ts';
import { recordingWatch } from '../shared/recording-watch.ts';
import { watchPost } from '../shared/watch-views.ts';
import { type FakeDiscord, on, startFakeDiscord, times } from './fake-discord.ts';
import {
  APPLICATION_ID,
  CHANNEL_ID,
  GUILD_ID,
  MANAGE_GUILD,
  type RawOption,
  rawButton,
  rawCommand,
  USER_ID,
} from './raw-interactions.ts';
import { tinyEngine } from './tiny-corpus.ts';
import { type Callback, callbacks, startWiring, type Wiring } from './wiring-harness.ts';

/** Manage Channels (1 << 4): enough to change a channel's watches, not a server admin. */
const MANAGE_CHANNELS = String(1 << 4);
const CHANNEL = { platform: 'discord', channelId: CHANNEL_ID, workspaceId: GUILD_ID };
const EPHEMERAL = 64;

let engine: Engine;
let wiring: Wiring | undefined;

beforeAll(async () => {
  engine = await tinyEngine();
});
afterEach(async () => {
  await wiring?.close();
  wiring = undefined;
});

/** `/watch <sub> …` as Discord sends it. */
function watchCommand(sub: string, options: RawOption[] = [], permissions?: string) {
  return rawCommand('watch', [{ name: sub, type: 1, options }], permissions);
}

async function answer(raw: { id: string }, watch = recordingWatch()) {
  wiring = await startWiring({ engine, watch: watch.watch });
  const [callback] = callbacks(await wiring.dispatch(raw));
  return { callback: callback as Callback, calls: watch.calls };
}

describe('/watch through discord.js', () => {
  it('add hands every option to the watch service and says the answer in the channel', async () => {
    const { callback, calls } = await answer(
      watchCommand(
        'add',
        [
          { name: 'categories', type: 3, value: 'cs.CL stat.ML' },
          { name: 'keywords', type: 3, value: '"long context" retrieval' },
          { name: 'authors', type: 3, value: 'Omer Levy, Luke Zettlemoyer' },
          { name: 'exclude', type: 3, value: 'survey' },
          { name: 'crosslists', type: 5, value: false },
          { name: 'count', type: 4, value: 7 },
          { name: 'time', type: 3, value: '09:00' },
          { name: 'timezone', type: 3, value: 'Europe/Paris' },
        ],
        MANAGE_GUILD,
      ),
    );
    expect(calls).toEqual([
      {
        method: 'add',
        request: {
          channel: CHANNEL,
          user: { userId: USER_ID, isAdmin: true },
          categories: 'cs.CL stat.ML',
          keywords: '"long context" retrieval',
          authors: 'Omer Levy, Luke Zettlemoyer',
          exclude: 'survey',
          crossLists: false,
          count: 7,
          time: '09:00',
          timezone: 'Europe/Paris',
        },
      },
    ]);
    expect(callback.type).toBe(4);
    expect(callback.data?.content).toBe(
      '✅ Watching cs.CL here: 5 papers at 09:00 UTC, from tomorrow.',
    );
    expect(callback.data?.flags ?? 0).toBe(0);
    expect(callback.data?.allowed_mentions).toEqual({ parse: [] });
  });

  it('lets Manage Channels change watches, without making them a server admin', async () => {
    const { calls } = await answer(
      watchCommand('add', [{ name: 'categories', type: 3, value: 'cs.CL' }], MANAGE_CHANNELS),
    );
    expect(calls).toEqual([
      {
        method: 'add',
        request: {
          channel: CHANNEL,
          user: { userId: USER_ID, isAdmin: false },
          categories: 'cs.CL',
        },
      },
    ]);
  });

  it('refuses changes from members who cannot manage the channel, privately, asking nothing', async () => {
    for (const sub of ['add', 'remove', 'pause', 'resume']) {
      const { callback, calls } = await answer(watchCommand(sub));
      expect(calls).toEqual([]);
      expect(callback.data?.content).toBe(`⚠️ ${WATCH_NEEDS_PERMISSION}`);
      expect(callback.data?.flags).toBe(EPHEMERAL);
      await wiring?.close();
      wiring = undefined;
    }
  });

  it('remove, pause and resume name the watch as typed', async () => {
    for (const sub of ['remove', 'pause', 'resume'] as const) {
      const { calls } = await answer(
        watchCommand(sub, [{ name: 'which', type: 3, value: ' 2 ' }], MANAGE_GUILD),
      );
      expect(calls).toEqual([{ method: sub, channel: CHANNEL, which: '2' }]);
      await wiring?.close();
      wiring = undefined;
    }
    const { calls } = await answer(watchCommand('pause', [], MANAGE_GUILD));
    expect(calls).toEqual([{ method: 'pause', channel: CHANNEL, which: undefined }]);
  });

  it('list and why work for everyone and answer privately, escaped', async () => {
    const list = await answer(watchCommand('list'));
    expect(list.calls).toEqual([{ method: 'list', channel: CHANNEL }]);
    expect(list.callback.data?.flags).toBe(EPHEMERAL);
    expect(list.callback.data?.content).toBe(
      '✅ 1\\. cs.CL "long context", 5 papers at 09:00 UTC (active)',
    );
    await wiring?.close();
    const why = await answer(
      watchCommand('why', [{ name: 'paper', type: 3, value: '2601.00001' }]),
    );
    expect(why.calls).toEqual([{ method: 'why', channel: CHANNEL, paper: '2601.00001' }]);
    expect(why.callback.data?.flags).toBe(EPHEMERAL);
  });

  it('escapes what the service says, so a quoted title cannot ping', async () => {
    const watch = recordingWatch({ why: { ok: true, text: 'It matches "@everyone **now**".' } });
    const { callback } = await answer(
      watchCommand('why', [{ name: 'paper', type: 3, value: 'x' }]),
      watch,
    );
    expect(callback.data?.content).toBe('✅ It matches "@\u200beveryone \\*\\*now\\*\\*".');
  });

  it('says watches are off when the bot runs without the service', async () => {
    wiring = await startWiring({ engine });
    const [callback] = callbacks(await wiring.dispatch(watchCommand('list')));
    expect(callback?.data?.content).toBe(`⚠️ ${WATCH_DISABLED}`);
    expect(callback?.data?.flags).toBe(EPHEMERAL);
  });
});

describe('the buttons under a watch post', () => {
  it('send the press to the service and answer the presser alone, leaving the post as it is', async () => {
    const { callback, calls } = await answer(rawButton('shw1:m:w7:2601.00001'));
    expect(calls).toEqual([
      {
        method: 'feedback',
        channel: CHANNEL,
        user: { userId: USER_ID, isAdmin: false },
        arxiv: '2601.00001',
        kind: 'more',
      },
    ]);
    expect(callback.type).toBe(4);
    expect(callback.data?.flags).toBe(EPHEMERAL);
    expect(callback.data?.content).toBe('ℹ️ Noted: more papers like this from tomorrow.');
    // Never an update (type 7) or an edit of the shared message.
    expect(wiring?.fake.calls.filter((c) => c.method === 'PATCH')).toEqual([]);
  });

  it('tell the service the presser is an admin when they can Manage Server', async () => {
    const raw = rawButton('shw1:s:w7:hep-th%2F9901001');
    const byAdmin = { ...raw, member: { ...raw.member, permissions: MANAGE_GUILD } };
    const { calls } = await answer(byAdmin);
    expect(calls).toEqual([
      {
        method: 'feedback',
        channel: CHANNEL,
        user: { userId: USER_ID, isAdmin: true },
        arxiv: 'hep-th/9901001',
        kind: 'save',
      },
    ]);
  });

  it('say privately when a watch button does not read, and ask nothing', async () => {
    const { callback, calls } = await answer(rawButton('shw1:z:w7:2601.00001'));
    expect(calls).toEqual([]);
    expect(callback.data?.content).toBe(`ℹ️ ${WATCH_BUTTON_UNKNOWN}`);
    expect(callback.data?.flags).toBe(EPHEMERAL);
  });
});

describe('the Discord watch poster', () => {
  const POST = /^\/channels\/\d+\/messages$/;
  let fake: FakeDiscord;
  let client: Client;

  async function poster(options: { nonceWindowMs?: number } = {}) {
    fake = await startFakeDiscord(options);
    const logger = recordingLogger();
    client = createDiscordClient(
      { token: 't', applicationId: APPLICATION_ID, apiUrl: fake.apiUrl },
      { requestTimeoutMs: 200, maxRateLimitWaitMs: 1000 },
      logger,
    );
    client.rest.setToken('test-token');
    return { watchPoster: createDiscordWatchPoster(client, { logger }), logger };
  }
  afterEach(async () => {
    await client?.destroy();
    await fake?.close();
  });

  it('posts the papers with their buttons, mentions off, nonce enforced, and opens a thread', async () => {
    const { watchPoster } = await poster();
    const view = watchPost(3);
    const { messageId } = await watchPoster.postWatch(CHANNEL_ID, view);
    const [post, thread, ...rest] = fake.calls;
    expect(rest).toEqual([]);
    expect(post?.path).toBe(`/channels/${CHANNEL_ID}/messages`);
    const body = post?.body as Parameters<typeof limitProblems>[0] & Record<string, unknown>;
    expect(body).toMatchObject({
      content: '📰 New in cs.CL · 1 May — 3 of 143 announced',
      allowed_mentions: { parse: [] },
      nonce: watchNonce(CHANNEL_ID, watchPartKey(view, 0)),
      enforce_nonce: true,
    });
    expect(body.embeds).toHaveLength(3);
    expect(body.components?.map((row) => row.components?.map((c) => c.custom_id))).toEqual(
      ['2601.00000', '2601.00001', '2601.00002'].map((a) => [
        `shw1:m:w7:${a}`,
        `shw1:l:w7:${a}`,
        `shw1:s:w7:${a}`,
      ]),
    );
    expect(limitProblems(body)).toEqual([]);
    expect(thread?.path).toBe(`/channels/${CHANNEL_ID}/messages/${messageId}/threads`);
    expect(thread?.body).toEqual({
      name: 'Discuss: New in cs.CL · 1 May — 3 of 143 announced',
      auto_archive_duration: 1440,
    });
  });

  it('splits seven papers into two messages, the thread on the first', async () => {
    const { watchPoster } = await poster();
    const { messageId } = await watchPoster.postWatch(CHANNEL_ID, watchPost(7));
    expect(fake.channelMessages.map((m) => m.content)).toEqual([
      '📰 New in cs.CL · 1 May — 3 of 143 announced',
      '📰 New in cs.CL · 1 May — 3 of 143 announced (continued: 6–7 of 7)',
    ]);
    expect(messageId).toBe(fake.channelMessages[0]?.id);
    expect(fake.find('POST', /threads$/).map((c) => c.path)).toEqual([
      `/channels/${CHANNEL_ID}/messages/${messageId}/threads`,
    ]);
  });

  it('after the second message failed, a retry sends only that one', async () => {
    const { watchPoster } = await poster();
    const continued = (call: { body: unknown }) => JSON.stringify(call.body).includes('continued');
    fake.respond(
      times(1, (call) =>
        call.method === 'POST' && POST.test(call.path) && continued(call)
          ? { status: 400, body: { message: 'Invalid Form Body', code: 50035 } }
          : undefined,
      ),
    );
    const error = await watchPoster.postWatch(CHANNEL_ID, watchPost(7)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PostError);
    expect(fake.channelMessages).toHaveLength(1);
    const { messageId } = await watchPoster.postWatch(CHANNEL_ID, watchPost(7));
    expect(messageId).toBe(fake.channelMessages[0]?.id);
    expect(fake.channelMessages).toHaveLength(2);
    expect(fake.find('POST', POST)).toHaveLength(3);
    expect(fake.find('POST', /threads$/)).toHaveLength(1);
  });

  it('finds a message whose answer was lost instead of posting it again, once Discord forgot the nonce', async () => {
    const { watchPoster } = await poster({ nonceWindowMs: 0 });
    // Every attempt drops, the first after the message was created.
    fake.respond(on('POST', POST, { fault: 'drop' }));
    fake.respond(times(1, on('POST', POST, { fault: 'drop', processed: true })));
    const first = await watchPoster.postWatch(CHANNEL_ID, watchPost(2)).catch((e: unknown) => e);
    fake.clearResponders();
    expect(first).toMatchObject({ permanent: false });
    expect(fake.channelMessages).toHaveLength(1);
    const { messageId } = await watchPoster.postWatch(CHANNEL_ID, watchPost(2));
    expect(fake.channelMessages.map((m) => m.id)).toEqual([messageId]);
    expect(fake.find('GET', POST).length).toBeGreaterThan(0);
    expect(fake.find('POST', /threads$/)).toHaveLength(1);
  });

  it('posts "nothing matched" as one message without a thread', async () => {
    const { watchPoster } = await poster();
    await watchPoster.postWatch(CHANNEL_ID, watchPost(0, { emptyText: 'Nothing today.' }));
    expect(fake.channelMessages.map((m) => m.content)).toEqual([
      '📰 New in cs.CL · 1 May — 3 of 143 announced\nNothing today.',
    ]);
    expect(fake.find('POST', /threads$/)).toEqual([]);
  });
});
