import type Database from 'better-sqlite3';
import { type LoadProblem, ShammieError } from '../../src/index.ts';
import { isLibraryStoreError } from '../library/library-errors.ts';
import { createLibraryLayer, type LibraryLayer, libraryOverlay } from '../library/library-layer.ts';
import { createLibraryService, type LibraryService } from '../library/library-service.ts';
import { createLibraryStore } from '../library/library-store.ts';
import type { Logger } from '../shared/logger.ts';
import {
  type CorpusOverlay,
  type OpenedEngine,
  saveSnapshot as saveEngineSnapshot,
} from '../shared/open-engine.ts';
import { createSources, type Sources } from '../sources/create-sources.ts';
import { GLOBAL_TIMER, type PollTimer } from './corpus-watcher.ts';
import type { LibrarySettings } from './library-settings.ts';

/**
 * How often the database is asked whether another process (`shammie add`, `remove`, `import`)
 * changed it. The question is one PRAGMA, answered from memory: nearly free.
 */
export const LIBRARY_POLL_MS = 2_000;

/** What one look at the database saw. */
export type LibraryPollResult =
  /** Nobody else wrote to the database. */
  | 'same'
  /** Another process wrote to it: its library changes (if any) are in the engine now. */
  | 'applied'
  /** The database could not be read now (locked, say): the next poll tries again. */
  | 'failed';

/** The running bot's library: the service the platforms share, and its engine layers. */
export interface BotLibrary {
  /** Adding, removing and the summary, for every platform. */
  service: LibraryService;
  /** What `openEngine` composes with the corpus files (and saves in the snapshot). */
  overlay: CorpusOverlay;
  /**
   * Brings a newly opened engine up to date with the library (from its snapshot's state, only
   * the changes since) and returns the function that makes it the current one. Call that in the
   * same synchronous step as the engine holder's swap, so no change falls between the two.
   */
  adopt(opened: OpenedEngine): () => void;
  /** Looks for other processes' changes once (what the timer runs). */
  poll(): LibraryPollResult;
  /** Polls every `intervalMs` until stopped. */
  start(): void;
  stop(): void;
  /**
   * Saves the current engine's snapshot with what it holds of the library now, so the next
   * start applies nothing (after a background merge; see `afterChange`).
   */
  saveSnapshot(): Promise<void>;
}

export interface BotLibraryOptions {
  /** The bot's database (the daily scheduler's: the library tables live beside its own). */
  db: Database.Database;
  dataDir: string;
  settings: LibrarySettings;
  /** The paper services (default: real clients on `settings.services`). */
  sources?: Pick<Sources, 'arxiv' | 'dois'>;
  logger: Logger;
  /** Epoch ms. */
  now: () => number;
  intervalMs?: number;
  timer?: PollTimer;
}

/** Said while the first engine indexes: the corpus files are not known yet. */
const STILL_READING = "I'm still reading the papers. Please try again in a minute.";

/** The engine the library is laid over now, and what it was opened for. */
interface Current {
  layer: LibraryLayer;
  key?: string;
  problems: readonly LoadProblem[];
}

/**
 * The library of the bot process, over the database it shares with the scheduler: one service
 * for every platform, whose changes reach the engine before its answer does; an overlay that
 * puts the library into every engine opened (at start, on each corpus reload); and a poll that
 * applies other processes' changes.
 */
export function createBotLibrary(options: BotLibraryOptions): BotLibrary {
  const { db, logger, settings } = options;
  const store = createLibraryStore(db);
  const timer = options.timer ?? GLOBAL_TIMER;
  let current: Current | undefined;
  let handle: unknown;
  let version = dataVersion(db);

  /** Applies the database's changes to the current engine (none before the first one). */
  function apply(why: 'chat' | 'other process') {
    const changes = current?.layer.sync() ?? { added: [], removed: 0 };
    if (changes.added.length > 0 || changes.removed > 0) {
      logger.info(
        { added: changes.added.length, removed: changes.removed, by: why },
        'library changes applied to the index',
      );
      afterChange();
    }
    return changes;
  }

  let merging: Promise<void> | undefined;

  /**
   * Papers added since the last merge sit in the engine's small second segment; once it asks
   * for it (`needsMerge`), the bot merges in the background, yielding to the event loop between
   * steps so answers go on, then writes the snapshot again so a restart applies nothing. One
   * merge at a time: changes made meanwhile are merged by the next one.
   */
  function afterChange(): void {
    const engine = current?.layer.engine;
    if (!engine || merging || !engine.needsMerge()) return;
    const started = Date.now();
    merging = engine
      .merge({ pause: () => new Promise((resolve) => setImmediate(resolve)) })
      .then(async () => {
        logger.info({ papers: engine.papers.length, ms: Date.now() - started }, 'index merged');
        await saveSnapshot();
        logger.info({ papers: engine.papers.length }, 'index snapshot saved after the merge');
      })
      .catch((error: unknown) => logger.error({ err: error }, 'merging the index failed'))
      .finally(() => {
        merging = undefined;
      });
  }

  async function saveSnapshot(): Promise<void> {
    const now = current;
    if (!now?.key) return;
    await saveEngineSnapshot(
      {
        dataDir: options.dataDir,
        key: now.key,
        engine: now.layer.engine,
        problems: now.problems,
        overlay: { ...now.layer.state() },
      },
      logger,
    );
  }

  const service = createLibraryService({
    store,
    sources: options.sources ?? createSources(settings.services),
    editors: settings.editors,
    // The service has written the change to the database: syncing indexes exactly it.
    engine: {
      add: () => apply('chat').added,
      remove: () => apply('chat').removed,
    },
    files: () => {
      if (!current) throw new ShammieError('NOT_READY', STILL_READING);
      return current.layer.files();
    },
    now: options.now,
  });

  function poll(): LibraryPollResult {
    let seen: number;
    try {
      seen = dataVersion(db);
      if (seen === version) return 'same';
      apply('other process');
    } catch (error) {
      if (!isLibraryStoreError(error)) throw error;
      logger.warn({ reason: error.message }, 'reading the library failed; trying again soon');
      return 'failed';
    }
    version = seen;
    return 'applied';
  }

  return {
    service,
    overlay: libraryOverlay(store),
    adopt(opened) {
      const layer = createLibraryLayer(opened.engine, store, opened.overlay ?? null);
      const changes = layer.sync();
      if (opened.source === 'snapshot' || changes.added.length > 0 || changes.removed > 0) {
        logger.info(
          { added: changes.added.length, removed: changes.removed, index: opened.source },
          'library changes since the index was made applied',
        );
      }
      return () => {
        current = {
          layer,
          problems: opened.problems,
          ...(opened.key !== undefined ? { key: opened.key } : {}),
        };
      };
    },
    poll,
    start() {
      if (handle !== undefined) return;
      handle = timer.setInterval(() => {
        try {
          poll();
        } catch (error) {
          logger.error({ err: error }, 'watching the library failed');
        }
      }, options.intervalMs ?? LIBRARY_POLL_MS);
    },
    stop() {
      if (handle !== undefined) timer.clearInterval(handle);
      handle = undefined;
    },
    saveSnapshot,
  };
}

/**
 * SQLite's count of commits by other connections to this database file (`PRAGMA
 * data_version`): it moves when another process writes, never for this connection's writes.
 */
function dataVersion(db: Database.Database): number {
  return db.pragma('data_version', { simple: true }) as number;
}
