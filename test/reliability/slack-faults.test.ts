import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { ACTION_IDS } from '../../adapters/slack/blocks/action-ids.ts';
import { APOLOGY } from '../../src/index.ts';
import { slackRateLimited } from '../adapters/slack/fake-slack-api.ts';
import {
  blockActionForm,
  eventEnvelope,
  mentionEvent,
  slashCommandForm,
} from '../adapters/slack/payloads.ts';
import { postsInThread, type SlackHarness, startHarness } from '../adapters/slack/slack-harness.ts';
import { watchUnhandledRejections } from './helpers.ts';

/**
 * The Slack Web API and response URLs misbehaving under a real Bolt app in HTTP mode: 429s,
 * 5xx, silence and dropped connections on chat.postMessage and on response_url. Timeouts are
 * shortened so the suite stays quick; the behaviour is the production one.
 */

const TUNING = { webApiTimeoutMs: 300, responseUrl: { timeoutMs: 300 } };

let h: SlackHarness | undefined;
const rejections = watchUnhandledRejections();

afterEach(async () => {
  await h?.close();
  h = undefined;
});
afterAll(() => {
  rejections.stop();
  expect(rejections.reasons).toEqual([]);
});

async function start(options: { history?: boolean } = {}) {
  h = await startHarness({ tuning: TUNING, api: { history: options.history ?? false } });
  return h;
}

/** Waits until a log line matching `predicate` is written (the listener has finished). */
async function logged(
  harness: SlackHarness,
  predicate: (entry: SlackHarness['logs'][number]) => boolean,
) {
  return vi.waitFor(
    () => {
      const entry = harness.logs.find(predicate);
      if (!entry) throw new Error('expected log line never came');
      return entry;
    },
    { timeout: 10_000, interval: 10 },
  );
}

/** A mention, with its event id, sent and acknowledged. */
async function mention(harness: SlackHarness, text = 'search long context') {
  const event = mentionEvent(text);
  const eventId = `Ev${event.ts}`;
  const response = await harness.postJson(eventEnvelope(event, eventId));
  expect(response.status).toBe(200);
  return { event, eventId };
}

const answersIn = (harness: SlackHarness, ts: string) =>
  harness.api.posted.filter((m) => m.thread_ts === ts);

