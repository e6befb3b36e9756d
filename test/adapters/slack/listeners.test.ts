import { describe, expect, it } from 'vitest';
import { extractiveAskService } from '../../../adapters/shared/extractive-ask.ts';
import { createRateLimiter } from '../../../adapters/shared/rate-limit.ts';
import { createAskThreads } from '../../../adapters/slack/ask/ask-threads.ts';
import { ACTION_IDS } from '../../../adapters/slack/blocks/action-ids.ts';
import { createDeliveryDedupe } from '../../../adapters/slack/delivery-dedupe.ts';
import { createAppMentionListener } from '../../../adapters/slack/listeners/app-mention.ts';
import { createBlockActionsListener } from '../../../adapters/slack/listeners/block-actions.ts';
import { createDirectMessageListener } from '../../../adapters/slack/listeners/direct-message.ts';
import { createSlashCommandListener } from '../../../adapters/slack/listeners/slash-command.ts';
import type { ReplyDeps } from '../../../adapters/slack/reply-deps.ts';
import type { SlackRuntime } from '../../../adapters/slack/runtime.ts';
import { createSlackAdmins } from '../../../adapters/slack/slack-admins.ts';
import type {
  ChatClient,
  EphemeralArgs,
  PostMessageArgs,
  RespondMessage,
} from '../../../adapters/slack/slack-client.ts';
import { APOLOGY, type Engine } from '../../../src/index.ts';
import { recordingLogger } from '../shared/recording-logger.ts';
import { NOW, replyDeps } from './reply-deps-fixture.ts';

/** A client that records what would be posted. */
function recordingClient(options: { failPost?: boolean; failEphemeral?: boolean } = {}) {
  const posts: PostMessageArgs[] = [];
  const ephemerals: EphemeralArgs[] = [];
  const updates: unknown[] = [];
  const client: ChatClient = {
    chat: {
      async postEphemeral(args) {
        ephemerals.push(args);
        if (options.failEphemeral) {
          throw Object.assign(new Error('An API error occurred: user_not_in_channel'), {
            code: 'slack_webapi_platform_error',
            data: { error: 'user_not_in_channel' },
          });
        }
        return { ok: true };
      },
      async postMessage(args) {
        posts.push(args);
        if (options.failPost)
          throw Object.assign(new Error('An API error occurred: is_archived'), {
            code: 'slack_webapi_platform_error',
            data: { error: 'is_archived' },
          });
        return { ok: true, ts: '9.9' };
      },
      async update(args) {
        updates.push(args);
        return { ok: true };
      },
    },
    users: { info: async () => ({ user: {} }) },
  };
  return { client, posts, ephemerals, updates };
}

function recordingRespond() {
  const responses: RespondMessage[] = [];
  return { responses, respond: async (m: RespondMessage) => void responses.push(m) };
}

/** The real engine with one method broken, to stand for a bug deep in the core. */
function brokenEngine(engine: Engine): Engine {
  return new Proxy(engine, {
    get(target, property, receiver) {
      if (property === 'summarize' || property === 'search') {
        return () => {
          throw new TypeError('cannot read properties of undefined (reading "abstract")');
        };
      }
      return Reflect.get(target, property, receiver);
    },
  });
}

async function runtime(
  overrides: Partial<ReplyDeps> = {},
): Promise<SlackRuntime & { logs: ReturnType<typeof recordingLogger>['entries'] }> {
  const logger = recordingLogger();
  return {
    deps: await replyDeps(overrides),
    dedupe: createDeliveryDedupe({ now: () => NOW.getTime() }),
    admins: createSlackAdmins({ now: () => NOW.getTime(), logger }),
    // Roomy: these tests are about answers, not the rate limit (test/reliability covers it).
    limiter: createRateLimiter({ capacity: 1000, now: () => NOW.getTime() }),
    logger,
    ask: {
      service: extractiveAskService(),
      threads: createAskThreads({ now: () => NOW.getTime() }),
    },
    logs: logger.entries,
  };
}

