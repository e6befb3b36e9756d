import { afterEach, describe, expect, it } from 'vitest';
import { createModelAsker, MODEL_NOTES } from '../../adapters/llm/ask-with-model.ts';
import { createChatClient } from '../../adapters/llm/chat-client.ts';
import type { AskService } from '../../adapters/shared/ask-port.ts';
import { LOOKING_TEXT } from '../../adapters/slack/blocks/answer-message.ts';
import { type FakeOpenAi, type FakeReply, startFakeOpenAi } from '../adapters/llm/fake-openai.ts';
import { contextsOf, sectionsOf } from '../adapters/slack/ask-checks.ts';
import { type RecordedCall, slackRateLimited } from '../adapters/slack/fake-slack-api.ts';
import { eventEnvelope, mentionEvent, slashCommandForm } from '../adapters/slack/payloads.ts';
import { postsInThread, type SlackHarness, startHarness } from '../adapters/slack/slack-harness.ts';
import { sleepingClock } from './helpers.ts';

/**
 * `ask` on Slack with a model: a real Bolt app in HTTP mode, the fake Web API, and the llm
 * adapter talking to a fake OpenAI-compatible server. The answer is posted once as "Looking in
 * the library…", then edited as the model streams, each edit reaching Slack at least a second
 * after the previous write; a model that stalls leaves the extractive answer with its note. The
 * pacing test paces on a clock that moves only when the pacer waits (and stamps the fake's
 * calls), so the spacing is checked exactly and takes no real time.
 */

const QUESTION = 'how many prompts is LIMA fine-tuned on?';
const LIMA_LINK = '<https://arxiv.org/abs/2305.11206|[1]>';

let h: SlackHarness | undefined;
let model: FakeOpenAi | undefined;
afterEach(async () => {
  await h?.close();
  await model?.close();
  h = undefined;
  model = undefined;
});

/** What the app builds from SHAMMIE_LLM_*: the llm adapter's asker behind the ask port. */
function modelService(url: string, timeoutMs: number): AskService {
  const asker = createModelAsker({
    client: createChatClient({ baseUrl: url, model: 'tiny', timeoutMs }),
  });
  return {
    usesModel: true,
    ask: (engine, request) =>
      asker.ask(engine, request.question, {
        ...(request.history ? { history: request.history } : {}),
        ...(request.onProgress ? { onProgress: request.onProgress } : {}),
      }),
  };
}

/**
 * The harness with a model saying `reply`. Tests about something other than the pace of edits
 * shorten it (`editIntervalMs`) to stay quick; the test about the pace gives a `clock`.
 */
async function start(
  reply: FakeReply,
  options: {
    timeoutMs?: number;
    editIntervalMs?: number;
    clock?: ReturnType<typeof sleepingClock>;
  } = {},
): Promise<SlackHarness> {
  model = await startFakeOpenAi(() => reply);
  h = await startHarness({
    ask: modelService(model.url, options.timeoutMs ?? 5000),
    tuning: {
      ...(options.editIntervalMs !== undefined
        ? { askEditIntervalMs: options.editIntervalMs }
        : {}),
      ...(options.clock ? { askEditClock: options.clock } : {}),
    },
    ...(options.clock ? { api: { now: options.clock.now } } : {}),
  });
  return h;
}

/** The placeholders posted in a thread, oldest first. */
const placeholdersIn = (harness: SlackHarness, thread: string) =>
  harness.api.posted.filter((m) => m.thread_ts === thread && m.text === LOOKING_TEXT);

const editsOf = (calls: RecordedCall[], ts: string | undefined) =>
  calls.filter((c) => c.method === 'chat.update' && c.body.ts === ts);

/** An edit holding a finished answer, not the answer so far. */
const isFinal = (edit: RecordedCall) =>
  sectionsOf(edit).length > 0 && !contextsOf(edit).some((t) => t.includes(LOOKING_TEXT));