describe('chat.postMessage under faults (answers to mentions)', () => {
  it('waits out a 429 (Retry-After) and answers once', async () => {
    const s = await start();
    s.api.failWith('chat.postMessage', slackRateLimited(1), { times: 1 });
    const { event } = await mention(s);
    await s.api.waitFor(() => answersIn(s, event.ts).length > 0);
    expect(postsInThread(s.api.calls, event.ts)).toHaveLength(2);
    expect(answersIn(s, event.ts)).toHaveLength(1);
  });

  it('does not repeat a post that Slack made but answered 500: one answer and a log line', async () => {
    const s = await start();
    s.api.failWith(
      'chat.postMessage',
      { status: 500, json: { ok: false }, processed: true },
      { times: 1 },
    );
    const { event, eventId } = await mention(s);
    const line = await logged(s, (l) => l.message === 'chat.postMessage failed');
    expect(line?.level).toBe('error');
    expect(line?.fields).toMatchObject({
      platform: 'slack',
      method: 'chat.postMessage',
      eventId,
      outcome: 'gave up; may be shown, not repeated',
    });
    expect(postsInThread(s.api.calls, event.ts)).toHaveLength(1);
    expect(answersIn(s, event.ts)).toHaveLength(1);
  });

  it('with the history scopes, finds a post that Slack made but answered 500, and does not send it again', async () => {
    const s = await start({ history: true });
    s.api.failWith(
      'chat.postMessage',
      { status: 500, json: { ok: false }, processed: true },
      { times: 1 },
    );
    const { event, eventId } = await mention(s);
    const line = await logged(s, (l) => l.message === 'chat.postMessage failed');
    expect(line).toMatchObject({
      level: 'warn',
      fields: { platform: 'slack', method: 'chat.postMessage', eventId, outcome: 'answered once' },
    });
    expect(s.api.callsTo('conversations.replies')[0]?.body).toMatchObject({ ts: event.ts });
    expect(postsInThread(s.api.calls, event.ts)).toHaveLength(1);
    expect(answersIn(s, event.ts)).toHaveLength(1);
    expect(answersIn(s, event.ts)[0]?.metadata).toEqual({
      event_type: 'shammie_answer',
      event_payload: { request: eventId },
    });
  });

  it('with the history scopes, sends once more an answer that the check shows was not posted', async () => {
    const s = await start({ history: true });
    s.api.failWith('chat.postMessage', { fault: 'drop' }, { times: 1 });
    const { event } = await mention(s);
    await s.api.waitFor(() => answersIn(s, event.ts).length === 1);
    const line = await logged(s, (l) => l.message === 'chat.postMessage failed');
    expect(line?.fields.outcome).toBe('retried once, after checking it was not posted');
    await s.barrier();
    expect(answersIn(s, event.ts)).toHaveLength(1);
  });

  it('with the history scopes, a dropped connection after posting still shows one answer', async () => {
    const s = await start({ history: true });
    s.api.failWith('chat.postMessage', { fault: 'drop', processed: true }, { times: 1 });
    const { event } = await mention(s);
    await logged(s, (l) => l.fields.outcome === 'answered once');
    await s.barrier();
    expect(answersIn(s, event.ts)).toHaveLength(1);
  });

  it('logs a lasting 5xx with the event id, without repeating it, and keeps answering afterwards', async () => {
    const s = await start();
    s.api.failWith('chat.postMessage', { status: 500, json: { ok: false } });
    const { event, eventId } = await mention(s);
    const line = await logged(s, (l) => l.message === 'chat.postMessage failed');
    expect(line?.fields).toMatchObject({ eventId, code: 'slack_webapi_http_error' });
    // A 5xx may come after the work: never repeated blindly.
    expect(postsInThread(s.api.calls, event.ts)).toHaveLength(1);
    s.api.clearFailures();
    const next = await mention(s, 'help');
    await s.api.waitFor(() => answersIn(s, next.event.ts).length > 0);
  });

  it('logs each retry of a rate-limited post at warn, naming the method', async () => {
    const s = await start();
    s.api.failWith('chat.postMessage', slackRateLimited(0), { times: 1 });
    const { event } = await mention(s);
    await s.api.waitFor(() => answersIn(s, event.ts).length > 0);
    const line = await logged(s, (l) => l.fields.outcome === 'retried');
    expect(line?.level).toBe('warn');
    expect(line?.fields).toMatchObject({ platform: 'slack', method: 'chat.postMessage' });
  });

  it('does not answer in the thread when an ephemeral notice may have been shown', async () => {
    const s = await start();
    s.api.failWith(
      'chat.postEphemeral',
      { status: 500, json: { ok: false }, processed: true },
      { times: 1 },
    );
    // An unknown paper: a mistake, told to the asker alone.
    const { event } = await mention(s, 'paper no-such-paper-anywhere');
    const line = await logged(s, (l) => l.message === 'chat.postEphemeral failed');
    expect(line?.fields).toMatchObject({ platform: 'slack', method: 'chat.postEphemeral' });
    await s.barrier();
    expect(s.api.callsTo('chat.postEphemeral')).toHaveLength(1);
    expect(postsInThread(s.api.calls, event.ts)).toHaveLength(0);
  });

  it('answers in the thread when Slack refuses the ephemeral notice', async () => {
    const s = await start();
    s.api.failWith(
      'chat.postEphemeral',
      { json: { ok: false, error: 'user_not_in_channel' } },
      { times: 1 },
    );
    const { event } = await mention(s, 'paper no-such-paper-anywhere');
    await s.api.waitFor(() => answersIn(s, event.ts).length === 1);
  });

  it('abandons a call that gets no answer, without repeating it, and logs the event id', async () => {
    const s = await start();
    s.api.failWith('chat.postMessage', { fault: 'hang' }, { times: 1 });
    const { event, eventId } = await mention(s);
    const line = await logged(s, (l) => l.message === 'chat.postMessage failed');
    expect(line?.fields.eventId).toBe(eventId);
    expect(String(line?.fields.error)).toMatch(/timeout/i);
    // A repeat could have shown the answer twice: none was made.
    expect(postsInThread(s.api.calls, event.ts)).toHaveLength(1);
  });

  it('does not repeat a call whose connection dropped, and never shows an answer twice', async () => {
    const s = await start();
    s.api.failWith('chat.postMessage', { fault: 'drop', processed: true }, { times: 1 });
    const { event, eventId } = await mention(s);
    const line = await logged(s, (l) => l.message === 'chat.postMessage failed');
    expect(line?.fields.eventId).toBe(eventId);
    expect(postsInThread(s.api.calls, event.ts)).toHaveLength(1);
    expect(answersIn(s, event.ts)).toHaveLength(1);
  });
});

