import { ShammieError } from '../errors.ts';
import type { Paper } from '../types.ts';
import { civilFromDays, parseCalendarDate } from './calendar-date.ts';
import { hashString, mulberry32, shuffled } from './seeded-shuffle.ts';

/**
 * The first day of cycle 0 of the stateless schedule. Cycles of N days (N papers) are counted
 * from here, forwards and backwards, so any date maps to a cycle in O(1).
 */
export const DAILY_EPOCH = '2024-01-01';

/** Version of the stored `DailyPlan` shape; a plan with another version is ignored. */
export const DAILY_PLAN_VERSION = 1;

/**
 * The daily schedule of one cycle, small and JSON-serialisable, for a caller that keeps state
 * (the scheduler stores it in SQLite) and passes it back to `planDaily`.
 */
export interface DailyPlan {
  version: typeof DAILY_PLAN_VERSION;
  /** Number of the cycle, counted from `DAILY_EPOCH`; seeds the shuffle of the cycles after it. */
  cycle: number;
  /** The date (YYYY-MM-DD) of `ids[0]`. */
  start: string;
  /** Paper ids, one a day from `start`, each once. */
  ids: string[];
}

/** The paper of a date, and the plan to keep for the next call. */
export interface DailyPick {
  paper: Paper;
  plan: DailyPlan;
}

const EPOCH_DAY = parseCalendarDate(DAILY_EPOCH);

/** The corpus in canonical form: ids sorted (so load order does not matter) and an index by id. */
interface Corpus {
  /** Length of the papers array it was built from (a cheap guard against reuse after a push). */
  length: number;
  ids: string[];
  byId: Map<string, Paper>;
  /** The last stateless plan computed, so repeated calls in one cycle do not shuffle again. */
  epoch?: DailyPlan;
}

// Sorting the ids of a large corpus is the only costly step; it is done once per papers array.
const corpora = new WeakMap<readonly Paper[], Corpus>();

function corpusOf(papers: readonly Paper[]): Corpus {
  const cached = corpora.get(papers);
  if (cached && cached.length === papers.length) return cached;
  const byId = new Map<string, Paper>();
  for (const paper of papers) if (!byId.has(paper.id)) byId.set(paper.id, paper);
  if (byId.size === 0) {
    throw new ShammieError(
      'EMPTY_CORPUS',
      'The corpus has no papers, so there is no paper of the day.',
    );
  }
  const corpus: Corpus = { length: papers.length, ids: [...byId.keys()].sort(), byId };
  corpora.set(papers, corpus);
  return corpus;
}

/**
 * The order of one cycle: the sorted ids shuffled with a PRNG seeded from the cycle number.
 * When the cycle would open with the paper the previous one closed with, its first two papers
 * swap, so no paper shows on two days running. Two papers simply alternate.
 */
function cycleOrder(
  ids: readonly string[],
  cycle: number,
  lastBefore: string | undefined,
): string[] {
  const order =
    ids.length <= 2 ? ids.slice() : shuffled(ids, mulberry32(hashString(`shammie-daily/${cycle}`)));
  if (order.length > 1 && order[0] === lastBefore) [order[0], order[1]] = [order[1]!, order[0]!];
  return order;
}

/**
 * The last id of the cycle before `cycle` when every cycle has the same ids. With three papers or
 * more the swap above never touches the last place, so it is the plain shuffle's last id; with
 * two papers every cycle is in sorted order.
 */
function lastOfPreviousCycle(ids: readonly string[], cycle: number): string | undefined {
  if (ids.length <= 2) return ids.at(-1);
  return cycleOrder(ids, cycle - 1, undefined).at(-1);
}

/** The stateless plan: the epoch-counted cycle of the current corpus that contains `day`. */
function epochPlan(corpus: Corpus, day: number): DailyPlan {
  const n = corpus.ids.length;
  const cycle = Math.floor((day - EPOCH_DAY) / n);
  if (corpus.epoch?.cycle === cycle) return corpus.epoch;
  const ids = cycleOrder(corpus.ids, cycle, lastOfPreviousCycle(corpus.ids, cycle));
  // Frozen: it is cached and handed to callers, who must not be able to change it.
  corpus.epoch = Object.freeze({
    version: DAILY_PLAN_VERSION,
    cycle,
    start: civilFromDays(EPOCH_DAY + cycle * n),
    ids: Object.freeze(ids) as string[],
  });
  return corpus.epoch;
}

/**
 * The plan that covers `day`, which lies on or after the end of `plan`: the next cycle shuffles
 * the whole current corpus (papers added since join here); cycles skipped while nobody asked are
 * jumped over arithmetically, never day by day.
 */
