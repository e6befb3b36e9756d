import { webApi } from '@slack/bolt';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PostError } from '../../../adapters/shared/daily-port.ts';
import { WATCH_ACTION_IDS } from '../../../adapters/slack/watch/watch-actions.ts';
import {
  createSlackWatchPoster,
  WATCH_EVENT_TYPE,
  WATCH_THREAD_STARTER,
} from '../../../adapters/slack/watch-poster.ts';
import { recordingWatch } from '../shared/recording-watch.ts';
import { watchPost } from '../shared/watch-views.ts';
import { FAKE_IDENTITY, type FakeSlackApi, startFakeSlackApi } from './fake-slack-api.ts';
import { violations } from './message-checks.ts';
import {
  blockActionForm,
  directMessageEvent,
  eventEnvelope,
  mentionEvent,
  slashCommandForm,
} from './payloads.ts';
import { postsInThread, type SlackHarness, startHarness } from './slack-harness.ts';

const CHANNEL = { platform: 'slack', channelId: 'C0LAB', workspaceId: FAKE_IDENTITY.team_id };

describe('watch commands through Bolt', () => {
  let h: SlackHarness;
  let service: ReturnType<typeof recordingWatch>;
  beforeEach(async () => {
    service = recordingWatch();
    h = await startHarness({ watch: service.watch });
  });
  afterEach(async () => {
    await h.close();
  });

  /** Mentions Shammie with `text` and waits for the answer in the thread. */
  async function mention(text: string) {
    const event = mentionEvent(text);
    await h.postJson(eventEnvelope(event));
    await h.api.waitFor((calls) => postsInThread(calls, event.ts).length > 0);
    return postsInThread(h.api.calls, event.ts)[0];
  }

  it('hands the words after `watch add` to the service, with the workspace admin it asked Slack about', async () => {
    h.api.answer('users.info', { ok: true, user: { id: 'U0ALICE', is_admin: true } });
    const answer = await mention('watch add cs.CL "long context" count 5 at 09:00');
    expect(service.calls).toEqual([
      {
        method: 'add',
        request: {
          channel: CHANNEL,
          user: { userId: 'U0ALICE', isAdmin: true },
          text: 'cs.CL "long context" count 5 at 09:00',
        },
      },
    ]);
    expect(h.api.callsTo('users.info').map((c) => c.body.user)).toEqual(['U0ALICE']);
    expect(answer?.body.text).toBe('Watching cs.CL here: 5 papers at 09:00 UTC, from tomorrow.');
  });

  it('counts a person as no admin when Slack will not say, and logs why', async () => {
    h.api.failWith('users.info', { json: { ok: false, error: 'missing_scope' } });
    await mention('watch add cs.CL');
    expect(service.calls[0]).toMatchObject({
      method: 'add',
      request: { user: { userId: 'U0ALICE', isAdmin: false } },
    });
    expect(h.logs.some((e) => e.level === 'warn' && e.fields.method === 'users.info')).toBe(true);
  });

  it('answers `/shammie watch list` in the channel with the service’s words, escaped', async () => {
    const watch = recordingWatch({ list: { ok: true, text: '1. cs.CL <!channel> & co' } });
    await h.close();
    h = await startHarness({ watch: watch.watch });
    await h.postForm(slashCommandForm('watch list', h.api.responseUrl('cmd-list')));
    await h.api.waitFor((calls) => calls.some((c) => c.responseId === 'cmd-list'));
    const response = h.api.callsTo('response_url').find((c) => c.responseId === 'cmd-list');
    expect(watch.calls).toEqual([{ method: 'list', channel: CHANNEL }]);
    expect(response?.body.response_type).toBe('in_channel');
    expect(response?.body.text).toBe('1. cs.CL &lt;!channel&gt; &amp; co');
  });

  it('asks why in a direct message, and pauses and removes by mention', async () => {
    const event = directMessageEvent('watch why 2601.00001');
    await h.postJson(eventEnvelope(event));
    await h.api.waitFor((calls) =>
      calls.some((c) => c.method === 'chat.postMessage' && c.body.channel === 'D0ALICE'),
    );
    await mention('watch pause 2');
    await mention('watch remove cs.CL');
    expect(service.calls).toEqual([
      {
        method: 'why',
        channel: { platform: 'slack', channelId: 'D0ALICE', workspaceId: FAKE_IDENTITY.team_id },
        paper: '2601.00001',
      },
      { method: 'pause', channel: CHANNEL, which: '2' },
      { method: 'remove', channel: CHANNEL, which: 'cs.CL' },
    ]);
  });

  it('sends a button press to the service and answers the presser alone', async () => {
    await h.postForm(
      blockActionForm({
        actionId: WATCH_ACTION_IDS.less,
        value: '{"w":"w7","a":"2601.00001"}',
        responseUrl: h.api.responseUrl('act-less'),
      }),
    );
    await h.api.waitFor((calls) => calls.some((c) => c.responseId === 'act-less'));
    expect(service.calls).toEqual([
      {
        method: 'feedback',
        channel: CHANNEL,
        user: { userId: 'U0ALICE', isAdmin: false },
        arxiv: '2601.00001',
        kind: 'less',
      },
    ]);
    const response = h.api.callsTo('response_url').find((c) => c.responseId === 'act-less');
    expect(response?.body).toMatchObject({
      response_type: 'ephemeral',
      replace_original: false,
      text: 'Noted: more papers like this from tomorrow.',
    });
    // The shared post is never replaced or added to.
    expect(h.api.callsTo('chat.update')).toEqual([]);
    expect(h.api.callsTo('chat.postMessage')).toEqual([]);
  });

  it('says privately when a watch button does not read, and asks nothing', async () => {
    await h.postForm(
      blockActionForm({
        actionId: WATCH_ACTION_IDS.save,
        value: 'not json',
        responseUrl: h.api.responseUrl('act-bad'),
      }),
    );
    await h.api.waitFor((calls) => calls.some((c) => c.responseId === 'act-bad'));
    expect(service.calls).toEqual([]);
    const response = h.api.callsTo('response_url').find((c) => c.responseId === 'act-bad');
    expect(response?.body).toMatchObject({
      response_type: 'ephemeral',
      text: 'That button is not one I know any more.',
    });
  });

  it('says watches are off when the bot runs without the service', async () => {
    await h.close();
    h = await startHarness();
    const answer = await mention('watch list');
    expect(answer?.body.text).toContain('Watches are not enabled on this bot.');
  });
});

