import { describe, expect, it } from 'vitest';
import {
  ASK_THREAD_TTL_MS,
  ASK_THREADS_MAX,
  ASK_TURNS_KEPT,
  createAskThreads,
} from '../../../adapters/slack/ask/ask-threads.ts';

function clock(start = 1_700_000_000_000) {
  let t = start;
  return {
    now: () => t,
    advance: (ms: number) => {
      t += ms;
    },
  };
}

describe('the questions remembered per thread', () => {
  it('gives a thread’s earlier questions, oldest first, under each thread the answer lives in', () => {
    const threads = createAskThreads(clock());
    threads.remember('C1', ['100.1', '200.2'], [], 'first?');
    threads.remember('C1', ['100.1'], threads.history('C1', '100.1'), 'second?');
    expect(threads.history('C1', '100.1')).toEqual([
      { question: 'first?' },
      { question: 'second?' },
    ]);
    expect(threads.history('C1', '200.2')).toEqual([{ question: 'first?' }]);
    expect(threads.history('C2', '100.1')).toEqual([]);
    expect(threads.history('C1', undefined)).toEqual([]);
  });

  it('forgets a thread after a day', () => {
    const time = clock();
    const threads = createAskThreads(time);
    threads.remember('C1', ['1.1'], [], 'q?');
    time.advance(ASK_THREAD_TTL_MS - 1);
    expect(threads.history('C1', '1.1')).toHaveLength(1);
    time.advance(1);
    expect(threads.history('C1', '1.1')).toEqual([]);
  });

  it('keeps at most 5,000 threads and the last few questions of each', () => {
    const threads = createAskThreads(clock());
    for (let i = 0; i <= ASK_THREADS_MAX; i++) threads.remember('C1', [`${i}.0`], [], `q${i}?`);
    expect(threads.history('C1', '0.0')).toEqual([]);
    expect(threads.history('C1', `${ASK_THREADS_MAX}.0`)).toHaveLength(1);
    let history = threads.history('C1', '1.0');
    for (let i = 0; i < 2 * ASK_TURNS_KEPT; i++) {
      threads.remember('C1', ['1.0'], history, `more${i}?`);
      history = threads.history('C1', '1.0');
    }
    expect(history).toHaveLength(ASK_TURNS_KEPT);
    expect(history.at(-1)).toEqual({ question: `more${2 * ASK_TURNS_KEPT - 1}?` });
  });
});
