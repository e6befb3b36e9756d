import { describe, expect, it } from 'vitest';
import {
  ASK_THREAD_TTL_MS,
  ASK_THREAD_TURNS,
  askThreadName,
  createAskThreads,
} from '../../../adapters/discord/ask-threads.ts';
import { manualClock } from '../../reliability/helpers.ts';

describe('the memory of ask threads', () => {
  it('knows only the threads it was told of, with their questions in order', () => {
    const threads = createAskThreads();
    expect(threads.turns('1')).toBeUndefined();
    threads.add('1', { question: 'first?' });
    threads.add('1', { question: 'second?' });
    expect(threads.turns('1')).toEqual([{ question: 'first?' }, { question: 'second?' }]);
    expect(threads.turns('2')).toBeUndefined();
  });

  it(`keeps the last ${ASK_THREAD_TURNS} questions of a thread`, () => {
    const threads = createAskThreads();
    for (let i = 0; i < ASK_THREAD_TURNS + 3; i++) threads.add('1', { question: `q${i}?` });
    const turns = threads.turns('1') ?? [];
    expect(turns).toHaveLength(ASK_THREAD_TURNS);
    expect(turns.at(-1)).toEqual({ question: `q${ASK_THREAD_TURNS + 2}?` });
  });

  it('forgets a thread a day after its last question', () => {
    const clock = manualClock();
    const threads = createAskThreads({ now: clock.now });
    threads.add('1', { question: 'first?' });
    clock.advance(ASK_THREAD_TTL_MS - 1000);
    threads.add('1', { question: 'second?' });
    clock.advance(ASK_THREAD_TTL_MS - 1000);
    expect(threads.turns('1')).toHaveLength(2);
    clock.advance(1000);
    expect(threads.turns('1')).toBeUndefined();
  });

  it('holds at most maxThreads threads, the oldest going first', () => {
    const threads = createAskThreads({ maxThreads: 2 });
    for (const id of ['1', '2', '3']) threads.add(id, { question: `${id}?` });
    expect(threads.turns('1')).toBeUndefined();
    expect(threads.turns('3')).toEqual([{ question: '3?' }]);
  });
});

describe('the name of an ask thread', () => {
  it('is "Ask: " and the question, on one line, within 100 characters', () => {
    expect(askThreadName('does it\nscale?')).toBe('Ask: does it scale?');
    const long = askThreadName('why '.repeat(100));
    expect(long.length).toBeLessThanOrEqual(100);
    expect(long.endsWith('…')).toBe(true);
  });

  it('never reads as a mass mention', () => {
    expect(askThreadName('@everyone look')).not.toContain('@everyone');
  });
});
