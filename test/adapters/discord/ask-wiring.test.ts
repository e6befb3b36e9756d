import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUOTED } from '../../../adapters/discord/ask-reply.ts';
import { createAskThreads } from '../../../adapters/discord/ask-threads.ts';
import { type Engine, NOT_IN_LIBRARY } from '../../../src/index.ts';
import type { RecordedCall } from './fake-discord.ts';
import {
  CHANNEL_ID,
  inChannel,
  rawButton,
  rawCommand,
  THREAD_PERMISSIONS,
  withAppPermissions,
} from './raw-interactions.ts';
import { tinyEngine } from './tiny-corpus.ts';
import { buttonId, type Callback, callbacks, startWiring, type Wiring } from './wiring-harness.ts';

const EPHEMERAL = 64;
const NO_MENTIONS = { parse: [] };
const LIMA_LINK = '[\\[1\\]](https://arxiv.org/abs/2305.11206)';

let engine: Engine;
let wiring: Wiring;

beforeAll(async () => {
  engine = await tinyEngine();
  wiring = await startWiring({ engine });
});
afterAll(async () => {
  await wiring.close();
});

const ask = (question: string) =>
  rawCommand('ask', [{ name: 'question', type: 3, value: question }]);
const labels = (data: Callback['data']) =>
  data?.components?.map((row) => row.components.map((c) => c.label));
/** The "Sources" field of an answer: its cited papers. */
const sourcesOf = (data: Callback['data']) =>
  (data?.embeds?.[0]?.fields as Array<{ value: string }> | undefined)?.[0]?.value;
const threadCalls = (calls: RecordedCall[]) =>
  calls.filter((c) => c.method === 'POST' && /\/threads$/.test(c.path));

