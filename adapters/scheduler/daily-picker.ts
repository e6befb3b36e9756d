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
  // Both caches belong to one list of papers: a reloaded corpus (a new list) starts them again.
  let cachedFor: readonly Paper[] | undefined;
  let byId = new Map<string, Paper>();
  const memo = new Map<string, PickedDay>();
  const refresh = () => {
    if (cachedFor === engine.papers) return;
    cachedFor = engine.papers;
    byId = new Map(cachedFor.map((paper) => [paper.id, paper]));
    memo.clear();
  };

  const choose = (date: string): Paper => {
    if (!planDaily) return engine.daily(date);
    const previous = store.loadPlan() as Plan | undefined;
    const { paper, plan } = planDaily(engine.papers, date, previous);
    store.savePlan(plan, now());
    return paper;
  };

  // One transaction: two processes picking the same new date agree on one paper.
  const pickPaper = store.db.transaction((date: string): Paper => {
    const stored = store.getPick(date);
    const known = stored === undefined ? undefined : byId.get(stored);
    if (known) return known;
    // Never picked, or picked from a paper the corpus no longer has: pick again.
    const paper = choose(date);
    store.putPick(date, paper.id, now());
    return paper;
  });

  return (date) => {
    refresh();
    const cached = memo.get(date);
    if (cached) return cached;
    const paper = pickPaper.immediate(date);
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