describe('the Slack watch poster', () => {
  let api: FakeSlackApi;
  beforeAll(async () => {
    api = await startFakeSlackApi({ history: true });
  });
  afterAll(async () => {
    await api.close();
  });
  beforeEach(() => {
    api.clearFailures();
    api.calls.length = 0;
    api.posted.length = 0;
  });

  const client = () =>
    new webApi.WebClient('xoxb-watch', { slackApiUrl: api.apiUrl, retryConfig: { retries: 0 } });
  const topLevel = () => api.posted.filter((m) => m.thread_ts === undefined);

  it('posts the papers marked for read-back, then opens the discussion in the thread', async () => {
    const poster = createSlackWatchPoster(client());
    const { messageId } = await poster.postWatch('C0LAB', watchPost(3));
    const [post, starter, ...rest] = api.callsTo('chat.postMessage');
    expect(rest).toEqual([]);
    expect(post?.body).toMatchObject({
      channel: 'C0LAB',
      unfurl_links: 'false',
      metadata: {
        event_type: WATCH_EVENT_TYPE,
        event_payload: { date: '2026-05-01', watch: 'w7', part: '1' },
      },
    });
    const blocks = post?.body.blocks as Array<{ type: string }>;
    expect(blocks.filter((b) => b.type === 'actions')).toHaveLength(3);
    expect(
      violations({
        text: String(post?.body.text),
        blocks: blocks as never,
        unfurl_links: false,
        unfurl_media: false,
      }),
    ).toEqual([]);
    expect(starter?.body).toMatchObject({
      channel: 'C0LAB',
      thread_ts: messageId,
      text: WATCH_THREAD_STARTER,
    });
  });

  it('posts seven papers as two messages, the thread under the first', async () => {
    const poster = createSlackWatchPoster(client());
    const { messageId } = await poster.postWatch('C0LAB', watchPost(7));
    expect(topLevel()).toHaveLength(2);
    expect(topLevel()[0]?.ts).toBe(messageId);
    expect(api.posted.filter((m) => m.thread_ts === messageId)).toHaveLength(1);
  });

  it('reads the channel back after a post whose answer was lost, and never posts it twice', async () => {
    const poster = createSlackWatchPoster(client());
    api.failWith('chat.postMessage', { status: 500, processed: true }, { times: 1 });
    const error = await poster.postWatch('C0LAB', watchPost(2)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PostError);
    expect(error).toMatchObject({ permanent: false });
    expect(topLevel()).toHaveLength(1);
    const { messageId } = await poster.postWatch('C0LAB', watchPost(2));
    expect(topLevel().map((m) => m.ts)).toEqual([messageId]);
    expect(api.callsTo('conversations.history')).toHaveLength(1);
    expect(api.posted.filter((m) => m.thread_ts === messageId)).toHaveLength(1);
  });

  it('after the second message failed, a retry sends only that one', async () => {
    const real = client();
    // Slack refuses the second message of the post, once (the fake answers the refusal).
    let refused = false;
    const flaky: Parameters<typeof createSlackWatchPoster>[0] = {
      conversations: real.conversations,
      chat: {
        postMessage: (args) => {
          if (!refused && JSON.stringify(args.blocks).includes('continued')) {
            refused = true;
            api.failWith(
              'chat.postMessage',
              { json: { ok: false, error: 'invalid_blocks' } },
              {
                times: 1,
              },
            );
          }
          return real.chat.postMessage(args);
        },
      },
    };
    const poster = createSlackWatchPoster(flaky);
    const failed = await poster.postWatch('C0LAB', watchPost(7)).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(PostError);
    expect(topLevel()).toHaveLength(1);
    const { messageId } = await poster.postWatch('C0LAB', watchPost(7));
    expect(topLevel()).toHaveLength(2);
    expect(topLevel()[0]?.ts).toBe(messageId);
    expect(api.posted.filter((m) => m.thread_ts === messageId)).toHaveLength(1);
  });
});