describe('mention listener', () => {
  it('apologises in the thread and logs the event id when the core breaks', async () => {
    const base = await runtime();
    const rt = { ...base, deps: { ...base.deps, engine: brokenEngine(base.deps.engine) } };
    const { client, posts } = recordingClient();
    await createAppMentionListener(rt)({
      event: { text: '<@U0BOT> search anything', channel: 'C1', ts: '1.1', user: 'U1' },
      body: { event_id: 'EvBUG' },
      context: { botUserId: 'U0BOT' },
      client,
    });
    expect(posts).toHaveLength(1);
    expect(posts[0]?.thread_ts).toBe('1.1');
    expect(posts[0]?.text).toBe(APOLOGY);
    expect(JSON.stringify(posts[0])).not.toContain('TypeError');
    expect(base.logs.find((l) => l.level === 'error')?.fields.eventId).toBe('EvBUG');
  });

  it('logs a failed post with the event id instead of throwing', async () => {
    const rt = await runtime();
    const { client } = recordingClient({ failPost: true });
    await expect(
      createAppMentionListener(rt)({
        event: { text: '<@U0BOT> help', channel: 'C1', ts: '1.2', user: 'U1' },
        body: { event_id: 'EvARCHIVED' },
        context: { botUserId: 'U0BOT' },
        client,
      }),
    ).resolves.toBeUndefined();
    expect(rt.logs.find((l) => l.message === 'chat.postMessage failed')?.fields).toMatchObject({
      eventId: 'EvARCHIVED',
      slackError: 'is_archived',
    });
  });

  it('tells only the asker about a mistake in what they typed, in the thread', async () => {
    const rt = await runtime();
    const { client, posts, ephemerals } = recordingClient();
    await createAppMentionListener(rt)({
      event: { text: '<@U0BOT> paper', channel: 'C1', ts: '1.3', user: 'U1' },
      body: { event_id: 'EvEMPTY' },
      context: { botUserId: 'U0BOT' },
      client,
    });
    expect(posts).toEqual([]);
    expect(ephemerals).toHaveLength(1);
    expect(ephemerals[0]).toMatchObject({ channel: 'C1', user: 'U1', thread_ts: '1.3' });
  });

  it('answers a mistake in a mention made in a DM in the DM itself', async () => {
    const rt = await runtime();
    const { client, posts, ephemerals } = recordingClient();
    await createAppMentionListener(rt)({
      event: { text: '<@U0BOT> paper', channel: 'D1', ts: '1.6', user: 'U1' },
      body: { event_id: 'EvDM' },
      context: { botUserId: 'U0BOT' },
      client,
    });
    expect(ephemerals).toEqual([]);
    expect(posts).toHaveLength(1);
  });

  it('falls back to the thread when the ephemeral message is refused', async () => {
    const rt = await runtime();
    const { client, posts } = recordingClient({ failEphemeral: true });
    await createAppMentionListener(rt)({
      event: { text: '<@U0BOT> paper', channel: 'C1', ts: '1.4', user: 'U1' },
      body: { event_id: 'EvGONE' },
      context: { botUserId: 'U0BOT' },
      client,
    });
    expect(posts).toHaveLength(1);
    expect(posts[0]?.thread_ts).toBe('1.4');
    expect(rt.logs.some((l) => l.level === 'warn' && l.fields.eventId === 'EvGONE')).toBe(true);
  });

  it('refuses a 40,000-character mention politely, without reading it', async () => {
    const rt = await runtime();
    const { client, ephemerals } = recordingClient();
    await createAppMentionListener(rt)({
      event: {
        text: `<@U0BOT> search ${'a'.repeat(40_000)}`,
        channel: 'C1',
        ts: '1.5',
        user: 'U1',
      },
      body: { event_id: 'EvHUGE' },
      context: { botUserId: 'U0BOT' },
      client,
    });
    expect(ephemerals).toHaveLength(1);
    expect(ephemerals[0]?.text).toMatch(/40,0\d\d characters long; I read queries of up to 500/);
    expect(rt.logs.some((l) => l.message === 'oversized Slack message refused')).toBe(true);
  });

  it('ignores its own mentions and other bots', async () => {
    const rt = await runtime();
    const { client, posts } = recordingClient();
    const listener = createAppMentionListener(rt);
    await listener({
      event: { text: '<@U0BOT> help', channel: 'C1', ts: '2.1', user: 'U0BOT' },
      body: {},
      context: { botUserId: 'U0BOT' },
      client,
    });
    await listener({
      event: { text: '<@U0BOT> help', channel: 'C1', ts: '2.2', bot_id: 'B9' },
      body: {},
      context: { botUserId: 'U0BOT' },
      client,
    });
    expect(posts).toEqual([]);
  });
});

