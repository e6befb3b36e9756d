import { describe, expect, it, vi } from 'vitest';
import {
  type ButtonAction,
  CUSTOM_ID_PREFIX,
  createButtonStore,
} from '../../../adapters/discord/button-store.ts';

const page = (n: number): ButtonAction => ({
  kind: 'page',
  place: { request: { query: 'q', limit: 4 }, page: n },
});

function clock(start = 1_000_000) {
  let time = start;
  return { now: () => time, advance: (ms: number) => (time += ms) };
}

describe('the button store', () => {
  it('gives back the action behind a custom_id', () => {
    const store = createButtonStore();
    const id = store.put(page(2));
    expect(store.get(id)).toEqual(page(2));
  });

  it('makes short, distinct, prefixed custom_ids', () => {
    const store = createButtonStore();
    const ids = Array.from({ length: 500 }, (_, i) => store.put(page(i)));
    expect(new Set(ids).size).toBe(500);
    for (const id of ids) {
      expect(id.startsWith(CUSTOM_ID_PREFIX)).toBe(true);
      expect(id.length).toBeLessThanOrEqual(20);
    }
  });

  it('forgets an action once its time is up', () => {
    const time = clock();
    const store = createButtonStore({ now: time.now, ttlMs: 1000 });
    const id = store.put(page(0));
    time.advance(999);
    expect(store.get(id)).toBeDefined();
    time.advance(1);
    expect(store.get(id)).toBeUndefined();
  });

  it('drops expired entries by itself, so memory does not grow with time', () => {
    vi.useFakeTimers();
    try {
      const store = createButtonStore({ ttlMs: 1000 });
      for (let i = 0; i < 10; i++) store.put(page(i));
      vi.advanceTimersByTime(1000);
      store.put(page(99));
      expect(store.size).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('drops the oldest entries when full', () => {
    const store = createButtonStore({ capacity: 3 });
    const ids = [0, 1, 2, 3].map((n) => store.put(page(n)));
    expect(store.size).toBe(3);
    expect(store.get(ids[0] as string)).toBeUndefined();
    expect(store.get(ids[3] as string)).toEqual(page(3));
  });

  it('does not honour ids of another run (a restart)', () => {
    const before = createButtonStore({ random: () => 0.1 });
    const after = createButtonStore({ random: () => 0.7 });
    const id = before.put(page(0));
    after.put(page(5));
    expect(after.get(id)).toBeUndefined();
  });

  it('knows nothing of foreign ids', () => {
    expect(createButtonStore().get('someone-else:1')).toBeUndefined();
  });
});
