import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WRITING, WRITTEN } from '../../adapters/discord/ask-reply.ts';
import { createAskThreads } from '../../adapters/discord/ask-threads.ts';
import { EDIT_INTERVAL_MS } from '../../adapters/discord/paced-edits.ts';
import { createModelAsker, MODEL_NOTES } from '../../adapters/llm/ask-with-model.ts';
import { createChatClient } from '../../adapters/llm/chat-client.ts';
import type { AskService } from '../../adapters/shared/ask-port.ts';
import type { Engine } from '../../src/index.ts';
import type { RecordedCall } from '../adapters/discord/fake-discord.ts';
import {
  inChannel,
  rawCommand,
  THREAD_PERMISSIONS,
  withAppPermissions,
} from '../adapters/discord/raw-interactions.ts';
import { tinyEngine } from '../adapters/discord/tiny-corpus.ts';
import {
  type Callback,
  callbacks,
  startWiring,
  type Wiring,
} from '../adapters/discord/wiring-harness.ts';
import { type FakeOpenAi, type FakeReply, startFakeOpenAi } from '../adapters/llm/fake-openai.ts';

/**
 * /ask with a model, through real discord.js against the fake Discord and a fake
 * OpenAI-compatible server: deferred at once, the growing answer edited in at most once a
 * second, a stalled model replaced by the extractive answer with its note, follow-ups with
 * their thread's context, and a crowd of questions queued by the model's concurrency limit.
 */

/** Discord's window for the first response to an interaction. */
const DEADLINE_MS = 3000;
/** Slack in measuring the edits' spacing at the fake: arrival is not quite sending. */
const JITTER_MS = 100;
const QUESTION = 'is the complexity quadratic?';

let engine: Engine;
let model: FakeOpenAi | undefined;
let wiring: Wiring | undefined;

beforeAll(async () => {
  engine = await tinyEngine();
});
afterEach(async () => {
  await wiring?.close();
  await model?.close();
  wiring = undefined;
  model = undefined;
});

/**
 * The ask service the app builds for a model server (adapters/llm), on the fake model. The model
 * reports every complete statement (no interval of its own), so the pacing seen is Discord's.
 */
async function withModel(
  reply: (request: { body: { messages?: Array<{ content: string }> } }) => FakeReply,
  options: { timeoutMs?: number; concurrency?: number } = {},
): Promise<{ ask: AskService; model: FakeOpenAi }> {
  const server = await startFakeOpenAi(reply);
  model = server;
  const client = createChatClient({
    baseUrl: server.url,
    model: 'tiny',
    timeoutMs: options.timeoutMs ?? 5000,
  });
  const asker = createModelAsker({ client, concurrency: options.concurrency ?? 4 });
  const ask: AskService = {
    usesModel: true,
    ask: (askEngine, request) =>
      asker.ask(askEngine, request.question, {
        ...(request.history ? { history: request.history } : {}),
        ...(request.onProgress ? { onProgress: request.onProgress, progressIntervalMs: 0 } : {}),
        ...(request.signal ? { signal: request.signal } : {}),
      }),
  };
  return { ask, model: server };
}

const STATEMENTS = [
  'Transformers scale quadratically with sequence length [1]. ',
  'RWKV keeps the efficient inference of RNNs [1]. ',
  'The quadratic complexity limits long context [2]. ',
  'Megalodon reaches unlimited context length [2]. ',
  'Both aim at long sequences [1][2]. ',
  'Megalodon is efficient at 7 billion parameters [2]. ',
];

const askIn = (question: string) =>
  withAppPermissions(
    rawCommand('ask', [{ name: 'question', type: 3, value: question }]),
    THREAD_PERMISSIONS,
  );
const edits = (calls: RecordedCall[], token: string) =>
  calls.filter((c) => c.method === 'PATCH' && c.path.includes(`/${token}/messages/`));
const gaps = (calls: RecordedCall[]) => calls.slice(1).map((c, i) => c.at - (calls[i]?.at ?? 0));
const embedOf = (call: RecordedCall | undefined) => (call?.body as Callback['data'])?.embeds?.[0];