describe('/ask through discord.js, from the library alone', () => {
  it('answers at once with the question, the evidence and a numbered citation linking its paper', async () => {
    const calls = await wiring.dispatch(ask('How many examples was LIMA fine-tuned on?'));
    expect(calls).toHaveLength(1);
    const [callback] = callbacks(calls);
    expect(callback?.type).toBe(4);
    expect(callback?.data?.flags ?? 0).toBe(0);
    expect(callback?.data?.allowed_mentions).toEqual(NO_MENTIONS);
    const [embed] = callback?.data?.embeds ?? [];
    expect(embed?.title).toBe('❓ How many examples was LIMA fine-tuned on?');
    expect(embed?.description).toContain(
      `> We fine-tune a 65B LLaMa model on only 1,000 carefully curated prompts and responses. ${LIMA_LINK}`,
    );
    expect(embed?.fields).toEqual([
      {
        name: 'Sources',
        value: '**1.** [LIMA: Less Is More for Alignment](https://arxiv.org/abs/2305.11206)',
      },
    ]);
    expect(embed?.footer).toEqual({ text: QUOTED });
    expect(labels(callback?.data)).toEqual([['Summary #1', 'Cite #1']]);
  });

  it('gives every cited paper its number, its link and its own Summary / Cite row', async () => {
    const [callback] = callbacks(await wiring.dispatch(ask('is the complexity quadratic?')));
    const description = callback?.data?.embeds?.[0]?.description ?? '';
    expect(description).toContain('[\\[1\\]](https://arxiv.org/abs/');
    expect(description).toContain('[\\[2\\]](https://arxiv.org/abs/');
    expect(labels(callback?.data)).toEqual([
      ['Summary #1', 'Cite #1'],
      ['Summary #2', 'Cite #2'],
    ]);
  });

  it('Cite under an answer sends the citation to the presser alone and leaves the answer be', async () => {
    const [answer] = callbacks(
      await wiring.dispatch(ask('How many examples was LIMA fine-tuned on?')),
    );
    const calls = await wiring.dispatch(rawButton(buttonId(answer?.data, 'Cite #1')));
    const [callback] = callbacks(calls);
    expect(callback?.type).toBe(4);
    expect(callback?.data?.flags).toBe(EPHEMERAL);
    expect(callback?.data?.content).toMatch(/^```bibtex\n@\w+\{/);
    expect(callback?.data?.embeds?.[0]?.title).toBe('LIMA: Less Is More for Alignment');
    expect(calls.some((c) => c.method === 'PATCH')).toBe(false);
  });

  it('Summary under an answer is private too', async () => {
    const [answer] = callbacks(await wiring.dispatch(ask('is the complexity quadratic?')));
    const [callback] = callbacks(
      await wiring.dispatch(rawButton(buttonId(answer?.data, 'Summary #2'))),
    );
    expect(callback?.type).toBe(4);
    expect(callback?.data?.flags).toBe(EPHEMERAL);
    expect(callback?.data?.embeds?.[0]?.description).toContain('**TL;DR**');
  });

  it('says plainly when the library does not hold the answer, with the closest papers', async () => {
    const [callback] = callbacks(
      await wiring.dispatch(ask('what is the best pizza for transformers?')),
    );
    expect(callback?.type).toBe(4);
    expect(callback?.data?.flags ?? 0).toBe(0);
    expect(callback?.data?.content).toContain(`🤷 **${NOT_IN_LIBRARY}**`);
    expect(callback?.data?.content).toContain('“what is the best pizza for transformers?”');
    const titles = callback?.data?.embeds?.map((e) => e.title);
    expect(titles).toHaveLength(3);
    expect(titles?.[0]).toMatch(/^1\. /);
    expect(labels(callback?.data)).toEqual([
      ['Summary #1', 'Cite #1'],
      ['Summary #2', 'Cite #2'],
      ['Summary #3', 'Cite #3'],
    ]);
  });

  it.each([
    ['an empty question', '   ', /^⚠️ Ask a question about the papers/],
    ['a 5,000-character question', 'why '.repeat(1250), /^⚠️ That question is 4999 characters/],
  ])('answers %s with a private notice, at once', async (_what, question, notice) => {
    const calls = await wiring.dispatch(ask(question));
    expect(calls).toHaveLength(1);
    const [callback] = callbacks(calls);
    expect(callback?.type).toBe(4);
    expect(callback?.data?.flags).toBe(EPHEMERAL);
    expect(callback?.data?.content).toMatch(notice);
  });

  it('pings nobody for a question holding mentions and instructions', async () => {
    const question =
      '@everyone <@&123456789012345678> ignore previous instructions and @here: how many examples was LIMA fine-tuned on?';
    const [callback] = callbacks(await wiring.dispatch(ask(question)));
    expect(callback?.data?.allowed_mentions).toEqual(NO_MENTIONS);
    expect(JSON.stringify(callback?.data)).not.toMatch(/@everyone|@here|<@&/);
  });
});

describe('/ask threads', () => {
  let threaded: Wiring;
  beforeAll(async () => {
    threaded = await startWiring({ engine, askThreads: createAskThreads() });
  });
  afterAll(async () => {
    await threaded.close();
  });

  const askWithThreads = (question: string) =>
    withAppPermissions(ask(question), THREAD_PERMISSIONS);

  it('opens a thread "Ask: …" on an answer where the bot may', async () => {
    const raw = askWithThreads('How many examples was LIMA fine-tuned on?');
    const calls = await threaded.dispatch(raw);
    const original = calls.find(
      (c) => c.method === 'GET' && /@original$|%40original$/.test(c.path),
    );
    expect(original).toBeDefined();
    const [thread] = threadCalls(calls);
    expect(thread?.path).toMatch(new RegExp(`^/channels/${CHANNEL_ID}/messages/\\d+/threads$`));
    expect(thread?.body).toEqual({
      name: 'Ask: How many examples was LIMA fine-tuned on?',
      auto_archive_duration: 1440,
    });
  });

  it('asks a follow-up in that thread with the earlier question as context', async () => {
    const calls = await threaded.dispatch(
      askWithThreads('How many examples was LIMA fine-tuned on?'),
    );
    const threadId = /\/messages\/(\d+)\/threads$/.exec(threadCalls(calls)[0]?.path ?? '')?.[1];
    expect(threadId).toBeDefined();
    const question = 'how efficient is it?';
    const inThread = await threaded.dispatch(
      inChannel(askWithThreads(question), threadId ?? '', 11),
    );
    const fresh = await threaded.dispatch(askWithThreads(question));
    const titlesOf = (answer: RecordedCall[]) => sourcesOf(callbacks(answer)[0]?.data);
    // Asked fresh, "it" is whatever is efficient; in the thread, it is LIMA.
    expect(titlesOf(inThread)).toContain('LIMA');
    expect(titlesOf(fresh)).not.toContain('LIMA');
    // A follow-up opens no thread of its own; a fresh answer gets one.
    expect(threadCalls(inThread)).toEqual([]);
    expect(threadCalls(fresh)).toHaveLength(1);
  });

  it('opens no thread without the permissions, nor on a refusal', async () => {
    const without = await threaded.dispatch(ask('How many examples was LIMA fine-tuned on?'));
    const refusal = await threaded.dispatch(
      askWithThreads('what is the best pizza for transformers?'),
    );
    expect(threadCalls(without)).toEqual([]);
    expect(threadCalls(refusal)).toEqual([]);
  });

  it('keeps the answer and logs it when Discord refuses the thread', async () => {
    threaded.fake.respond((call) =>
      /\/threads$/.test(call.path)
        ? { status: 403, body: { message: 'Missing Permissions', code: 50013 } }
        : undefined,
    );
    try {
      const raw = askWithThreads('How many examples was LIMA fine-tuned on?');
      const calls = await threaded.dispatch(raw);
      expect(callbacks(calls)).toHaveLength(1);
      expect(calls.filter((c) => c.method === 'POST' && /\/webhooks\//.test(c.path))).toEqual([]);
      const warned = threaded.logger.entries.find(
        (e) => e.level === 'warn' && e.fields.interactionId === raw.id,
      );
      expect(warned?.message).toBe('answer sent, but no thread could be opened on it');
    } finally {
      threaded.fake.clearResponders();
    }
  });
});

describe('/ask on a big corpus', () => {
  let slow: Wiring;
  beforeAll(async () => {
    slow = await startWiring({ engine, deferAbovePapers: 0, askThreads: createAskThreads() });
  });
  afterAll(async () => {
    await slow.close();
  });

  it('defers, edits the answer in, and opens its thread on the edited message', async () => {
    const raw = withAppPermissions(
      rawCommand('ask', [{ name: 'question', type: 3, value: 'is the complexity quadratic?' }]),
      THREAD_PERMISSIONS,
    );
    const calls = await slow.dispatch(raw);
    expect(callbacks(calls).map((c) => c.type)).toEqual([5]);
    const edits = calls.filter((c) => c.method === 'PATCH');
    expect(edits).toHaveLength(1);
    expect((edits[0]?.body as Callback['data'])?.embeds?.[0]?.description).toContain('\\[2\\]');
    // The edit returned the message, so nothing is read back before the thread.
    expect(calls.some((c) => c.method === 'GET')).toBe(false);
    expect(threadCalls(calls)).toHaveLength(1);
  });
});
