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
import { sleepingClock } from './helpers.ts';

/**
 * /ask with a model, through real discord.js against the fake Discord and a fake
 * OpenAI-compatible server: deferred before the model is asked, the growing answer edited in at
 * most once a second, a stalled model replaced by the extractive answer with its note,
 * follow-ups with their thread's context, and a crowd of questions queued by the model's
 * concurrency limit. The edits are paced by a clock that moves only when the pacer waits (and
 * stamps the fake's calls), so the spacing is checked exactly and no test waits for real.
 */

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
/** The deferrals ("thinking…") Discord has received. */
const deferralsIn = (calls: RecordedCall[]) => callbacks(calls).filter((c) => c.type === 5).length;

describe('/ask with a model, on Discord', () => {
  it('defers before asking the model, edits the growing answer in at most once a second, then the checked answer', async () => {
    const deferredWhenAsked: number[] = [];
    const { ask } = await withModel(() => {
      deferredWhenAsked.push(deferralsIn(wiring?.fake.calls ?? []));
      return { kind: 'stream', deltas: STATEMENTS, delayMs: 50 };
    });
    wiring = await startWiring({ engine, ask, clock: sleepingClock() });
    const raw = askIn(QUESTION);
    const calls = await wiring.dispatch(raw);

    // "Thinking…" is the first thing the user sees, there before the model is asked anything.
    expect(callbacks(calls).map((c) => c.type)).toEqual([5]);
    expect(calls[0]?.path).toBe(`/interactions/${raw.id}/${raw.token}/callback`);
    expect(deferredWhenAsked).toEqual([1]);
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
    // Never two edits within a second of the pacing clock, the last one included.
    for (const gap of gaps(patches)) expect(gap).toBeGreaterThanOrEqual(EDIT_INTERVAL_MS);
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

  it('defers 20 questions at once while the model answers none, and asks it 4 at a time', async () => {
    const CROWD = 20;
    const LIMIT = 4;
    // The model answers nothing until every question is deferred and the limit is reached. A
    // deferral that waited for the model would never come (the test times out); a limit not
    // kept shows in maxConcurrent. The model's timeout is roomy: the first four are held.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const openIfReady = () => {
      if (deferralsIn(wiring?.fake.calls ?? []) === CROWD && (model?.requests.length ?? 0) >= LIMIT)
        release();
    };
    const { ask, model: server } = await withModel(
      () => {
        openIfReady();
        return { kind: 'stream', deltas: STATEMENTS.slice(0, 2), delayMs: 20, hold: held };
      },
      { concurrency: LIMIT, timeoutMs: 20_000 },
    );
    wiring = await startWiring({ engine, ask, clock: sleepingClock() });
    wiring.fake.respond(() => {
      openIfReady();
      return undefined;
    });
    const crowd = Array.from({ length: CROWD }, () => askIn(QUESTION));
    await Promise.all(crowd.map((raw) => wiring?.dispatch(raw)));

    expect(server.requests).toHaveLength(CROWD);
    expect(server.maxConcurrent).toBe(LIMIT);
    for (const raw of crowd) {
      const mine = wiring.fake.calls.filter((c) => c.path.includes(`/${raw.token}/`));
      expect(mine[0]?.path).toBe(`/interactions/${raw.id}/${raw.token}/callback`);
      expect((mine[0]?.body as Callback | undefined)?.type).toBe(5);
      expect(embedOf(edits(mine, raw.token).at(-1))?.footer).toEqual({ text: WRITTEN });
      expect(wiring.fake.visible(raw.token)).toHaveLength(1);
    }
  });
});
