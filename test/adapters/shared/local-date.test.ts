import { describe, expect, it } from 'vitest';
import { localDate } from '../../../adapters/shared/local-date.ts';

describe('localDate', () => {
  const instant = new Date('2026-05-01T23:30:00Z');

  it('is the calendar date in the given zone', () => {
    expect(localDate(instant, 'UTC')).toBe('2026-05-01');
    expect(localDate(instant, 'Europe/Paris')).toBe('2026-05-02');
    expect(localDate(instant, 'America/Los_Angeles')).toBe('2026-05-01');
  });
});
