import type { Engine } from '../../../src/index.ts';
import type { LibraryService } from '../../library/library-service.ts';
import type { AskService } from '../../shared/ask-port.ts';
import type { DailyCommands } from '../../shared/daily-port.ts';
import type { Logger } from '../../shared/logger.ts';
import type { WatchCommands } from '../../shared/watch-port.ts';
import type { AskThreads } from '../ask-threads.ts';
import type { ButtonStore } from '../button-store.ts';
import type { InteractionLimits } from '../interaction-limits.ts';
import type { EditClock } from '../paced-edits.ts';

/**
 * Above this many papers, work that scans the corpus is deferred first (Discord shows
 * "Shammie is thinking…") and the answer edits it in. Below it, a search takes a few
 * milliseconds and the answer goes straight back, one HTTP call instead of two.
 */
export const DEFAULT_DEFER_ABOVE_PAPERS = 20_000;

/** Everything answering interactions needs; injected so tests control time and randomness. */
export interface InteractionDeps {
  engine: Engine;
  logger: Logger;
  store: ButtonStore;
  random: () => number;
  /** Today's local date (YYYY-MM-DD). */
  today: () => string;
  daily?: DailyCommands;
  /** The watch service: /watch and the buttons under watch posts. */
  watch?: WatchCommands;
  deferAbovePapers?: number;
  /** Per-user rate limits; the defaults of `interaction-limits.ts` on the real clock if absent. */
  limits?: InteractionLimits;
  /** Who answers /ask; the library alone (extractive) when absent. */
  ask?: AskService;
  /** The threads opened on answers to /ask; a fresh memory per handler when absent. */
  askThreads?: AskThreads;
  /** Shortest time between two edits of a growing answer (default `EDIT_INTERVAL_MS`). */
  editIntervalMs?: number;
  /** The clock those edits are paced by; the real one when absent. */
  editClock?: EditClock;
  /** Adds and removes papers (/add, /remove, /library); absent: the library cannot be changed. */
  library?: LibraryService;
}

/** True when the corpus is big enough that slow work is deferred first. */
export function isBigCorpus(deps: InteractionDeps): boolean {
  return deps.engine.papers.length > (deps.deferAbovePapers ?? DEFAULT_DEFER_ABOVE_PAPERS);
}
