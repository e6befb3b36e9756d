import { describe, expect, it, vi } from 'vitest';
import { createExpiringMap } from '../../../adapters/shared/expiring-map.ts';
import { createDeliveryDedupe } from '../../../adapters/slack/delivery-dedupe.ts';
import { createPagingStore } from '../../../adapters/slack/paging-store.ts';

function clock(start = 1_000_000) {
  let time = start;
  return { now: () => time, advance: (ms: number) => (time += ms) };
}

describe('createExpiringMap', () => {
  it('forgets an entry once its time is up', () => {
    const c = clock();
    const map = createExpiringMap<string>({ ttlMs: 100, maxEntries: 10, now: c.now });
    map.set('a', 'A');
    c.advance(99);
    expect(map.get('a')).toBe('A');
    c.advance(1);
    expect(map.get('a')).toBeUndefined();
    expect(map.has('a')).toBe(false);
  });

  it('holds at most maxEntries, dropping the oldest first', () => {
    const c = clock();
    const map = createExpiringMap<number>({ ttlMs: 10_000, maxEntries: 3, now: c.now });
    for (let i = 0; i < 5; i++) map.set(`k${i}`, i);
    expect(map.size).toBe(3);
    expect(map.get('k0')).toBeUndefined();
    expect(map.get('k1')).toBeUndefined();
    expect(map.get('k4')).toBe(4);
  });

  it('drops expired entries by itself, so memory does not grow with time', () => {
    vi.useFakeTimers();
    try {
      const map = createExpiringMap<number>({ ttlMs: 10, maxEntries: 1000, now: Date.now });
      for (let i = 0; i < 500; i++) {
        map.set(`k${i}`, i);
        vi.advanceTimersByTime(5);
      }
      expect(map.size).toBeLessThanOrEqual(3);
    } finally {
      vi.useRealTimers();
    }
  });

  it('gives a rewritten key a fresh lifetime', () => {
    const c = clock();
    const map = createExpiringMap<number>({ ttlMs: 100, maxEntries: 10, now: c.now });
    map.set('a', 1);
    c.advance(80);
    map.set('a', 2);
    c.advance(80);
    expect(map.get('a')).toBe(2);
  });
});

describe('createDeliveryDedupe', () => {
  it('lets an event through once, and refuses its retries', () => {
    const dedupe = createDeliveryDedupe({ now: clock().now });
    expect(dedupe.isFirst({ eventId: 'Ev1', channel: 'C1', ts: '1.1' })).toBe(true);
    expect(dedupe.isFirst({ eventId: 'Ev1', channel: 'C1', ts: '1.1' })).toBe(false);
  });

  it('refuses the same message arriving under another event id (app_mention and message)', () => {
    const dedupe = createDeliveryDedupe({ now: clock().now });
    expect(dedupe.isFirst({ eventId: 'EvMention', channel: 'D1', ts: '5.5' })).toBe(true);
    expect(dedupe.isFirst({ eventId: 'EvMessage', channel: 'D1', ts: '5.5' })).toBe(false);
  });

  it('lets different messages through', () => {
    const dedupe = createDeliveryDedupe({ now: clock().now });
    expect(dedupe.isFirst({ eventId: 'E1', channel: 'C1', ts: '1.1' })).toBe(true);
    expect(dedupe.isFirst({ eventId: 'E2', channel: 'C1', ts: '1.2' })).toBe(true);
    expect(dedupe.isFirst({ eventId: 'E3', channel: 'C2', ts: '1.1' })).toBe(true);
  });

  it('forgets after its window, within bounded memory', () => {
    const c = clock();
    const dedupe = createDeliveryDedupe({ now: c.now, ttlMs: 1000, maxEntries: 4 });
    expect(dedupe.isFirst({ eventId: 'E1' })).toBe(true);
    c.advance(1000);
    expect(dedupe.isFirst({ eventId: 'E1' })).toBe(true);
  });

  it('treats a delivery with nothing to key on as first', () => {
    const dedupe = createDeliveryDedupe({ now: clock().now });
    expect(dedupe.isFirst({})).toBe(true);
    expect(dedupe.isFirst({})).toBe(true);
  });
});

describe('createPagingStore', () => {
  it('gives back the page behind a key until it expires', () => {
    const c = clock();
    let n = 0;
    const store = createPagingStore({ now: c.now, ttlMs: 500, newKey: () => `key${n++}` });
    const key = store.put({ request: { query: 'long context', limit: 5 }, page: 1 });
    expect(key).toBe('key0');
    expect(store.get(key)).toEqual({ request: { query: 'long context', limit: 5 }, page: 1 });
    c.advance(500);
    expect(store.get(key)).toBeUndefined();
  });

  it('uses short random keys by default, far within a button value', () => {
    const store = createPagingStore({ now: clock().now });
    const a = store.put({ request: { query: 'x'.repeat(5000), limit: 5 }, page: 1 });
    const b = store.put({ request: { query: 'x', limit: 5 }, page: 1 });
    expect(a).not.toBe(b);
    expect(a.length).toBeLessThanOrEqual(64);
    expect(store.get('no-such-key')).toBeUndefined();
  });
});
