import { ShammieError } from '../errors.ts';

/** An example date for messages that ask for one. */
const EXAMPLE_DATE = '2024-03-15';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/**
 * The day number of a calendar date (proleptic Gregorian, day 0 = 1970-01-01), computed with
 * integer arithmetic only: O(1) for any year, and free of `Date`'s quirks (years 0–99 read as
 * 1900–1999, local time zones).
 */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** The `YYYY-MM-DD` date of a day number (the inverse of `daysFromCivil`). */
export function civilFromDays(days: number): string {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36524) -
      Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function daysInMonth(year: number, month: number): number {
  return (
    daysFromCivil(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) -
    daysFromCivil(year, month, 1)
  );
}

/**
 * Reads a calendar date written `YYYY-MM-DD` (surrounding spaces allowed) as a day number.
 * Anything else — `tomorrow`, `''`, `2024-2-3`, `2024-02-30` — throws `ShammieError('BAD_DATE')`
 * with a message that says what was wrong and shows an example.
 */
export function parseCalendarDate(input: unknown): number {
  const text = typeof input === 'string' ? input.trim() : '';
  if (text === '') {
    throw new ShammieError('BAD_DATE', `Give a date as YYYY-MM-DD, for example ${EXAMPLE_DATE}.`);
  }
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) {
    throw new ShammieError(
      'BAD_DATE',
      `“${text.slice(0, 40)}” is not a date I can read: write it as YYYY-MM-DD, for example ${EXAMPLE_DATE}.`,
    );
  }
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1) {
    // Year 0 does not exist in the calendar people write (1 BC is followed by AD 1).
    throw new ShammieError(
      'BAD_DATE',
      `${text} is before year 1: write a date from 0001-01-01 on, for example ${EXAMPLE_DATE}.`,
    );
  }
  if (month < 1 || month > 12) {
    throw new ShammieError(
      'BAD_DATE',
      `${text} has no month ${month}: write the date as YYYY-MM-DD, for example ${EXAMPLE_DATE}.`,
    );
  }
  const last = daysInMonth(year, month);
  if (day < 1 || day > last) {
    throw new ShammieError(
      'BAD_DATE',
      `${text} is not a real date: ${MONTHS[month - 1]} ${year} has ${last} days. Write it as YYYY-MM-DD, for example ${EXAMPLE_DATE}.`,
    );
  }
  return daysFromCivil(year, month, day);
}
