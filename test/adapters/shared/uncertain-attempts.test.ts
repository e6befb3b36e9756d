import { describe, expect, it } from 'vitest';
import {
  createUncertainAttempts,
  UNCERTAIN_TTL_MS,
} from '../../../adapters/shared/uncertain-attempts.ts';
import { fakeClock } from '../scheduler/helpers.ts';

describe('uncertain daily attempts', () => {
  it('keeps the time of the first uncertain attempt at a post', () => {
    const clock = fakeClock('2026-05-01T09:00:00Z');
    const uncertain = createUncertainAttempts(clock.now);
    const first = clock.now();
    uncertain.mark('C1', '2026-05-01');
    clock.advance(60_000);
    uncertain.mark('C1', '2026-05-01');
    expect(uncertain.since('C1', '2026-05-01')).toBe(first);
    expect(uncertain.since('C2', '2026-05-01')).toBeUndefined();
    expect(uncertain.since('C1', '2026-05-02')).toBeUndefined();
  });

  it('forgets a post once it is settled', () => {
    const clock = fakeClock('2026-05-01T09:00:00Z');
    const uncertain = createUncertainAttempts(clock.now);
    uncertain.mark('C1', '2026-05-01');
    uncertain.clear('C1', '2026-05-01');
    expect(uncertain.since('C1', '2026-05-01')).toBeUndefined();
  });

  it('forgets an attempt after two days: a post belongs to its date', () => {
    const clock = fakeClock('2026-05-01T09:00:00Z');
    const uncertain = createUncertainAttempts(clock.now);
    uncertain.mark('C1', '2026-05-01');
    clock.advance(UNCERTAIN_TTL_MS - 1);
    expect(uncertain.since('C1', '2026-05-01')).toBeDefined();
    clock.advance(1);
    expect(uncertain.since('C1', '2026-05-01')).toBeUndefined();
  });
});
