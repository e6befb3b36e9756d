import type { Config } from '../shared/config.ts';
import type { Logger } from '../shared/logger.ts';
import { openEngine } from '../shared/open-engine.ts';
import type { BootDeps } from './boot.ts';
import type { BotLibrary } from './bot-library.ts';
import { createCorpusReloader, type ReloadOutcome } from './corpus-reloader.ts';
import { createCorpusWatcher, type PollResult } from './corpus-watcher.ts';
import type { EngineHolder } from './engine-holder.ts';
import type { StartedParts } from './stop-bot.ts';

/** The corpus as the running bot keeps it: loaded, watched, reloaded on a change. */
export interface CorpusWatch {
  /** Opens the corpus again now (what a change of its files does on its own). */
  reload(): Promise<ReloadOutcome>;
  /** Polls the corpus files once, as the watch timer does. */
  poll(): Promise<PollResult>;
  /** No more polls and no more reloads. */
  stop(): void;
}

/** Boot's logger, watch settings and stop signal, and the holder the engine goes into. */
export type StartCorpusOptions = Pick<BootDeps, 'logger' | 'watch' | 'signal'> & {
  holder: EngineHolder;
  /** The library, laid over the corpus files in every engine opened. */
  library?: Pick<BotLibrary, 'overlay' | 'adopt'>;
};

/**
 * Loads the corpus into the holder, then watches its files and reloads it when they change,
 * keeping the last good corpus when the new one is broken. Each part is added to `started` as
 * soon as it runs.
 */
export async function startCorpus(
  config: Config,
  { logger, holder, watch, signal, library }: StartCorpusOptions,
  started: StartedParts,
): Promise<CorpusWatch> {
  // The watcher's baseline is taken before the corpus is read, so a change made while it
  // indexes is reloaded afterwards rather than lost.
  let reloader: ReturnType<typeof createCorpusReloader> | undefined;
  const watcher = createCorpusWatcher({
    corpus: config.corpus,
    logger,
    onChange: () => void reloader?.reload(),
    ...(watch ? watch : {}),
  });
  started.add('corpus watcher', () => watcher.stop());
  await watcher.baseline();
  const key = await loadFirstEngine(config, { logger, holder, signal, library });
  const running = createCorpusReloader({
    corpus: config.corpus,
    dataDir: config.dataDir,
    logger,
    holder,
    ...(key ? { key } : {}),
    ...(library ? { library } : {}),
  });
  reloader = running;
  started.add('corpus reloader', () => running.stop());
  if (watch !== false) watcher.start();
  return {
    reload: () => running.reload(),
    poll: () => watcher.poll(),
    stop: () => {
      watcher.stop();
      running.stop();
    },
  };
}

/**
 * Loads the corpus and its index (from the snapshot in the data directory when it matches),
 * logging progress, and hands the engine to the platforms already running. Returns the key of
 * the corpus it opened, for the reloader to compare against.
 */
async function loadFirstEngine(
  config: Config,
  {
    logger,
    holder,
    signal,
    library,
  }: {
    logger: Logger;
    holder: EngineHolder;
    signal: AbortSignal | undefined;
    library: StartCorpusOptions['library'];
  },
): Promise<string | undefined> {
  let logged = 0;
  const opened = await openEngine({
    corpus: config.corpus,
    dataDir: config.dataDir,
    logger,
    ...(signal ? { signal } : {}),
    ...(library ? { overlay: library.overlay } : {}),
    onProgress: (_phase, done, total) => {
      holder.progress(done, total);
      const tenth = total > 0 ? Math.floor((done / total) * 10) : 10;
      if (tenth > logged && tenth < 10) {
        logged = tenth;
        logger.info({ indexed: done, of: total }, 'indexing the corpus');
      }
    },
  });
  if (opened.problems.length > 0) {
    logger.warn(
      { skipped: opened.problems.length, first: opened.problems.slice(0, 3) },
      'some corpus entries could not be read and were skipped',
    );
  }
  const useLibrary = library?.adopt(opened);
  holder.swap(opened.engine);
  useLibrary?.();
  logger.info(
    { papers: opened.engine.papers.length, corpus: config.corpus, index: opened.source },
    'corpus loaded',
  );
  return opened.key;
}
