import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../../adapters/slack/blocks/action-ids.ts';
import type { SlackMessage } from '../../../adapters/slack/blocks/block-kit.ts';
import type { RecordedCall } from './fake-slack-api.ts';
import { violations } from './message-checks.ts';
import {
  blockActionForm,
  directMessageEvent,
  eventEnvelope,
  mentionEvent,
  nextTs,
  slashCommandForm,
} from './payloads.ts';
import { recordingDaily } from './reply-deps-fixture.ts';
import { postSigned } from './signed-request.ts';
import {
  BOT_TOKEN,
  postsInThread,
  SIGNING_SECRET,
  type SlackHarness,
  startHarness,
} from './slack-harness.ts';

let h: SlackHarness;
const daily = recordingDaily();

beforeAll(async () => {
  h = await startHarness({ daily });
});
afterAll(async () => {
  await h?.close();
});

/** A recorded post as the message Slack would show. */
function asMessage(call: RecordedCall): SlackMessage {
  return {
    text: String(call.body.text),
    blocks: call.body.blocks as SlackMessage['blocks'],
    unfurl_links:
      call.body.unfurl_links === 'false' || call.body.unfurl_links === false
        ? false
        : (call.body.unfurl_links as false),
    unfurl_media:
      call.body.unfurl_media === 'false' || call.body.unfurl_media === false
        ? false
        : (call.body.unfurl_media as false),
  };
}

const buttonsIn = (call: RecordedCall | undefined) =>
  (
    (call?.body.blocks ?? []) as Array<{ elements?: Array<{ action_id: string; value: string }> }>
  ).flatMap((b) => b.elements ?? []);

const headerOf = (call: RecordedCall | undefined) =>
  (call?.body.blocks as Array<{ type: string; text?: { text: string } }> | undefined)?.[0]?.text
    ?.text;

