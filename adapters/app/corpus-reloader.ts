import { isShammieError, type LoadProblem } from '../../src/index.ts';
import { corpusStamp } from '../shared/corpus-stamp.ts';
import type { Logger } from '../shared/logger.ts';
import {
  corpusKey,
  type OpenEngineOptions,
  type OpenedEngine,
  openEngine,
} from '../shared/open-engine.ts';
import type { BotLibrary } from './bot-library.ts';
import type { EngineHolder } from './engine-holder.ts';

/** Problems named in a log line; the count says how many more there were. */
const PROBLEMS_LOGGED = 3;

/** How a reload ended. */
export type ReloadOutcome =
  /** The new corpus is being served. */
  | { status: 'swapped'; papers: number; problems: number; source: OpenedEngine['source'] }
  /** The files changed but their content is what is served already (a touch, a revert). */
  | { status: 'unchanged' }
  /** The new corpus could not be used; the last good one is still served. */
  | { status: 'kept'; reason: string }
  /** The bot is stopping: nothing was swapped. */
  | { status: 'stopped' };

export interface CorpusReloaderOptions {
  corpus: string;
  dataDir?: string;
  logger: Logger;
  /** Where the new engine goes; the platforms and the scheduler read through it. */
  holder: EngineHolder;
  /** The key of the corpus the current engine was opened for (`OpenedEngine.key`). */
  key?: string;
  /** Opens the new engine (default `openEngine`, which yields while it indexes). */
  open?: (options: OpenEngineOptions) => Promise<OpenedEngine>;
  /**
   * The library laid over the files: composed into the new engine, and brought up to date
   * (additions made while it indexed included) in the step that swaps it in.
   */
  library?: Pick<BotLibrary, 'overlay' | 'adopt'>;
}

export interface CorpusReloader {
  /**
   * Opens the corpus again in the background and swaps it in when it loads. Never two at once:
   * asked while one runs, one more runs after it (however many times it was asked), and every
   * one of those callers gets that run's outcome. Never rejects.
   */
  reload(): Promise<ReloadOutcome>;
  /** Gives up a reload in progress (its index is dropped) and refuses new ones. */
  stop(): void;
}

/**
 * Reloads the corpus into the engine holder. The bot keeps answering from the current engine
 * while the new one indexes; a corpus that is broken (unreadable, empty, every entry bad, any
 * error at all) is refused with a log line saying why, and the last good engine stays.
 */
export function createCorpusReloader(options: CorpusReloaderOptions): CorpusReloader {
  const { corpus, dataDir, logger, holder, library } = options;
  const open = options.open ?? openEngine;
  const abort = new AbortController();
  let currentKey = options.key;
  let running: Promise<ReloadOutcome> | undefined;
  let queued: Promise<ReloadOutcome> | undefined;

  const kept = (error: unknown): ReloadOutcome => {
    const reason = error instanceof Error ? error.message : String(error);
    if (isShammieError(error)) {
      logger.warn(
        { corpus, code: error.code, reason },
        'the changed corpus cannot be used; still serving the last good one',
      );
    } else {
      logger.error(
        { corpus, err: error, reason },
        'reloading the corpus failed; still serving the last good one',
      );
    }
    return { status: 'kept', reason };
  };

  async function runOnce(): Promise<ReloadOutcome> {
    let known: { key: string; stamp: string };
    try {
      const stamp = await corpusStamp(corpus);
      known = { key: await corpusKey(corpus), stamp };
    } catch (error) {
      return kept(error);
    }
    if (abort.signal.aborted) return { status: 'stopped' };
    if (known.key === currentKey) {
      logger.info({ corpus }, 'the corpus content is unchanged: nothing to reload');
      return { status: 'unchanged' };
    }
    let opened: OpenedEngine;
    try {
      opened = await open({
        corpus,
        logger,
        known,
        signal: abort.signal,
        ...(dataDir ? { dataDir } : {}),
        ...(library ? { overlay: library.overlay } : {}),
      });
    } catch (error) {
      if (abort.signal.aborted) return { status: 'stopped' };
      return kept(error);
    }
    if (abort.signal.aborted) return { status: 'stopped' };
    const before = holder.current()?.papers.length;
    // One synchronous step: what the library gained while the files indexed is applied to the
    // new engine, and no change can fall between that and the swap.
    const useLibrary = library?.adopt(opened);
    holder.swap(opened.engine);
    useLibrary?.();
    currentKey = opened.key ?? known.key;
    logProblems(logger, opened.problems);
    logger.info(
      { corpus, papers: opened.engine.papers.length, before, index: opened.source },
      'corpus reloaded',
    );
    return {
      status: 'swapped',
      papers: opened.engine.papers.length,
      problems: opened.problems.length,
      source: opened.source,
    };
  }

  function reload(): Promise<ReloadOutcome> {
    if (abort.signal.aborted) return Promise.resolve({ status: 'stopped' });
    if (!running) {
      running = runOnce()
        .catch(kept)
        .finally(() => {
          running = undefined;
        });
      return running;
    }
    // Whatever changed while this run reads the files is read by exactly one run after it.
    queued ??= running.then(() => {
      queued = undefined;
      return reload();
    });
    return queued;
  }

  return {
    reload,
    stop() {
      abort.abort();
    },
  };
}

/** Entries of the new corpus that were skipped: the corpus is served, the problems are said. */
function logProblems(logger: Logger, problems: readonly LoadProblem[]): void {
  if (problems.length === 0) return;
  logger.warn(
    { skipped: problems.length, first: problems.slice(0, PROBLEMS_LOGGED) },
    'some corpus entries could not be read and were skipped',
  );
}
