import type { DailyView, Engine, Paper } from '../../src/index.ts';
import { paperCard } from '../../src/index.ts';
import type { DailyStore } from './daily-store.ts';

/** The day's paper and the view every channel posts for that local date. */
export interface PickedDay {
  paperId: string;
  view: DailyView;
}

/**
 * A planner that keeps its state between calls (the core's `planDaily`): given the papers, a
 * date and the previous plan, the date's paper and the plan to keep. The plan is opaque here;
 * it is stored as JSON so papers added later join later cycles without reshuffling this one.
 */
export type PlanDaily<Plan> = (
  papers: readonly Paper[],
  date: string,
  previous?: Plan,
) => { paper: Paper; plan: Plan };

export interface DailyPickerOptions<Plan> {
  store: DailyStore;
  /** The engine to pick from; may be a holder's, whose engine is swapped on corpus reloads. */
  engine: Engine;
  /** When given, picks come from this planner and its plan is persisted; else `engine.daily`. */
  planDaily?: PlanDaily<Plan>;
  now: () => number;
}

/** Dates whose pick is kept in memory (today and yesterday in every zone fit many times). */
const MEMO_LIMIT = 16;

/** What reading the paper of a date needs from the database: the picks and the plan. */
export type DailyRecords = Pick<DailyStore, 'getPick' | 'loadPlan'>;

/**
 * The engine's current papers by id. The index is rebuilt when the engine's list of papers
 * changes (a corpus reload gives a new list); `onChange` hears of it.
 */
function paperIndex(engine: Engine, onChange?: () => void): () => ReadonlyMap<string, Paper> {
  let builtFor: readonly Paper[] | undefined;
  let byId = new Map<string, Paper>();
  return () => {
    if (builtFor !== engine.papers) {
      builtFor = engine.papers;
      byId = new Map(builtFor.map((paper) => [paper.id, paper]));
      onChange?.();
    }
    return byId;
  };
}

/** The stored pick of a date, when there is one and the corpus still has that paper. */
function storedPaper(
  records: DailyRecords,
  byId: ReadonlyMap<string, Paper>,
  date: string,
): Paper | undefined {
  const stored = records.getPick(date);
  return stored === undefined ? undefined : byId.get(stored);
}

/**
 * The paper of a local date as the daily post has it or will have it, read without writing: the
 * stored pick when the date was picked and the corpus still has that paper, otherwise what the
 * picker would pick now — the planner run on the stored plan (or on none, which is the core's
 * stateless `dailyPaper`). Every command that shows "the paper of the day" answers from here, so
 * it agrees with the channel posts. Showing a date never picks it: a date far ahead must not
 * move the plan the scheduler keeps.
 */
export function createDailyLookup<Plan>(options: {
  records: DailyRecords;
  engine: Engine;
  planDaily: PlanDaily<Plan>;
}): (date: string) => Paper {
  const { records, engine, planDaily } = options;
  const papersById = paperIndex(engine);
  return (date) => {
    // No papers yet (still indexing) or none at all: the engine says why, in its own words.
    if (engine.papers.length === 0) return engine.daily(date);
    return (
      storedPaper(records, papersById(), date) ??
      planDaily(engine.papers, date, records.loadPlan() as Plan | undefined).paper
    );
  };
}

/**
 * The engine with its `daily` answered by `lookup` (the stored plan), everything else untouched
 * and read from `engine` at each call, so a holder's corpus swaps still show through.
 */
export function withDailyLookup(engine: Engine, lookup: (date: string) => Paper): Engine {
  return new Proxy(engine, {
    get: (target, key, receiver) => (key === 'daily' ? lookup : Reflect.get(target, key, receiver)),
  });
}

/**
 * Picks the paper of a local date once and remembers it in the database, so every channel
 * (in any process, before or after a restart or a corpus reload) posts the same paper that day.
 * After a reload the day's paper is kept when the new corpus still has it (its view is made
 * again from the new corpus), and picked again when it was removed.
 */
export function createDailyPicker<Plan = unknown>(
  options: DailyPickerOptions<Plan>,
): (date: string) => PickedDay {
  const { store, engine, planDaily, now } = options;
  // The memo belongs to one list of papers: a reloaded corpus (a new list) starts it again.
  const memo = new Map<string, PickedDay>();
  const papersById = paperIndex(engine, () => memo.clear());

  const choose = (date: string): Paper => {
    if (!planDaily) return engine.daily(date);
    const previous = store.loadPlan() as Plan | undefined;
    const { paper, plan } = planDaily(engine.papers, date, previous);
    store.savePlan(plan, now());
    return paper;
  };

  // One transaction: two processes picking the same new date agree on one paper.
  const pickPaper = store.db.transaction((date: string, byId: ReadonlyMap<string, Paper>) => {
    const known = storedPaper(store, byId, date);
    if (known) return known;
    // Never picked, or picked from a paper the corpus no longer has: pick again.
    const paper = choose(date);
    store.putPick(date, paper.id, now());
    return paper;
  });

  return (date) => {
    const byId = papersById(); // a reloaded corpus clears the memo before it is read
    const cached = memo.get(date);
    if (cached) return cached;
    const paper = pickPaper.immediate(date, byId);
    const summary = engine.summarize(paper);
    const pick: PickedDay = {
      paperId: paper.id,
      view: {
        kind: 'daily',
        date,
        card: paperCard(paper),
        tldr: summary.tldr,
        points: summary.points,
      },
    };
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(date, pick);
    return pick;
  };
}
