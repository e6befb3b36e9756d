import { type Engine, ShammieError } from '../../src/index.ts';

/**
 * An engine that stands in while the real one is being built, so the platforms connect at once
 * and keep answering — with a friendly "still reading" notice — while a large corpus indexes.
 * Every call goes to the real engine once it is ready.
 */
export interface PendingEngine {
  engine: Engine;
  /** Hands over the real engine: from now on every call goes to it. */
  ready(engine: Engine): void;
  /** Records indexing progress, for the notice. */
  progress(done: number, total: number): void;
}

export function createPendingEngine(): PendingEngine {
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
  const engine: Engine = {
    get papers() {
      return real ? real.papers : [];
    },
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
    toJSON: () => current().toJSON(),
    toBytes: () => current().toBytes(),
  };
  return {
    engine,
    ready: (built) => {
      real = built;
    },
    progress: (done, total) => {
      share = total > 0 ? Math.min(1, done / total) : 0;
    },
  };
}