/** A mention, acknowledged, and the final edit of its placeholder awaited. */
async function askAndWait(harness: SlackHarness, text: string, threadTs?: string) {
  const event = mentionEvent(text, threadTs ? { thread_ts: threadTs } : {});
  const thread = threadTs ?? event.ts;
  const before = placeholdersIn(harness, thread).length;
  expect((await harness.postJson(eventEnvelope(event))).status).toBe(200);
  await harness.api.waitFor((calls) => {
    const ts = placeholdersIn(harness, thread)[before]?.ts;
    return ts !== undefined && editsOf(calls, ts).some(isFinal);
  }, 10_000);
  const ts = placeholdersIn(harness, thread)[before]?.ts;
  const placeholder = harness.api
    .callsTo('chat.postMessage')
    .filter((c) => c.body.thread_ts === thread)
    .at(before);
  return { event, placeholder, ts, edits: editsOf(harness.api.calls, ts) };
}

describe('ask on Slack with a model', () => {
  it('posts one placeholder, edits it as the model streams at most once a second, and ends with the checked answer', async () => {
    const harness = await start(
      {
        kind: 'stream',
        delayMs: 50,
        deltas: [
          'LIMA is fine-tuned on ',
          'one thousand curated prompts [1]. ',
          'It uses carefully curated responses [1]. ',
          'Almost all knowledge comes from pretraining [1].',
        ],
      },
      { clock: sleepingClock() },
    );
    const { event, placeholder, edits } = await askAndWait(harness, QUESTION);
    expect(postsInThread(harness.api.calls, event.ts)).toHaveLength(1);
    expect(placeholder?.body.text).toBe(LOOKING_TEXT);
    expect(edits.length).toBeGreaterThanOrEqual(2);
    const last = edits.at(-1);
    expect(sectionsOf(last)[1]).toBe(
      [
        `LIMA is fine-tuned on one thousand curated prompts. ${LIMA_LINK}`,
        `It uses carefully curated responses. ${LIMA_LINK}`,
        `Almost all knowledge comes from pretraining. ${LIMA_LINK}`,
      ].join('\n'),
    );
    // While it streamed, the thread showed the statements so far.
    expect(contextsOf(edits[0]).join(' ')).toContain(LOOKING_TEXT);
    const times = [placeholder?.at ?? 0, ...edits.map((e) => e.at)];
    for (let i = 1; i < times.length; i++) {
      expect((times[i] ?? 0) - (times[i - 1] ?? 0)).toBeGreaterThanOrEqual(1000);
    }
  });

  it('answers from the evidence with the model’s note when the model stalls', async () => {
    const harness = await start(
      { kind: 'stall', deltas: ['LIMA is'] },
      { timeoutMs: 300, editIntervalMs: 50 },
    );
    const { edits } = await askAndWait(harness, QUESTION);
    const last = edits.at(-1);
    expect(sectionsOf(last)[1]).toContain(LIMA_LINK);
    expect(contextsOf(last)).toContain(`:information_source: ${MODEL_NOTES.LLM_TIMEOUT}`);
  });

  it('waits out a 429 on an edit and still ends with the answer', async () => {
    const harness = await start(
      { kind: 'stream', deltas: ['LIMA uses one thousand prompts [1].'] },
      { clock: sleepingClock() },
    );
    harness.api.failWith('chat.update', slackRateLimited(1), { times: 1 });
    const { ts } = await askAndWait(harness, QUESTION);
    // The refused edit, then the same edit again once Retry-After has passed.
    await harness.api.waitFor((calls) => editsOf(calls, ts).length === 2);
    const edits = editsOf(harness.api.calls, ts);
    expect(sectionsOf(edits[1])[1]).toBe(`LIMA uses one thousand prompts. ${LIMA_LINK}`);
    // The Web API client said it would wait out the Retry-After before that second try.
    const waits = harness.logs.filter((e) => e.fields.retryInMs !== undefined);
    expect(waits.map((e) => [e.fields.method, e.fields.retryInMs])).toEqual([
      ['chat.update', 1000],
    ]);
  });

  it('sends the model the thread’s earlier question with a follow-up mention', async () => {
    const harness = await start(
      { kind: 'stream', deltas: ['It is trained on text and images [1].'] },
      { editIntervalMs: 50 },
    );
    const first = await askAndWait(harness, 'does Transfusion use diffusion?');
    await askAndWait(harness, 'what does it train on?', first.event.ts);
    const prompts = model?.requests.map(
      (r) => r.body.messages?.find((m) => m.role === 'user')?.content ?? '',
    );
    expect(prompts).toHaveLength(2);
    expect(prompts?.[0]).not.toContain('Earlier questions');
    expect(prompts?.[1]).toContain('Question: what does it train on?');
    expect(prompts?.[1]).toContain(
      'Earlier questions in this conversation, for context only:\n- does Transfusion use diffusion?',
    );
  });

  it('answers `/shammie ask` through the response URL: the placeholder, then the answer in its place', async () => {
    const harness = await start({
      kind: 'stream',
      deltas: ['LIMA uses one thousand prompts [1].'],
    });
    const form = slashCommandForm(`ask ${QUESTION}`, harness.api.responseUrl('model-1'));
    expect((await harness.postForm(form)).status).toBe(200);
    await harness.api.waitFor(
      (calls) => calls.filter((c) => c.responseId === 'model-1').length >= 2,
    );
    const [looking, answer, ...more] = harness.api.calls.filter((c) => c.responseId === 'model-1');
    expect(more).toEqual([]);
    expect(looking?.body).toMatchObject({ response_type: 'in_channel', text: LOOKING_TEXT });
    expect(answer?.body).toMatchObject({ response_type: 'in_channel', replace_original: true });
    expect(sectionsOf(answer)[1]).toBe(`LIMA uses one thousand prompts. ${LIMA_LINK}`);
  });

  it('acknowledges 20 questions at once before posting any; each gets one placeholder and its answer', async () => {
    const harness = await start(
      { kind: 'stream', deltas: ['LIMA uses one thousand prompts [1].'] },
      { editIntervalMs: 50 },
    );
    const events = Array.from({ length: 20 }, () => mentionEvent(QUESTION));
    // Slack hears nothing back about the placeholders until every question is acknowledged: an
    // acknowledgement that waited for its answer would never come.
    let answer: () => void = () => undefined;
    harness.api.holdAnswers(
      'chat.postMessage',
      new Promise<void>((resolve) => {
        answer = resolve;
      }),
    );
    const acks = await Promise.all(events.map((event) => harness.postJson(eventEnvelope(event))));
    answer();
    for (const ack of acks) expect(ack.status).toBe(200);
    const tsOf = (thread: string) => placeholdersIn(harness, thread)[0]?.ts;
    await harness.api.waitFor(
      (calls) =>
        events.every((e) => {
          const ts = tsOf(e.ts);
          return (
            ts !== undefined &&
            editsOf(calls, ts).some((c) => sectionsOf(c)[1]?.includes(LIMA_LINK))
          );
        }),
      15_000,
    );
    await harness.slack.idle();
    for (const event of events) {
      expect(postsInThread(harness.api.calls, event.ts)).toHaveLength(1);
      expect(editsOf(harness.api.calls, tsOf(event.ts))).toHaveLength(1);
    }
    // Nothing gave up waiting on the way (a held answer outlasting the Web API's timeout would).
    expect(harness.logs.filter((e) => e.level === 'warn' || e.level === 'error')).toEqual([]);
  });

  it('posts the placeholder once when Slack made the post but answered 500, and edits that one', async () => {
    model = await startFakeOpenAi(() => ({
      kind: 'stream',
      deltas: ['LIMA uses one thousand prompts [1].'],
    }));
    const harness = await startHarness({
      api: { history: true },
      ask: modelService(model.url, 5000),
      tuning: { askEditIntervalMs: 50 },
    });
    h = harness;
    harness.api.failWith(
      'chat.postMessage',
      { status: 500, json: { ok: false, error: 'internal_error' }, processed: true },
      { times: 1 },
    );
    const { event, ts, edits } = await askAndWait(harness, QUESTION);
    expect(placeholdersIn(harness, event.ts)).toHaveLength(1);
    expect(harness.api.callsTo('conversations.replies').length).toBeGreaterThan(0);
    expect(ts).toBeDefined();
    expect(sectionsOf(edits.at(-1))[1]).toBe(`LIMA uses one thousand prompts. ${LIMA_LINK}`);
  });
});
