import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createRateLimiter,
  DEFAULT_BURST,
  rateKey,
  rateLimitText,
  waitSeconds,
} from '../../adapters/shared/rate-limit.ts';

/** A clock the test moves by hand. */
function manualClock(start = 1_000_000) {
  let time = start;
  return {
    now: () => time,
    advance(ms: number) {
      time += ms;
    },
    set(ms: number) {
      time = ms;
    },
  };
}

describe('createRateLimiter', () => {
  it('lets a burst of `capacity` through, then refuses the next with the wait', () => {
    const clock = manualClock();
    const limiter = createRateLimiter({ capacity: 10, refillPerSecond: 1, now: clock.now });
    for (let i = 0; i < 10; i++) expect(limiter.take('u1')).toEqual({ allowed: true });
    expect(limiter.take('u1')).toEqual({ allowed: false, retryAfterMs: 1000 });
  });

  it('uses the documented defaults: a burst of 10', () => {
    const clock = manualClock();
    const limiter = createRateLimiter({ now: clock.now });
    const allowed = Array.from({ length: 20 }, () => limiter.take('u').allowed).filter(Boolean);
    expect(allowed).toHaveLength(DEFAULT_BURST);
  });

  it('refills at the given rate, and the wait shrinks as time passes', () => {
    const clock = manualClock();
    const limiter = createRateLimiter({ capacity: 2, refillPerSecond: 4, now: clock.now });
    limiter.take('u');
    limiter.take('u');
    expect(limiter.take('u')).toEqual({ allowed: false, retryAfterMs: 250 });
    clock.advance(100);
    expect(limiter.take('u')).toEqual({ allowed: false, retryAfterMs: 150 });
    clock.advance(150);
    expect(limiter.take('u')).toEqual({ allowed: true });
    expect(limiter.take('u').allowed).toBe(false);
  });

  it('keeps a sustained rate of one a second going forever', () => {
    const clock = manualClock();
    const limiter = createRateLimiter({ capacity: 3, refillPerSecond: 1, now: clock.now });
    for (let i = 0; i < 3; i++) limiter.take('u');
    for (let second = 0; second < 100; second++) {
      clock.advance(1000);
      expect(limiter.take('u').allowed).toBe(true);
      expect(limiter.take('u').allowed).toBe(false);
    }
  });

  it('keeps users apart', () => {
    const clock = manualClock();
    const limiter = createRateLimiter({ capacity: 1, refillPerSecond: 1, now: clock.now });
    expect(limiter.take(rateKey('discord', '1')).allowed).toBe(true);
    expect(limiter.take(rateKey('discord', '1')).allowed).toBe(false);
    expect(limiter.take(rateKey('discord', '2')).allowed).toBe(true);
    expect(limiter.take(rateKey('slack', 'T1', '1')).allowed).toBe(true);
  });

  it('does not count refused requests against the user', () => {
    const clock = manualClock();
    const limiter = createRateLimiter({ capacity: 1, refillPerSecond: 1, now: clock.now });
    limiter.take('u');
    for (let i = 0; i < 50; i++) limiter.take('u');
    clock.advance(1000);
    expect(limiter.take('u').allowed).toBe(true);
  });

  it('forgets a bucket once it has refilled, so idle users cost no memory', () => {
    const clock = manualClock();
    const limiter = createRateLimiter({ capacity: 10, refillPerSecond: 1, now: clock.now });
    for (let user = 0; user < 100; user++) limiter.take(`u${user}`);
    expect(limiter.size).toBe(100);
    clock.advance(10_000);
    limiter.take('late');
    expect(limiter.size).toBe(1);
  });

  it('holds at most maxKeys buckets, dropping the least recently active', () => {
    const clock = manualClock();
    const limiter = createRateLimiter({
      capacity: 1,
      refillPerSecond: 0.001,
      now: clock.now,
      maxKeys: 3,
    });
    for (const user of ['a', 'b', 'c']) limiter.take(user);
    limiter.take('a'); // a is now the most recent, b the least
    limiter.take('d');
    expect(limiter.size).toBe(3);
    // b was forgotten: it starts again with a full bucket; a and c were kept, still empty.
    expect(limiter.take('b').allowed).toBe(true);
    expect(limiter.take('a').allowed).toBe(false);
  });

  it('survives a clock that steps back without minting tokens', () => {
    const clock = manualClock(50_000);
    const limiter = createRateLimiter({ capacity: 1, refillPerSecond: 1, now: clock.now });
    limiter.take('u');
    clock.set(10_000);
    const decision = limiter.take('u');
    expect(decision.allowed).toBe(false);
    expect(decision.allowed === false && decision.retryAfterMs).toBe(1000);
  });

  it('refuses nonsense settings', () => {
    const now = () => 0;
    expect(() => createRateLimiter({ capacity: 0, now })).toThrow(RangeError);
    expect(() => createRateLimiter({ refillPerSecond: 0, now })).toThrow(RangeError);
    expect(() => createRateLimiter({ maxKeys: 0, now })).toThrow(RangeError);
  });

  it('never allows more than capacity + rate × elapsed in any run of requests', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 10 }),
        fc.array(fc.integer({ min: 0, max: 3000 }), { minLength: 1, maxLength: 200 }),
        (capacity, rate, gaps) => {
          const clock = manualClock();
          const limiter = createRateLimiter({ capacity, refillPerSecond: rate, now: clock.now });
          const start = clock.now();
          let allowed = 0;
          for (const gap of gaps) {
            clock.advance(gap);
            const decision = limiter.take('u');
            if (decision.allowed) allowed += 1;
            else expect(decision.retryAfterMs).toBeGreaterThan(0);
            const elapsed = (clock.now() - start) / 1000;
            expect(allowed).toBeLessThanOrEqual(capacity + rate * elapsed + 1e-9);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('what the user is told', () => {
  it('rounds the wait up to whole seconds, at least one', () => {
    expect(waitSeconds(1)).toBe(1);
    expect(waitSeconds(1000)).toBe(1);
    expect(waitSeconds(1001)).toBe(2);
    expect(waitSeconds(0)).toBe(1);
  });

  it('says how long to wait, kindly', () => {
    expect(rateLimitText(2500)).toBe('You’re going a bit fast — try again in 3 s.');
  });
});