describe('response_url under faults (/shammie and buttons)', () => {
  const responses = (s: SlackHarness, id: string) =>
    s.api.callsTo('response_url').filter((c) => c.responseId === id);

  it('waits out a 429 and answers once', async () => {
    const s = await start();
    s.api.failWith('response_url', slackRateLimited(1), { times: 1 });
    await s.postForm(slashCommandForm('search diffusion', s.api.responseUrl('r429')));
    await s.api.waitFor(() => responses(s, 'r429').length === 2, 10_000);
    expect(responses(s, 'r429')[1]?.body.response_type).toBe('in_channel');
  });

  it('does not repeat an answer whose response URL answered 500 after showing it', async () => {
    const s = await start();
    s.api.failWith('response_url', { status: 502, json: { ok: false }, processed: true });
    const form = slashCommandForm('help', s.api.responseUrl('r502'));
    await s.postForm(form);
    const line = await logged(s, (l) => l.message === 'slash command response failed');
    expect(line?.level).toBe('error');
    expect(line?.fields).toMatchObject({
      platform: 'slack',
      route: 'response_url',
      outcome: 'gave up; may be shown, not repeated',
    });
    await s.barrier();
    expect(responses(s, 'r502')).toHaveLength(1);
    // No apology either: the answer may be on screen.
    expect(s.api.callsTo('chat.postEphemeral')).toHaveLength(0);
  });

  it('apologises once, by chat.postEphemeral, when the response URL has expired (404)', async () => {
    const s = await start();
    s.api.failWith('response_url', { status: 404, json: { ok: false, error: 'expired_url' } });
    await s.postForm(slashCommandForm('search diffusion', s.api.responseUrl('rgone'), 'C0LAB'));
    const line = await logged(s, (l) => l.message === 'Slack answer replaced by an apology');
    expect(line?.fields).toMatchObject({
      platform: 'slack',
      method: 'chat.postEphemeral',
      outcome: 'apologised once',
    });
    const warned = s.logs.find((l) => l.message === 'slash command response failed');
    expect(warned).toMatchObject({ level: 'warn', fields: { status: 404, route: 'response_url' } });
    await s.barrier();
    expect(responses(s, 'rgone')).toHaveLength(1);
    const apologies = s.api.callsTo('chat.postEphemeral');
    expect(apologies).toHaveLength(1);
    expect(apologies[0]?.body).toMatchObject({ channel: 'C0LAB', user: 'U0ALICE', text: APOLOGY });
  });

  it('apologises once when a button’s response URL has expired', async () => {
    const s = await start();
    s.api.failWith('response_url', { status: 404, json: { ok: false } });
    const form = blockActionForm({
      actionId: ACTION_IDS.more,
      value: 'forgotten',
      responseUrl: s.api.responseUrl('rbutton'),
    });
    await s.postForm(form);
    await logged(s, (l) => l.message === 'Slack answer replaced by an apology');
    expect(s.api.callsTo('chat.postEphemeral')).toHaveLength(1);
  });

  it('gives up on a response URL that never answers, and logs the request id', async () => {
    const s = await start();
    s.api.failWith('response_url', { fault: 'hang' });
    const form = slashCommandForm('search diffusion', s.api.responseUrl('rhang'));
    const trigger = new URLSearchParams(form).get('trigger_id');
    await s.postForm(form);
    const line = await logged(s, (l) => l.message === 'slash command response failed');
    expect(line?.fields.requestId).toBe(trigger);
    expect(responses(s, 'rhang')).toHaveLength(1);
  });

  it('logs a dropped connection on a button’s response URL, without repeating it', async () => {
    const s = await start();
    s.api.failWith('response_url', { fault: 'drop' });
    const form = blockActionForm({
      actionId: ACTION_IDS.more,
      value: 'forgotten',
      responseUrl: s.api.responseUrl('rdrop'),
    });
    await s.postForm(form);
    const line = await logged(s, (l) => l.message === 'button response failed');
    expect(line?.fields.requestId).toBeDefined();
    expect(responses(s, 'rdrop')).toHaveLength(1);
  });

  it('gives up on a rate limit longer than an answer is worth waiting for', async () => {
    const s = await start();
    s.api.failWith('response_url', slackRateLimited(120));
    await s.postForm(slashCommandForm('help', s.api.responseUrl('rlong')));
    const line = await logged(s, (l) => l.message === 'slash command response failed');
    expect(String(line?.fields.error)).toMatch(/rate-limited/);
    expect(responses(s, 'rlong')).toHaveLength(1);
  });
});