function planAfter(plan: DailyPlan, corpus: Corpus, day: number): DailyPlan {
  const n = corpus.ids.length;
  const firstStart = daysFromPlanStart(plan) + plan.ids.length;
  const skipped = Math.floor((day - firstStart) / n);
  const cycle = plan.cycle + 1 + skipped;
  const firstOrder = cycleOrder(corpus.ids, plan.cycle + 1, plan.ids.at(-1));
  const ids =
    skipped === 0
      ? firstOrder
      : cycleOrder(
          corpus.ids,
          cycle,
          corpus.ids.length <= 2 ? firstOrder.at(-1) : lastOfPreviousCycle(corpus.ids, cycle),
        );
  return {
    version: DAILY_PLAN_VERSION,
    cycle,
    start: civilFromDays(firstStart + skipped * n),
    ids,
  };
}

function daysFromPlanStart(plan: DailyPlan): number {
  return parseCalendarDate(plan.start);
}

/** True for a stored value that has the shape of a usable `DailyPlan`. */
export function isDailyPlan(value: unknown): value is DailyPlan {
  if (typeof value !== 'object' || value === null) return false;
  const plan = value as Partial<DailyPlan>;
  return (
    plan.version === DAILY_PLAN_VERSION &&
    Number.isSafeInteger(plan.cycle) &&
    typeof plan.start === 'string' &&
    /^\d{4}-\d{2}-\d{2}$/.test(plan.start) &&
    Array.isArray(plan.ids) &&
    plan.ids.length > 0 &&
    plan.ids.every((id) => typeof id === 'string') &&
    new Set(plan.ids).size === plan.ids.length &&
    isRealDate(plan.start)
  );
}

function isRealDate(date: string): boolean {
  try {
    parseCalendarDate(date);
    return true;
  } catch {
    return false;
  }
}

/**
 * The paper of a calendar date, with the plan to keep: a shuffled cycle in which every paper of
 * the corpus comes once before any comes again, the same for every channel on a given date.
 *
 * - Without `previous`, the plan is derived from `DAILY_EPOCH` and the current corpus alone, so
 *   the answer is a pure function of (papers, date) — see `dailyPaper`.
 * - With `previous` (the plan returned by the last call, stored by the caller), the current
 *   cycle is kept as it is: papers added to the corpus wait for the next cycle instead of
 *   reshuffling this one; a paper removed from the corpus is skipped, the rest of the cycle
 *   moving up a day (the returned plan then starts on `date`). Dates past the plan's end start
 *   the next cycles; dates before its start are answered statelessly and leave it unchanged.
 *   Ask in date order (the scheduler asks for today).
 *
 * Work is O(N log N) in the corpus size at worst and independent of how far the date is from the
 * epoch or the plan. Throws `ShammieError` `BAD_DATE` for anything but a real `YYYY-MM-DD` date
 * and `EMPTY_CORPUS` when there is no paper; an unusable `previous` is ignored.
 */
export function planDaily(
  papers: readonly Paper[],
  date: string,
  previous?: DailyPlan | null,
): DailyPick {
  const day = parseCalendarDate(date);
  const corpus = corpusOf(papers);
  const stored = isDailyPlan(previous) ? previous : undefined;
  if (!stored) return pickFrom(epochPlan(corpus, day), corpus, day, true);
  const start = daysFromPlanStart(stored);
  if (day < start)
    return { paper: pickFrom(epochPlan(corpus, day), corpus, day, true).paper, plan: stored };
  const plan = day < start + stored.ids.length ? stored : planAfter(stored, corpus, day);
  return pickFrom(plan, corpus, day);
}

/**
 * The plan's paper for `day`, first dropping ids of removed papers from the days still to come.
 * `complete` says the plan was just built from this corpus, so nothing can be missing.
 */
function pickFrom(plan: DailyPlan, corpus: Corpus, day: number, complete = false): DailyPick {
  const offset = day - daysFromPlanStart(plan);
  const paper = corpus.byId.get(plan.ids[offset]!);
  if (paper && (complete || plan.ids.every((planned) => corpus.byId.has(planned)))) {
    return { paper, plan };
  }
  // Some planned papers left the corpus: the rest of the cycle, without them, starts today.
  const remaining = plan.ids.slice(offset).filter((planned) => corpus.byId.has(planned));
  if (remaining.length > 0) {
    const rebased: DailyPlan = { ...plan, start: civilFromDays(day), ids: remaining };
    return { paper: corpus.byId.get(remaining[0]!)!, plan: rebased };
  }
  // Nothing of this cycle is left: the next cycle starts today.
  const next = planAfter({ ...plan, start: civilFromDays(day - plan.ids.length) }, corpus, day);
  return { paper: corpus.byId.get(next.ids[0]!)!, plan: next };
}

/**
 * The paper of a calendar date (`YYYY-MM-DD`, the caller's local date), a pure function of the
 * corpus and the date: the stateless schedule of `planDaily`, used by `engine.daily` and the
 * command line. Every paper once per cycle of N days, the same paper for every channel.
 */
export function dailyPaper(papers: readonly Paper[], date: string): Paper {
  return planDaily(papers, date).paper;
}