describe('/ask with a model, on Discord', () => {
  it('defers at once, edits the growing answer in at most once a second, then the checked answer', async () => {
    const { ask } = await withModel(() => ({ kind: 'stream', deltas: STATEMENTS, delayMs: 250 }));
    wiring = await startWiring({ engine, ask });
    const raw = askIn(QUESTION);
    const started = Date.now();
    const calls = await wiring.dispatch(raw);
    const finished = Date.now();

    const [deferral] = callbacks(calls);
    expect(deferral?.type).toBe(5);
    expect((calls[0]?.at ?? Infinity) - started).toBeLessThan(DEADLINE_MS);
    const patches = edits(calls, raw.token);
    // Progress first (what is written so far, no buttons), then the checked answer.
    expect(patches.length).toBeGreaterThanOrEqual(2);
    expect(embedOf(patches[0])?.footer).toEqual({ text: WRITING });
    expect((patches[0]?.body as Callback['data'])?.components).toEqual([]);
    const final = patches.at(-1)?.body as Callback['data'];
    expect(final?.embeds?.[0]?.footer).toEqual({ text: WRITTEN });
    expect(final?.embeds?.[0]?.description).toContain('[\\[2\\]](https://arxiv.org/abs/');
    expect(final?.components?.length).toBeGreaterThan(0);
    expect(final?.allowed_mentions).toEqual({ parse: [] });
    // Never two edits within a second, and no more edits than seconds (plus the last).
    for (const gap of gaps(patches))
      expect(gap).toBeGreaterThanOrEqual(EDIT_INTERVAL_MS - JITTER_MS);
    expect(patches.length).toBeLessThanOrEqual(
      Math.ceil((finished - started) / EDIT_INTERVAL_MS) + 1,
    );
    expect(wiring.fake.visible(raw.token)).toHaveLength(1);
  });

  it('answers from the evidence itself, with a note, when the model stalls', async () => {
    const { ask } = await withModel(() => ({ kind: 'stall', deltas: ['Transformers scale'] }), {
      timeoutMs: 300,
    });
    wiring = await startWiring({ engine, ask });
    const raw = askIn(QUESTION);
    const calls = await wiring.dispatch(raw);
    expect(callbacks(calls).map((c) => c.type)).toEqual([5]);
    const final = embedOf(edits(calls, raw.token).at(-1));
    expect(final?.footer).toEqual({ text: MODEL_NOTES.LLM_TIMEOUT });
    expect(final?.description).toMatch(/^What 2 papers in the library say:\n> /);
  });

  it('gives the model the thread’s earlier question with a follow-up asked in it', async () => {
    const { ask, model: server } = await withModel(() => ({
      kind: 'stream',
      deltas: ['Transformers scale quadratically with sequence length [1].'],
    }));
    wiring = await startWiring({ engine, ask, askThreads: createAskThreads() });
    const first = await wiring.dispatch(askIn(QUESTION));
    const threadId = /\/messages\/(\d+)\/threads$/.exec(
      first.find((c) => c.method === 'POST' && c.path.endsWith('/threads'))?.path ?? '',
    )?.[1];
    expect(threadId).toBeDefined();
    await wiring.dispatch(inChannel(askIn('how efficient is it?'), threadId ?? '', 11));
    const prompts = server.requests.map(
      (r) => r.body.messages?.find((m) => m.role === 'user')?.content ?? '',
    );
    expect(prompts).toHaveLength(2);
    expect(prompts[0]).not.toContain('Earlier questions');
    expect(prompts[1]).toMatch(/^Question: how efficient is it\?/);
    expect(prompts[1]).toContain(
      `Earlier questions in this conversation, for context only:\n- ${QUESTION}`,
    );
  });

  it('answers 20 questions at once, each deferred in time, the model asked 4 at a time', async () => {
    const { ask, model: server } = await withModel(
      () => ({ kind: 'stream', deltas: STATEMENTS.slice(0, 2), delayMs: 100 }),
      { concurrency: 4 },
    );
    wiring = await startWiring({ engine, ask });
    const crowd = Array.from({ length: 20 }, () => askIn(QUESTION));
    const started = Date.now();
    await Promise.all(crowd.map((raw) => wiring?.dispatch(raw)));
    const calls = wiring.fake.calls;
    expect(server.requests).toHaveLength(20);
    expect(server.maxConcurrent).toBeLessThanOrEqual(4);
    for (const raw of crowd) {
      const deferral = calls.find(
        (c) => c.path === `/interactions/${raw.id}/${raw.token}/callback`,
      );
      expect((deferral?.body as Callback | undefined)?.type).toBe(5);
      expect((deferral?.at ?? Infinity) - started).toBeLessThan(DEADLINE_MS);
      const patches = edits(calls, raw.token);
      expect(embedOf(patches.at(-1))?.footer).toEqual({ text: WRITTEN });
      for (const gap of gaps(patches))
        expect(gap).toBeGreaterThanOrEqual(EDIT_INTERVAL_MS - JITTER_MS);
      expect(wiring.fake.visible(raw.token)).toHaveLength(1);
    }
  });
});
