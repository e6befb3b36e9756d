import { type Engine, ShammieError } from '../../src/index.ts';

/**
 * The one engine the platforms and the scheduler are given, standing for whichever real engine
 * is current: none yet while the corpus indexes at start (every call answers a friendly "still
 * reading" notice), then the first one built, then each corpus reload's. The platforms connect
 * at once and never need to know an engine was replaced.
 */
export interface EngineHolder {
  /** Forwards every call to the current engine. Hand this to adapters; it never changes. */
  readonly engine: Engine;
  /** The engine calls go to now; undefined until the first one is ready. */
  current(): Engine | undefined;
  /**
   * Makes `next` the current engine, in one step: a call already running finishes on the engine
   * it started on, every later call goes to `next`. The first swap ends the "still reading"
   * notice.
   */
  swap(next: Engine): void;
  /** Records indexing progress of the first engine, for the notice. */
  progress(done: number, total: number): void;
}

/** Nothing to show yet: the empty list of papers before the first engine is ready. */
const NO_PAPERS: readonly never[] = Object.freeze([]);

export function createEngineHolder(): EngineHolder {
  let real: Engine | undefined;
  let share = 0;
  const current = (): Engine => {
    if (real) return real;
    const percent = Math.floor(share * 100);
    throw new ShammieError(
      'NOT_READY',
      `I'm still reading the papers (${percent}% indexed). Please try again in a minute.`,
    );
  };
  // Every member reads `real` when called, never when the façade was made: that is the swap.
  const engine: Engine = {
    get papers() {
      return real ? real.papers : NO_PAPERS;
    },
    add: (papers) => current().add(papers),
    remove: (ids) => current().remove(ids),
    // Before the first engine there is nothing to merge.
    needsMerge: () => (real ? real.needsMerge() : false),
    merge: (options) => (real ? real.merge(options) : Promise.resolve()),
    search: (query, options) => current().search(query, options),
    lookup: (ref) => current().lookup(ref),
    resolve: (ref) => current().resolve(ref),
    // Autocomplete cannot show a notice: it offers nothing until the papers are there.
    suggest: (text, limit) => (real ? real.suggest(text, limit) : []),
    summarize: (paper) => current().summarize(paper),
    digest: (topic, limit) => current().digest(topic, limit),
    random: (source, topic) => current().random(source, topic),
    daily: (date) => current().daily(date),
    similar: (paper, limit) => current().similar(paper, limit),
    cite: (paper, format) => current().cite(paper, format),
    stats: () => current().stats(),
    snapshot: () => current().snapshot(),
    toBytes: () => current().toBytes(),
  };
  // Whatever holds the engine (a log line, a debug dump) serialises a count, never every paper
  // and the index: the snapshot is written only through `snapshot()` and `toBytes()`.
  Object.defineProperty(engine, 'toJSON', {
    value: () => ({ engine: 'shammie', papers: engine.papers.length }),
  });
  return {
    engine,
    current: () => real,
    swap: (next) => {
      real = next;
    },
    progress: (done, total) => {
      share = total > 0 ? Math.min(1, done / total) : 0;
    },
  };
}