describe('Slack wiring over loopback (HTTP mode, signed requests, fake Web API)', () => {
  it('checked the bot token with auth.test before listening', () => {
    expect(h.api.callsTo('auth.test').length).toBeGreaterThanOrEqual(1);
    expect(h.api.callsTo('auth.test')[0]?.token).toBe(BOT_TOKEN);
    expect(h.slack.botUserId).toBe('U0BOT');
  });

  it('answers a mention once, in the thread of the message, within Slack’s limits', async () => {
    const event = mentionEvent('search long context');
    const response = await h.postJson(eventEnvelope(event));
    expect(response.status).toBe(200);
    await h.api.waitFor((calls) => postsInThread(calls, event.ts).length > 0);
    const [post] = postsInThread(h.api.calls, event.ts);
    expect(post?.token).toBe(BOT_TOKEN);
    expect(post?.body.channel).toBe('C0LAB');
    expect(headerOf(post)).toBe('Results for “long context”');
    expect(post && violations(asMessage(post))).toEqual([]);
  });

  it('answers a mention inside a thread in that thread', async () => {
    const parent = nextTs();
    const event = mentionEvent('paper LIMA', { thread_ts: parent });
    await h.postJson(eventEnvelope(event));
    await h.api.waitFor((calls) => postsInThread(calls, parent).length > 0);
    expect(headerOf(postsInThread(h.api.calls, parent)[0])).toBe(
      'LIMA: Less Is More for Alignment',
    );
  });

  it('answers a direct message in the DM, not in a thread', async () => {
    const event = directMessageEvent('cite LIMA apa');
    await h.postJson(eventEnvelope(event));
    await h.api.waitFor((calls) =>
      calls.some((c) => c.method === 'chat.postMessage' && c.body.channel === event.channel),
    );
    const post = h.api.callsTo('chat.postMessage').find((c) => c.body.channel === event.channel);
    expect(post?.body.thread_ts).toBeUndefined();
    expect(headerOf(post)).toBe('Cite: LIMA: Less Is More for Alignment');
  });

  it('answers /shammie results in the channel and help only to the person', async () => {
    const results = await h.postForm(
      slashCommandForm('search diffusion', h.api.responseUrl('cmd-1')),
    );
    expect(results.status).toBe(200);
    const help = await h.postForm(slashCommandForm('help', h.api.responseUrl('cmd-2')));
    expect(help.status).toBe(200);
    await h.api.waitFor((calls) => calls.filter((c) => c.method === 'response_url').length >= 2);
    const byId = (id: string) => h.api.callsTo('response_url').find((c) => c.responseId === id);
    expect(byId('cmd-1')?.body.response_type).toBe('in_channel');
    expect(headerOf(byId('cmd-1'))).toBe('Results for “diffusion”');
    expect(byId('cmd-2')?.body.response_type).toBe('ephemeral');
    expect(JSON.stringify(byId('cmd-2')?.body.blocks)).toContain('`/shammie search long context');
  });

  it('sends /shammie daily subscribe to the scheduler for that channel', async () => {
    await h.postForm(
      slashCommandForm('daily subscribe 07:45', h.api.responseUrl('cmd-3'), 'C0DAILY'),
    );
    await h.api.waitFor((calls) => calls.some((c) => c.responseId === 'cmd-3'));
    expect(daily.calls.at(-1)).toEqual({
      action: 'subscribe',
      request: {
        channel: { platform: 'slack', channelId: 'C0DAILY', workspaceId: 'T0LAB' },
        time: '07:45',
      },
    });
  });

  it('answers a Summary button in the thread of the message it was pressed on', async () => {
    const messageTs = nextTs();
    const response = await h.postForm(
      blockActionForm({
        actionId: ACTION_IDS.summary,
        value: '2305.11206',
        responseUrl: h.api.responseUrl('act-1'),
        messageTs,
      }),
    );
    expect(response.status).toBe(200);
    await h.api.waitFor((calls) => postsInThread(calls, messageTs).length > 0);
    expect(headerOf(postsInThread(h.api.calls, messageTs)[0])).toBe(
      'Summary: LIMA: Less Is More for Alignment',
    );
  });

  it('replaces a result list with its next page on More results', async () => {
    const event = mentionEvent('search language models');
    await h.postJson(eventEnvelope(event));
    await h.api.waitFor((calls) => postsInThread(calls, event.ts).length > 0);
    const list = postsInThread(h.api.calls, event.ts)[0];
    expect(JSON.stringify(list?.body.blocks)).toContain('page 1 of');
    const more = buttonsIn(list).find((e) => e.action_id === ACTION_IDS.more);
    expect(more).toBeDefined();
    await h.postForm(
      blockActionForm({
        actionId: ACTION_IDS.more,
        value: more?.value ?? '',
        responseUrl: h.api.responseUrl('act-more'),
        messageTs: event.ts,
      }),
    );
    await h.api.waitFor((calls) => calls.some((c) => c.responseId === 'act-more'));
    const page = h.api.callsTo('response_url').find((c) => c.responseId === 'act-more');
    expect(page?.body.replace_original).toBe(true);
    expect(JSON.stringify(page?.body.blocks)).toContain('page 2 of');
  });

  it('answers a retried event only once', async () => {
    const event = mentionEvent('random');
    const envelope = eventEnvelope(event, 'EvRETRY1');
    await h.postJson(envelope);
    await h.api.waitFor((calls) => postsInThread(calls, event.ts).length > 0);
    const retry = await h.postJson(envelope, {
      headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
    });
    expect(retry.status).toBe(200);
    await h.barrier();
    expect(postsInThread(h.api.calls, event.ts)).toHaveLength(1);
    expect(
      h.logs.some(
        (l) => l.message === 'repeat delivery ignored' && l.fields.eventId === 'EvRETRY1',
      ),
    ).toBe(true);
  });

  it('answers a mention delivered as both app_mention and message only once', async () => {
    const ts = nextTs();
    const mention = mentionEvent('paper Megalodon', { ts, channel: 'D0ALICE', channel_type: 'im' });
    const message = directMessageEvent('<@U0BOT> paper Megalodon', { ts, channel: 'D0ALICE' });
    await Promise.all([h.postJson(eventEnvelope(mention)), h.postJson(eventEnvelope(message))]);
    await h.barrier();
    const answers = h.api
      .callsTo('chat.postMessage')
      .filter((c) => c.body.channel === 'D0ALICE' && headerOf(c)?.startsWith('Megalodon'));
    expect(answers).toHaveLength(1);
  });

  it('refuses a bad signature and a stale or future timestamp with 401, posting nothing', async () => {
    const before = h.api.callsTo('chat.postMessage').length;
    const forged = await h.postJson(eventEnvelope(mentionEvent('help')), {
      secret: 'wrong-secret',
    });
    const stale = await h.postJson(eventEnvelope(mentionEvent('help')), {
      timestamp: Math.floor(Date.now() / 1000) - 10 * 60,
    });
    const future = await h.postJson(eventEnvelope(mentionEvent('help')), {
      timestamp: Math.floor(Date.now() / 1000) + 10 * 60,
    });
    expect([forged.status, stale.status, future.status]).toEqual([401, 401, 401]);
    await h.barrier();
    expect(h.api.callsTo('chat.postMessage').length).toBe(before + 1);
  });

  it('refuses an oversized body with 413 before reading it', async () => {
    const huge = JSON.stringify(eventEnvelope(mentionEvent('x'.repeat(1_100_000))));
    const response = await h.postJson(JSON.parse(huge));
    expect(response.status).toBe(413);
  });

  it('never lets <!channel> through, from the query or from the corpus', async () => {
    const event = mentionEvent('search &lt;!channel&gt; attention <!here>');
    await h.postJson(eventEnvelope(event));
    await h.api.waitFor((calls) => postsInThread(calls, event.ts).length > 0);
    const post = postsInThread(h.api.calls, event.ts)[0];
    const raw = JSON.stringify(post?.body);
    expect(raw).not.toMatch(/<!(channel|here|everyone)>/);
    expect(raw).toContain('&lt;!channel&gt;');
    expect(post && violations(asMessage(post))).toEqual([]);
  });

  it('ignores bots, itself, and edits', async () => {
    const before = h.api.callsTo('chat.postMessage').length;
    await h.postJson(eventEnvelope(directMessageEvent('help', { bot_id: 'B0OTHER' })));
    await h.postJson(eventEnvelope(directMessageEvent('help', { user: 'U0BOT' })));
    await h.postJson(eventEnvelope(directMessageEvent('help', { subtype: 'message_changed' })));
    await h.postJson(eventEnvelope(mentionEvent('help', { bot_id: 'B0OTHER' })));
    await h.barrier();
    expect(h.api.callsTo('chat.postMessage').length).toBe(before + 1);
  });

  it('survives malformed bodies, posting nothing for them, and keeps answering', async () => {
    const before = h.api.callsTo('chat.postMessage').length;
    const notJson = await postSigned(h.eventsUrl, SIGNING_SECRET, '{not json');
    expect(notJson.status).toBe(400);
    const oddBodies = [
      '"just a string"',
      '{}',
      '{"type":"event_callback","event_id":"EvBROKEN"}',
      JSON.stringify(eventEnvelope({ type: 'app_mention' })),
      JSON.stringify(eventEnvelope({ type: 'message', channel_type: 'im', user: 'U0ALICE' })),
    ];
    // Each gets some answer (Bolt times out the ones no listener acknowledges): none hangs.
    const responses = await Promise.all([
      ...oddBodies.map((body) => postSigned(h.eventsUrl, SIGNING_SECRET, body)),
      h.postForm('payload=%7Bbroken'),
      h.postForm('command=%2Fshammie'),
    ]);
    for (const response of responses) expect(response.status).toBeGreaterThanOrEqual(200);
    await h.barrier();
    expect(h.api.callsTo('chat.postMessage').length).toBe(before + 1);
  });

  it('logs a failing chat.postMessage with the event id, and carries on', async () => {
    h.api.failWith('chat.postMessage', { json: { ok: false, error: 'channel_not_found' } });
    const event = mentionEvent('help');
    await h.postJson(eventEnvelope(event, 'EvFAILS'));
    await h.api.waitFor((calls) => postsInThread(calls, event.ts).length > 0);
    h.api.clearFailures();
    await h.barrier();
    const logged = h.logs.find((l) => l.message === 'chat.postMessage failed');
    expect(logged?.fields).toMatchObject({ eventId: 'EvFAILS', slackError: 'channel_not_found' });
  });

  it('answers Slack’s URL verification challenge', async () => {
    const response = await h.postJson({
      type: 'url_verification',
      challenge: 'abc123',
      token: 't',
    });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text)).toEqual({ challenge: 'abc123' });
  });
});
