import { type Engine, type Paper, planDaily } from '../../src/index.ts';
import { createDailyCommands } from '../scheduler/daily-commands.ts';
import { createDailyLookup, withDailyLookup } from '../scheduler/daily-picker.ts';
import { createDailyStore, type DailyStore } from '../scheduler/daily-store.ts';
import { openDatabase } from '../scheduler/database.ts';
import { type CatchUp, DEFAULT_CATCH_UP, DEFAULT_LATE_AFTER_MS } from '../scheduler/due.ts';
import { syncEnvSubscriptions } from '../scheduler/env-subscriptions.ts';
import type { Config } from '../shared/config.ts';
import type { DailyCommands } from '../shared/daily-port.ts';
import type { BootDeps } from './boot.ts';
import type { EngineHolder } from './engine-holder.ts';

/** The daily paper's state, open: the database, the commands on it, the engine platforms see. */
export interface DailyState {
  store: DailyStore;
  commands: DailyCommands;
  /**
   * The current engine as the platforms get it: its `daily` is the paper the daily posts have
   * or will have for that date.
   */
  engine: Engine;
  /** When a slot counts as missed, and what is done about it. */
  due: { catchUp: CatchUp; lateAfterMs: number };
}

/** Boot's logger and catch-up, the engine holder and the clock (epoch ms). */
export type DailyStateOptions = Pick<BootDeps, 'logger' | 'catchUp'> & {
  holder: EngineHolder;
  now: () => number;
};

/**
 * Opens the daily database in the data directory, adds the channels the environment names,
 * and builds the subscribe/unsubscribe/status commands on it. The database is closed again
 * when any of this fails.
 */
export function openDailyState(config: Config, options: DailyStateOptions): DailyState {
  const { holder, now, logger } = options;
  const store = createDailyStore(openDatabase(config.dataDir));
  try {
    syncEnvSubscriptions(store, config, now(), logger);
    const due = {
      catchUp: options.catchUp ?? config.daily.catchUp ?? DEFAULT_CATCH_UP,
      lateAfterMs: DEFAULT_LATE_AFTER_MS,
    };
    const commands = createDailyCommands({
      store,
      defaults: config.daily,
      due,
      now,
      paperTitle: titlesOf(holder.engine),
      logger,
    });
    // Every "paper of the day" a platform shows comes from the plan the posts come from.
    const engine = withDailyLookup(
      holder.engine,
      createDailyLookup({ records: store, engine: holder.engine, planDaily }),
    );
    return { store, commands, engine, due };
  } catch (error) {
    store.close();
    throw error;
  }
}

/** The title of a paper id in the current corpus, for `status`; rebuilt when the corpus is. */
function titlesOf(engine: Engine): (id: string) => string | undefined {
  let builtFor: readonly Paper[] | undefined;
  let titles = new Map<string, string>();
  return (id) => {
    if (builtFor !== engine.papers) {
      builtFor = engine.papers;
      titles = new Map(builtFor.map((paper) => [paper.id, paper.title]));
    }
    return titles.get(id);
  };
}