describe('direct message listener', () => {
  it('answers in the DM, threading only when the person wrote in a thread', async () => {
    const rt = await runtime();
    const { client, posts } = recordingClient();
    const listener = createDirectMessageListener(rt);
    await listener({
      event: { channel_type: 'im', text: 'help', channel: 'D1', ts: '3.1', user: 'U1' },
      body: {},
      context: {},
      client,
    });
    await listener({
      event: {
        channel_type: 'im',
        text: 'help',
        channel: 'D1',
        ts: '3.2',
        thread_ts: '3.0',
        user: 'U1',
      },
      body: {},
      context: {},
      client,
    });
    expect(posts.map((p) => [p.channel, p.thread_ts])).toEqual([
      ['D1', undefined],
      ['D1', '3.0'],
    ]);
  });

  it('leaves channel messages to the mention listener', async () => {
    const rt = await runtime();
    const { client, posts } = recordingClient();
    await createDirectMessageListener(rt)({
      event: { channel_type: 'channel', text: 'help', channel: 'C1', ts: '3.3', user: 'U1' },
      body: {},
      context: {},
      client,
    });
    expect(posts).toEqual([]);
  });
});

describe('slash command listener', () => {
  it('acknowledges before answering, and answers a bug with an ephemeral apology', async () => {
    const base = await runtime();
    const rt = { ...base, deps: { ...base.deps, engine: brokenEngine(base.deps.engine) } };
    const order: string[] = [];
    const { responses, respond } = recordingRespond();
    await createSlashCommandListener(rt)({
      command: { text: 'search x', channel_id: 'C1', trigger_id: 'trig-1' },
      context: {},
      ack: async () => void order.push('ack'),
      respond: async (m) => {
        order.push('respond');
        await respond(m);
      },
      client: recordingClient().client,
    });
    expect(order).toEqual(['ack', 'respond']);
    expect(responses[0]).toMatchObject({ response_type: 'ephemeral', text: APOLOGY });
    expect(base.logs.find((l) => l.level === 'error')?.fields.eventId).toBe('trig-1');
  });
});

describe('button listener', () => {
  it('acknowledges first, then answers in the message’s thread in a channel', async () => {
    const rt = await runtime();
    const { client, posts } = recordingClient();
    const order: string[] = [];
    const { respond } = recordingRespond();
    await createBlockActionsListener(rt)({
      action: { action_id: ACTION_IDS.cite, value: '2305.11206' },
      body: { channel: { id: 'C1' }, message: { ts: '4.1' } },
      ack: async () => void order.push('ack'),
      respond,
      client: {
        chat: {
          postMessage: async (args) => {
            order.push('post');
            return client.chat.postMessage(args);
          },
          postEphemeral: client.chat.postEphemeral,
          update: client.chat.update,
        },
        users: client.users,
      },
    });
    expect(order).toEqual(['ack', 'post']);
    expect(posts[0]).toMatchObject({ channel: 'C1', thread_ts: '4.1' });
  });

  it('answers a button in a DM in the DM itself', async () => {
    const rt = await runtime();
    const { client, posts } = recordingClient();
    const { respond } = recordingRespond();
    await createBlockActionsListener(rt)({
      action: { action_id: ACTION_IDS.summary, value: '2305.11206' },
      body: { channel: { id: 'D1' }, message: { ts: '4.2' } },
      ack: async () => undefined,
      respond,
      client,
    });
    expect(posts[0]).toMatchObject({ channel: 'D1' });
    expect(posts[0]?.thread_ts).toBeUndefined();
  });

  it('tells only the presser when the results expired, and on an ephemeral message', async () => {
    const rt = await runtime();
    const { client, posts } = recordingClient();
    const { responses, respond } = recordingRespond();
    const listener = createBlockActionsListener(rt);
    await listener({
      action: { action_id: ACTION_IDS.more, value: 'forgotten' },
      body: { channel: { id: 'C1' }, message: { ts: '4.3' } },
      ack: async () => undefined,
      respond,
      client,
    });
    await listener({
      action: { action_id: ACTION_IDS.similar, value: '2305.11206' },
      body: { container: { is_ephemeral: true, channel_id: 'C1' } },
      ack: async () => undefined,
      respond,
      client,
    });
    expect(posts).toEqual([]);
    expect(responses.map((r) => [r.response_type, r.replace_original])).toEqual([
      ['ephemeral', false],
      ['ephemeral', false],
    ]);
  });
});
