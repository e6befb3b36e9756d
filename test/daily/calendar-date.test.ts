import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { civilFromDays, daysFromCivil, parseCalendarDate } from '../../src/daily/calendar-date.ts';
import { ShammieError } from '../../src/errors.ts';

const DAY_MS = 86_400_000;

describe('calendar dates', () => {
  it('counts days from 1970-01-01 like Date does', () => {
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
    expect(parseCalendarDate('2024-01-01')).toBe(Date.UTC(2024, 0, 1) / DAY_MS);
    expect(parseCalendarDate('1969-12-31')).toBe(-1);
  });

  it('round-trips every day number through its date', () => {
    fc.assert(
      fc.property(fc.integer({ min: -719_162, max: 2_932_896 }), (day) => {
        const date = civilFromDays(day);
        expect(parseCalendarDate(date)).toBe(day);
        // Date agrees for years it represents without quirks.
        if (day > -25_000) expect(new Date(day * DAY_MS).toISOString().slice(0, 10)).toBe(date);
      }),
    );
  });

  it('accepts leap days of leap years only', () => {
    expect(parseCalendarDate('2024-02-29')).toBe(Date.UTC(2024, 1, 29) / DAY_MS);
    expect(parseCalendarDate('2000-02-29')).toBe(Date.UTC(2000, 1, 29) / DAY_MS);
    expect(() => parseCalendarDate('1900-02-29')).toThrow(/February 1900 has 28 days/);
    expect(() => parseCalendarDate('2023-02-29')).toThrow(/February 2023 has 28 days/);
  });

  it('refuses year 0 with a message that names the date as typed', () => {
    expect(() => parseCalendarDate('0000-01-01')).toThrow(/0000-01-01 is before year 1/);
  });

  it('allows spaces around a date', () => {
    expect(parseCalendarDate(' 2024-03-15\n')).toBe(parseCalendarDate('2024-03-15'));
  });

  it.each([
    ['2024-02-30', /not a real date: February 2024 has 29 days/],
    ['2024-04-31', /April 2024 has 30 days/],
    ['2024-13-01', /has no month 13/],
    ['2024-00-10', /has no month 0/],
    ['2024-01-00', /not a real date/],
    ['tomorrow', /“tomorrow” is not a date I can read/],
    ['2024-3-5', /YYYY-MM-DD/],
    ['15/03/2024', /YYYY-MM-DD/],
    ['', /Give a date as YYYY-MM-DD/],
    ['   ', /Give a date as YYYY-MM-DD/],
  ])('refuses %j with BAD_DATE and an example', (input, message) => {
    let error: unknown;
    try {
      parseCalendarDate(input);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ShammieError);
    expect(error).toMatchObject({ code: 'BAD_DATE' });
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).toContain('2024-03-15');
  });

  it('refuses a value that is not a string', () => {
    expect(() => parseCalendarDate(undefined)).toThrow(ShammieError);
  });
});
