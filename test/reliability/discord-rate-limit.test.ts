import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createInteractionLimits } from '../../adapters/discord/interaction-limits.ts';
import { AUTOCOMPLETE_BURST, DEFAULT_BURST } from '../../adapters/shared/rate-limit.ts';
import type { Engine } from '../../src/index.ts';
import {
  fromUser,
  rawAutocomplete,
  rawButton,
  rawCommand,
} from '../adapters/discord/raw-interactions.ts';
import { tinyEngine } from '../adapters/discord/tiny-corpus.ts';
import {
  buttonId,
  callbacks,
  startWiring,
  type Wiring,
} from '../adapters/discord/wiring-harness.ts';
import { countingEngine, manualClock } from './helpers.ts';

const EPHEMERAL = 64;
const NOTICE = 'ℹ️ You’re going a bit fast — try again in 1 s.';
const search = (query: string) => rawCommand('search', [{ name: 'query', type: 3, value: query }]);

let engine: Engine;
let counted: ReturnType<typeof countingEngine>;
let clock: ReturnType<typeof manualClock>;
let wiring: Wiring;

beforeAll(async () => {
  engine = await tinyEngine();
});
beforeEach(async () => {
  counted = countingEngine(engine);
  clock = manualClock();
  wiring = await startWiring({
    engine: counted.engine,
    limits: createInteractionLimits({ now: clock.now }),
  });
});
afterEach(async () => {
  await wiring.close();
});

describe('the per-user rate limit on Discord, through discord.js', () => {
  it('answers a burst of commands, then tells the next one, privately, to slow down', async () => {
    for (let i = 0; i < DEFAULT_BURST; i++) {
      const [answer] = callbacks(await wiring.dispatch(search('long context')));
      expect(answer?.data?.flags ?? 0).toBe(0);
      expect(answer?.data?.embeds?.length).toBeGreaterThan(0);
    }
    const searches = counted.calls.search;
    const [notice] = callbacks(await wiring.dispatch(search('long context')));
    expect(notice?.type).toBe(4);
    expect(notice?.data?.flags).toBe(EPHEMERAL);
    expect(notice?.data?.content).toBe(NOTICE);
    expect(notice?.data?.allowed_mentions).toEqual({ parse: [] });
    // Refused before any core work.
    expect(counted.calls.search).toBe(searches);
    expect(
      wiring.logger.entries.some(
        (e) => e.message === 'interaction rate limited' && e.fields.userId !== undefined,
      ),
    ).toBe(true);
  });

  it('lets the user go on once a token has come back', async () => {
    for (let i = 0; i <= DEFAULT_BURST; i++) await wiring.dispatch(rawCommand('help'));
    clock.advance(1000);
    const [answer] = callbacks(await wiring.dispatch(search('diffusion')));
    expect(answer?.data?.content).not.toBe(NOTICE);
    expect(answer?.data?.embeds?.length).toBeGreaterThan(0);
  });

  it('keeps one user’s burst from slowing anyone else', async () => {
    for (let i = 0; i <= DEFAULT_BURST; i++) await wiring.dispatch(rawCommand('help'));
    const [other] = callbacks(await wiring.dispatch(fromUser(search('diffusion'), '5999')));
    expect(other?.data?.content).not.toBe(NOTICE);
  });

  it('answers a button over the limit with a private notice, leaving its message alone', async () => {
    const [results] = callbacks(await wiring.dispatch(search('long context')));
    const next = buttonId(results?.data, '▶');
    for (let i = 1; i < DEFAULT_BURST; i++) await wiring.dispatch(rawCommand('help'));
    const [notice] = callbacks(await wiring.dispatch(rawButton(next)));
    expect(notice?.type).toBe(4);
    expect(notice?.data?.flags).toBe(EPHEMERAL);
    expect(notice?.data?.content).toBe(NOTICE);
  });

  it('gives autocomplete its own roomier bucket, and an empty list (not an error) past it', async () => {
    // Commands spent: autocomplete is unaffected.
    for (let i = 0; i <= DEFAULT_BURST; i++) await wiring.dispatch(rawCommand('help'));
    const typing = () =>
      rawAutocomplete('paper', [{ name: 'paper', type: 3, value: 'mega', focused: true }]);
    for (let i = 0; i < AUTOCOMPLETE_BURST; i++) {
      const [answer] = callbacks(await wiring.dispatch(typing()));
      expect(answer?.data?.choices?.length).toBeGreaterThan(0);
    }
    const suggests = counted.calls.suggest;
    const calls = await wiring.dispatch(typing());
    const [over] = callbacks(calls);
    expect(over?.type).toBe(8);
    expect(over?.data?.choices).toEqual([]);
    expect(counted.calls.suggest).toBe(suggests);
  });
});
