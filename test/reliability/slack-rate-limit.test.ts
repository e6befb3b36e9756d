import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createRateLimiter, DEFAULT_BURST } from '../../adapters/shared/rate-limit.ts';
import { ACTION_IDS } from '../../adapters/slack/blocks/action-ids.ts';
import type { Engine } from '../../src/index.ts';
import {
  blockActionForm,
  directMessageEvent,
  eventEnvelope,
  mentionEvent,
  slashCommandForm,
} from '../adapters/slack/payloads.ts';
import { tinyEngine } from '../adapters/slack/reply-deps-fixture.ts';
import { postsInThread, type SlackHarness, startHarness } from '../adapters/slack/slack-harness.ts';
import { countingEngine, manualClock } from './helpers.ts';

const NOTICE = 'You’re going a bit fast — try again in 1 s.';

let engine: Engine;
let counted: ReturnType<typeof countingEngine>;
let clock: ReturnType<typeof manualClock>;
let h: SlackHarness;

beforeAll(async () => {
  engine = await tinyEngine();
});
beforeEach(async () => {
  counted = countingEngine(engine);
  clock = manualClock();
  h = await startHarness({
    engine: counted.engine,
    limiter: createRateLimiter({ now: clock.now }),
  });
});
afterEach(async () => {
  await h.close();
});

/** Sends mentions from one user, one after the other, each answered before the next. */
async function mentions(count: number, user = 'U0ALICE') {
  for (let i = 0; i < count; i++) {
    const event = mentionEvent('search long context', { user });
    await h.postJson(eventEnvelope(event));
    await h.api.waitFor((calls) => postsInThread(calls, event.ts).length > 0);
  }
}

const ephemeralsFor = (ts: string) =>
  h.api.callsTo('chat.postEphemeral').filter((c) => c.body.thread_ts === ts);

describe('the per-user rate limit on Slack, through Bolt', () => {
  it('answers a burst of mentions, then tells the asker alone to slow down', async () => {
    await mentions(DEFAULT_BURST);
    const searches = counted.calls.search;
    const event = mentionEvent('search long context');
    await h.postJson(eventEnvelope(event));
    await h.api.waitFor(() => ephemeralsFor(event.ts).length > 0);
    const [notice] = ephemeralsFor(event.ts);
    expect(notice?.body).toMatchObject({ channel: 'C0LAB', user: 'U0ALICE', text: NOTICE });
    expect(postsInThread(h.api.calls, event.ts)).toEqual([]);
    // Refused before any core work.
    expect(counted.calls.search).toBe(searches);
    expect(h.logs.some((l) => l.message === 'Slack request rate limited')).toBe(true);
  });

  it('keeps one user’s burst from slowing anyone else, and lets them on after a while', async () => {
    await mentions(DEFAULT_BURST);
    const over = mentionEvent('search long context');
    await h.postJson(eventEnvelope(over));
    await h.api.waitFor(() => ephemeralsFor(over.ts).length > 0);
    await mentions(1, 'U0BOB');
    clock.advance(1000);
    await mentions(1);
    expect(h.api.callsTo('chat.postEphemeral')).toHaveLength(1);
  });

  it('answers /shammie over the limit ephemerally through its response URL', async () => {
    await mentions(DEFAULT_BURST);
    await h.postForm(slashCommandForm('search diffusion', h.api.responseUrl('fast')));
    await h.api.waitFor((calls) => calls.some((c) => c.responseId === 'fast'));
    const answer = h.api.callsTo('response_url').find((c) => c.responseId === 'fast');
    expect(answer?.body).toMatchObject({ response_type: 'ephemeral', text: NOTICE });
  });

  it('answers a button over the limit privately, leaving its message alone', async () => {
    await mentions(DEFAULT_BURST);
    await h.postForm(
      blockActionForm({
        actionId: ACTION_IDS.summary,
        value: '2305.11206',
        responseUrl: h.api.responseUrl('press'),
      }),
    );
    await h.api.waitFor((calls) => calls.some((c) => c.responseId === 'press'));
    const answer = h.api.callsTo('response_url').find((c) => c.responseId === 'press');
    expect(answer?.body).toMatchObject({
      response_type: 'ephemeral',
      replace_original: false,
      text: NOTICE,
    });
  });

  it('answers a DM over the limit in the DM', async () => {
    await mentions(DEFAULT_BURST);
    const event = directMessageEvent('search diffusion');
    await h.postJson(eventEnvelope(event));
    await h.api.waitFor((calls) =>
      calls.some((c) => c.method === 'chat.postMessage' && c.body.channel === event.channel),
    );
    const post = h.api.callsTo('chat.postMessage').find((c) => c.body.channel === event.channel);
    expect(post?.body.text).toBe(NOTICE);
  });

  it('does not charge a retried delivery a second time', async () => {
    const event = mentionEvent('search long context');
    const envelope = eventEnvelope(event);
    await h.postJson(envelope);
    await h.api.waitFor((calls) => postsInThread(calls, event.ts).length > 0);
    for (let i = 0; i < 20; i++) {
      await h.postJson(envelope, { headers: { 'x-slack-retry-num': '1' } });
    }
    // Nine tokens are left: nine fresh mentions are all answered.
    await mentions(DEFAULT_BURST - 1);
    expect(h.api.callsTo('chat.postEphemeral')).toHaveLength(0);
  });
});

describe('limits on what is asked', () => {
  it('refuses a 40,000-character mention politely and privately, before reading it', async () => {
    const searches = counted.calls.search;
    const event = mentionEvent(`search ${'long context '.repeat(3400)}`);
    expect(String(event.text).length).toBeGreaterThan(40_000);
    await h.postJson(eventEnvelope(event));
    await h.api.waitFor(() => ephemeralsFor(event.ts).length > 0);
    expect(String(ephemeralsFor(event.ts)[0]?.body.text)).toMatch(
      /characters long; I read queries of up to 500 characters/,
    );
    expect(counted.calls.search).toBe(searches);
  });

  it('tells a query over 500 characters, privately, what the limit is', async () => {
    await h.postForm(slashCommandForm(`search ${'x'.repeat(600)}`, h.api.responseUrl('long')));
    await h.api.waitFor((calls) => calls.some((c) => c.responseId === 'long'));
    const answer = h.api.callsTo('response_url').find((c) => c.responseId === 'long');
    expect(answer?.body.response_type).toBe('ephemeral');
    expect(String(answer?.body.text)).toContain('500');
  });

  it('answers a query over 500 characters in a channel mention to the asker alone', async () => {
    const event = mentionEvent(`search ${'x'.repeat(600)}`);
    await h.postJson(eventEnvelope(event));
    await h.api.waitFor(() => ephemeralsFor(event.ts).length > 0);
    expect(String(ephemeralsFor(event.ts)[0]?.body.text)).toContain('500');
    expect(postsInThread(h.api.calls, event.ts)).toEqual([]);
  });
});
