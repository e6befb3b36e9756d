import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUTTONS_EXPIRED } from '../../../adapters/discord/button-actions.ts';
import { DAILY_DISABLED } from '../../../adapters/discord/commands/daily.ts';
import { APOLOGY, type Engine } from '../../../src/index.ts';
import {
  MANAGE_GUILD,
  rawAutocomplete,
  rawButton,
  rawCommand,
  rawSelect,
} from './raw-interactions.ts';
import { tinyEngine } from './tiny-corpus.ts';
import { buttonId, type Callback, callbacks, startWiring, type Wiring } from './wiring-harness.ts';

const EPHEMERAL = 64;
const NO_MENTIONS = { parse: [] };

let engine: Engine;
let wiring: Wiring;

beforeAll(async () => {
  engine = await tinyEngine();
  wiring = await startWiring({ engine });
});
afterAll(async () => {
  await wiring.close();
});

const text = (name: string, value: string) => ({ name, type: 3, value });

describe('slash commands through discord.js', () => {
  it('/search answers at once (type 4) with embeds, buttons and no mentions', async () => {
    const calls = await wiring.dispatch(rawCommand('search', [text('query', 'long context')]));
    expect(calls).toHaveLength(1);
    expect(calls[0]?.query.get('with_response')).toBe('false');
    const [callback] = callbacks(calls);
    expect(callback?.type).toBe(4);
    expect(callback?.data?.flags ?? 0).toBe(0);
    expect(callback?.data?.allowed_mentions).toEqual(NO_MENTIONS);
    expect(callback?.data?.content).toBe('🔎 **Showing 4 of 5 papers** for “long context”');
    expect(callback?.data?.embeds).toHaveLength(4);
    expect(callback?.data?.embeds?.[0]).toMatchObject({
      title: expect.stringMatching(/^1\. /),
      footer: { text: expect.stringMatching(/^arXiv:/) },
    });
    expect(callback?.data?.components?.map((r) => r.components.length)).toEqual([3, 3, 3, 3, 3]);
  });

  it.each([
    ['paper', [text('paper', '2305.11206')], 'LIMA: Less Is More for Alignment'],
    [
      'summary',
      [text('paper', 'megalodon')],
      'Megalodon: Efficient LLM Pretraining and Inference with Unlimited Context Length',
    ],
    ['similar', [text('paper', '2404.08801')], undefined],
    ['random', [text('topic', 'diffusion')], undefined],
    ['cite', [text('paper', 'LIMA')], 'LIMA: Less Is More for Alignment'],
  ])('/%s answers with an embed and no mentions', async (name, options, title) => {
    const [callback] = callbacks(await wiring.dispatch(rawCommand(name, options)));
    expect(callback?.type).toBe(4);
    expect(callback?.data?.allowed_mentions).toEqual(NO_MENTIONS);
    expect(callback?.data?.flags ?? 0).toBe(0);
    expect(callback?.data?.embeds?.length).toBeGreaterThan(0);
    if (title) expect(callback?.data?.embeds?.[0]?.title).toBe(title);
  });

  it('/cite sends the citation in a code block', async () => {
    const [callback] = callbacks(
      await wiring.dispatch(rawCommand('cite', [text('paper', 'LIMA'), text('format', 'bibtex')])),
    );
    expect(callback?.data?.content).toMatch(/^```bibtex\n@/);
  });

  it('/daily show sends the paper of the day', async () => {
    const raw = rawCommand('daily', [{ name: 'show', type: 1, options: [] }]);
    const [callback] = callbacks(await wiring.dispatch(raw));
    expect(callback?.data?.content).toBe('📅 Paper of the day · 2026-05-01');
    expect(callback?.data?.embeds?.[0]?.title).toBe(engine.daily('2026-05-01').title);
  });

  it('/daily subscribe says, privately, that daily posts are not enabled here', async () => {
    const raw = rawCommand('daily', [{ name: 'subscribe', type: 1, options: [] }], MANAGE_GUILD);
    const [callback] = callbacks(await wiring.dispatch(raw));
    expect(callback?.data?.flags).toBe(EPHEMERAL);
    expect(callback?.data?.content).toContain(DAILY_DISABLED.slice(0, 30));
  });

  it('/help answers privately with every command', async () => {
    const [callback] = callbacks(await wiring.dispatch(rawCommand('help')));
    expect(callback?.data?.flags).toBe(EPHEMERAL);
    expect(callback?.data?.embeds?.[0]?.description).toContain('**/daily**');
  });
});

describe('errors through discord.js', () => {
  it('an unknown paper gets an ephemeral, friendly notice', async () => {
    const [callback] = callbacks(
      await wiring.dispatch(rawCommand('paper', [text('paper', 'no such thing at all')])),
    );
    expect(callback?.type).toBe(4);
    expect(callback?.data?.flags).toBe(EPHEMERAL);
    expect(callback?.data?.content).toMatch(/^⚠️ No paper matches/);
    expect(callback?.data?.allowed_mentions).toEqual(NO_MENTIONS);
  });

  it('a query over 500 characters gets an ephemeral notice', async () => {
    const [callback] = callbacks(
      await wiring.dispatch(rawCommand('search', [text('query', 'x'.repeat(600))])),
    );
    expect(callback?.data?.flags).toBe(EPHEMERAL);
    expect(callback?.data?.content).toContain('limit is 500');
  });

  it('a query holding @everyone and a role mention pings nobody', async () => {
    const [callback] = callbacks(
      await wiring.dispatch(rawCommand('search', [text('query', 'zzqx @everyone <@&123>')])),
    );
    expect(callback?.data?.allowed_mentions).toEqual(NO_MENTIONS);
    expect(callback?.data?.content).not.toMatch(/@everyone|(?<!\\)<@&/);
  });

  it('a command this version does not know gets a notice, not silence', async () => {
    const [callback] = callbacks(await wiring.dispatch(rawCommand('ancient')));
    expect(callback?.data?.flags).toBe(EPHEMERAL);
    expect(callback?.data?.content).toContain('/help');
  });
});

describe('autocomplete through discord.js', () => {
  it('answers with choices (type 8), never deferred', async () => {
    const raw = rawAutocomplete('paper', [
      { name: 'paper', type: 3, value: 'mega', focused: true },
    ]);
    const calls = await wiring.dispatch(raw);
    expect(calls).toHaveLength(1);
    const [callback] = callbacks(calls);
    expect(callback?.type).toBe(8);
    expect(callback?.data?.choices?.[0]?.value).toBe('2404.08801');
  });

  it('completes time zones for /daily subscribe', async () => {
    const raw = rawAutocomplete('daily', [
      {
        name: 'subscribe',
        type: 1,
        options: [{ name: 'timezone', type: 3, value: 'paris', focused: true }],
      },
    ]);
    const [callback] = callbacks(await wiring.dispatch(raw));
    expect(callback?.data?.choices?.[0]).toEqual({ name: 'Europe/Paris', value: 'Europe/Paris' });
  });
});

describe('buttons through discord.js', () => {
  it('▶ updates the message in place (type 7) with the next page', async () => {
    const [first] = callbacks(
      await wiring.dispatch(rawCommand('search', [text('query', 'long context')])),
    );
    const next = buttonId(first?.data, '▶');
    const [callback] = callbacks(await wiring.dispatch(rawButton(next, first?.data?.components)));
    expect(callback?.type).toBe(7);
    expect(callback?.data?.flags).toBeUndefined();
    expect(callback?.data?.content).toBe('🔎 **Showing paper 5 of 5** for “long context”');
    expect(callback?.data?.embeds?.[0]?.title).toMatch(/^5\. /);
    expect(callback?.data?.allowed_mentions).toEqual(NO_MENTIONS);
  });

  it('Summary replaces the results with the summary and a way back', async () => {
    const [first] = callbacks(
      await wiring.dispatch(rawCommand('search', [text('query', 'long context')])),
    );
    const [callback] = callbacks(
      await wiring.dispatch(rawButton(buttonId(first?.data, 'Summary #1'))),
    );
    expect(callback?.type).toBe(7);
    expect(callback?.data?.content).toBe('');
    expect(callback?.data?.embeds?.[0]?.description).toContain('**TL;DR**');
    const labels = callback?.data?.components?.[0]?.components.map((c) => c.label);
    expect(labels).toEqual(['◀ Results', 'Similar', 'Cite']);
  });

  it('a pick in a select menu updates the message too', async () => {
    const [first] = callbacks(
      await wiring.dispatch(
        rawCommand('search', [
          text('query', 'transformers diffusion alignment context'),
          { name: 'limit', type: 4, value: 10 },
        ]),
      ),
    );
    const select = first?.data?.components?.[0]?.components[0];
    expect(select?.type).toBe(3);
    const [callback] = callbacks(await wiring.dispatch(rawSelect(select?.custom_id ?? '', ['2'])));
    expect(callback?.type).toBe(7);
    expect(callback?.data?.embeds?.[0]?.description).toContain('**TL;DR**');
  });

  it('an expired button gets an ephemeral notice and leaves the message alone', async () => {
    const [callback] = callbacks(await wiring.dispatch(rawButton('sh1:zzzz0')));
    expect(callback?.type).toBe(4);
    expect(callback?.data?.flags).toBe(EPHEMERAL);
    expect(callback?.data?.content).toContain(BUTTONS_EXPIRED.slice(0, 30));
  });
});

describe('deferring on a big corpus', () => {
  let slow: Wiring;
  beforeAll(async () => {
    slow = await startWiring({ engine, deferAbovePapers: 0 });
  });
  afterAll(async () => {
    await slow.close();
  });

  it('defers (type 5), then edits the answer in', async () => {
    const calls = await slow.dispatch(rawCommand('search', [text('query', 'long context')]));
    expect(callbacks(calls).map((c) => c.type)).toEqual([5]);
    const edit = calls.find((c) => c.method === 'PATCH');
    expect(edit?.path).toMatch(/^\/webhooks\/\d+\/[^/]+\/messages\/(@|%40)original$/);
    expect((edit?.body as { embeds: unknown[] } | undefined)?.embeds).toHaveLength(4);
    expect((edit?.body as { allowed_mentions: unknown } | undefined)?.allowed_mentions).toEqual(
      NO_MENTIONS,
    );
  });

  it('replaces the public "thinking…" with a private notice when the answer is an error', async () => {
    const calls = await slow.dispatch(rawCommand('paper', [text('paper', 'no such thing at all')]));
    expect(calls.map((c) => c.method)).toEqual(['POST', 'DELETE', 'POST']);
    const followUp = calls[2]?.body as { flags: number; content: string };
    expect(followUp.flags).toBe(EPHEMERAL);
    expect(followUp.content).toMatch(/^⚠️ No paper matches/);
  });

  it('still refuses a bad query at once, privately, without deferring', async () => {
    const calls = await slow.dispatch(rawCommand('search', [text('query', ' ')]));
    expect(callbacks(calls).map((c) => [c.type, c.data?.flags])).toEqual([[4, EPHEMERAL]]);
  });

  it('defers a button with type 6, then edits the message it sits on', async () => {
    const first = await slow.dispatch(rawCommand('search', [text('query', 'long context')]));
    const answer = first.find((c) => c.method === 'PATCH')?.body as Callback['data'];
    const calls = await slow.dispatch(rawButton(buttonId(answer, '▶')));
    expect(callbacks(calls).map((c) => c.type)).toEqual([6]);
    const edit = calls.find((c) => c.method === 'PATCH');
    expect(edit?.path).toMatch(/messages\/(@|%40)original$/);
    expect(
      (edit?.body as { embeds: Array<{ title: string }> } | undefined)?.embeds[0]?.title,
    ).toMatch(/^5\. /);
  });
});

describe('when things go wrong on our side', () => {
  it('logs the error with the interaction id and shows only the apology, privately', async () => {
    const broken: Engine = {
      ...engine,
      papers: engine.papers,
      search: () => {
        throw new TypeError('index exploded at /srv/shammie/secret.ts:42');
      },
    };
    const bad = await startWiring({ engine: broken });
    try {
      const raw = rawCommand('search', [text('query', 'long context')]);
      const [callback] = callbacks(await bad.dispatch(raw));
      expect(callback?.data?.flags).toBe(EPHEMERAL);
      expect(callback?.data?.content).toBe(`⚠️ ${APOLOGY}`);
      expect(JSON.stringify(callback)).not.toContain('exploded');
      const logged = bad.logger.entries.find((e) => e.level === 'error');
      expect(logged?.fields.interactionId).toBe(raw.id);
      expect(String((logged?.fields.err as Error | undefined)?.message)).toContain('exploded');
    } finally {
      await bad.close();
    }
  });

  it('survives Discord refusing the reply (Unknown interaction) and logs it', async () => {
    const flaky = await startWiring({ engine });
    try {
      flaky.fake.respond((call) =>
        call.path.endsWith('/callback')
          ? { status: 404, body: { message: 'Unknown interaction', code: 10062 } }
          : undefined,
      );
      const raw = rawCommand('search', [text('query', 'long context')]);
      const calls = await flaky.dispatch(raw);
      expect(callbacks(calls).length).toBeGreaterThanOrEqual(1);
      const errors = flaky.logger.entries.filter((e) => e.level === 'error' || e.level === 'warn');
      expect(errors.some((e) => e.fields.interactionId === raw.id)).toBe(true);
      // Discord recovers: the same bot answers the next interaction normally.
      flaky.fake.respond((call) => (call.path.endsWith('/callback') ? { status: 204 } : undefined));
      const [next] = callbacks(await flaky.dispatch(rawCommand('help')));
      expect(next?.type).toBe(4);
    } finally {
      await flaky.close();
    }
  });
});
