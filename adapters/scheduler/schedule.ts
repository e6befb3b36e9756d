import { Cron } from 'croner';
import { localDate } from '../shared/local-date.ts';

/** Shown wherever a time or zone is refused, so the user sees a form that works. */
export const SCHEDULE_EXAMPLE = '09:00 Europe/Paris';

/** Parses a 24-hour HH:MM (a single-digit hour is fine); undefined when it is not one. */
export function parseTime(text: string): string | undefined {
  const match = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  if (!match) return undefined;
  return `${match[1]!.padStart(2, '0')}:${match[2]}`;
}

/**
 * The canonical IANA name of a zone ("europe/paris" → "Europe/Paris"), or undefined. Fixed
 * offsets such as "+02:00" are refused: they ignore daylight saving, which is never what a
 * channel in Paris wants in July.
 */
export function canonicalZone(text: string): string | undefined {
  const zone = text.trim();
  if (zone === '' || /^[+-]\d/.test(zone)) return undefined;
  try {
    return new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** The daily cron pattern of an HH:MM: `30 8 * * *` for 08:30. */
export function timeToCron(time: string): string {
  const [hours, minutes] = time.split(':');
  return `${Number(minutes)} ${Number(hours)} * * *`;
}

const crons = new Map<string, Cron>();

/** A paused croner job used only to compute run times (cached: patterns are few). */
function cronFor(pattern: string, zone: string): Cron {
  const key = `${pattern}\u0000${zone}`;
  let cron = crons.get(key);
  if (!cron) {
    cron = new Cron(pattern, { timezone: zone, paused: true });
    crons.set(key, cron);
  }
  return cron;
}

/** Margin around a computed local midnight: DST changes move a day's start by up to 2 h. */
const MIDNIGHT_MARGIN_MS = 3 * 3_600_000;

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC at an instant, in ms (Paris in summer: +7,200,000). */
function zoneOffsetMs(instant: number, zone: string): number {
  let format = offsetFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    offsetFormats.set(zone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(instant).map((p) => [p.type, p.value]));
  const wall = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return wall - Math.floor(instant / 1000) * 1000;
}

/** A little before local midnight starting `date` in `zone`: where to start looking for its runs. */
function beforeLocalMidnight(date: string, zone: string): number {
  const utcMidnight = Date.parse(`${date}T00:00:00Z`);
  return utcMidnight - zoneOffsetMs(utcMidnight, zone) - MIDNIGHT_MARGIN_MS;
}

/** The calendar date after `date`. */
export function nextDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

const slotCache = new Map<string, number | null>();
const SLOT_CACHE_LIMIT = 5_000;

/**
 * The first run of `pattern` on local date `date` in `zone`, as epoch ms, or undefined when the
 * pattern does not fire that day. A time that does not exist that day (skipped by a DST change)
 * runs at croner's choice, the next valid local time; a time that happens twice runs once.
 */
export function firstSlotOn(pattern: string, zone: string, date: string): number | undefined {
  const key = `${pattern}\u0000${zone}\u0000${date}`;
  const cached = slotCache.get(key);
  if (cached !== undefined) return cached ?? undefined;
  const slot = firstRunFrom(pattern, zone, date, beforeLocalMidnight(date, zone));
  if (slotCache.size >= SLOT_CACHE_LIMIT) slotCache.clear();
  slotCache.set(key, slot ?? null);
  return slot;
}

/** The first run at or after `from` whose local date is `date` (undefined once past it). */
function firstRunFrom(pattern: string, zone: string, date: string, from: number) {
  const cron = cronFor(pattern, zone);
  let run = cron.nextRun(new Date(from));
  while (run) {
    const day = localDate(run.getTime(), zone);
    if (day === date) return run.getTime();
    if (day > date) return undefined;
    run = cron.nextRun(run);
  }
  return undefined;
}

/**
 * The first run of `pattern` on a local date after `date` (its date and time), or undefined
 * when it never fires again.
 */
export function firstSlotAfterDate(
  pattern: string,
  zone: string,
  date: string,
): { date: string; slot: number } | undefined {
  const cron = cronFor(pattern, zone);
  let run = cron.nextRun(new Date(beforeLocalMidnight(nextDate(date), zone)));
  while (run && localDate(run.getTime(), zone) <= date) run = cron.nextRun(run);
  if (!run) return undefined;
  const day = localDate(run.getTime(), zone);
  const slot = firstSlotOn(pattern, zone, day);
  return slot === undefined ? undefined : { date: day, slot };
}

/** "Mon 11 Mar 2024, 09:00" in the zone. */
export function formatInstant(instant: number, zone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(instant);
}

/** "every day at 09:00 (Europe/Paris)", or the cron pattern when there is no single time. */
export function describeSchedule(schedule: {
  time?: string;
  cron: string;
  timezone: string;
}): string {
  const time = schedule.time ?? cronTime(schedule.cron);
  return time
    ? `every day at ${time} (${schedule.timezone})`
    : `on the schedule "${schedule.cron}" (${schedule.timezone})`;
}

/** The HH:MM of a plain daily pattern (`M H * * *`, or with a 0 seconds field), else undefined. */
export function cronTime(pattern: string): string | undefined {
  const fields = pattern.trim().split(/\s+/);
  const daily = fields.length === 6 && fields[0] === '0' ? fields.slice(1) : fields;
  if (daily.length !== 5 || daily.slice(2).some((f) => f !== '*')) return undefined;
  const [minute, hour] = daily;
  if (!/^\d{1,2}$/.test(minute!) || !/^\d{1,2}$/.test(hour!)) return undefined;
  return parseTime(`${hour}:${minute!.padStart(2, '0')}`);
}
