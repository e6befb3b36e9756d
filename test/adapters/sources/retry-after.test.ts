import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from '../../../adapters/sources/retry-after.ts';

const NOW = Date.UTC(2024, 0, 15, 12, 0, 0);

describe('Retry-After', () => {
  it('reads a number of seconds', () => {
    expect(parseRetryAfter('120', NOW)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', NOW)).toBe(0);
  });

  it('reads an HTTP date as the time left until it', () => {
    expect(parseRetryAfter('Mon, 15 Jan 2024 12:00:30 GMT', NOW)).toBe(30_000);
  });

  it('treats a date in the past as no wait', () => {
    expect(parseRetryAfter('Mon, 15 Jan 2024 11:00:00 GMT', NOW)).toBe(0);
  });

  it('ignores an absent or unreadable header', () => {
    expect(parseRetryAfter(null, NOW)).toBeUndefined();
    expect(parseRetryAfter('', NOW)).toBeUndefined();
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
    expect(parseRetryAfter('-5', NOW)).toBeUndefined();
    expect(parseRetryAfter('1.5', NOW)).toBeUndefined();
  });

  it('never throws and never answers a negative wait', () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        const wait = parseRetryAfter(value, NOW);
        expect(wait === undefined || wait >= 0).toBe(true);
      }),
    );
  });
});
