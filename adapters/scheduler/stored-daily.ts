import { type Engine, planDaily } from '../../src/index.ts';
import { createDailyLookup, withDailyLookup } from './daily-picker.ts';
import { createDailyStore } from './daily-store.ts';
import { openDatabaseReadOnly } from './database.ts';

/** An engine whose `daily` reads the bot's stored plan, and the database to close after. */
export interface StoredDaily {
  engine: Engine;
  close(): void;
}

/**
 * The paper of the day for a process that does not run the scheduler (the command line): when
 * `dataDir` holds the bot's database, `engine.daily` answers from its stored picks and plan, so
 * the terminal shows what the channels get; when it holds none, the core's stateless pick, which
 * is the plan the scheduler starts from when it has none. The database is opened read-only, on
 * the first `daily` call; one that cannot be read is reported through `warn` once and the
 * stateless pick is used.
 */
export function storedDaily(
  engine: Engine,
  dataDir: string,
  warn: (message: string) => void,
): StoredDaily {
  let opened: { lookup: (date: string) => ReturnType<Engine['daily']>; close(): void } | null =
    null;
  let tried = false;
  const open = () => {
    tried = true;
    try {
      const db = openDatabaseReadOnly(dataDir);
      if (!db) return null;
      const store = createDailyStore(db);
      return {
        lookup: createDailyLookup({ records: store, engine, planDaily }),
        close: () => store.close(),
      };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      warn(
        `could not read the daily posts' plan (${reason}); the paper of the day shown here comes from the corpus alone and may differ from the one posted`,
      );
      return null;
    }
  };
  return {
    engine: withDailyLookup(engine, (date) => {
      if (!tried) opened = open();
      return opened ? opened.lookup(date) : engine.daily(date);
    }),
    close: () => opened?.close(),
  };
}
