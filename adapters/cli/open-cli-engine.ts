import { type Engine, isShammieError, type Paper } from '../../src/index.ts';
import { createLibraryLayer, libraryOverlay } from '../library/library-layer.ts';
import { storedDaily } from '../scheduler/stored-daily.ts';
import { DEFAULT_CORPUS, DEFAULT_DATA_DIR } from '../shared/config.ts';
import { corpusFileInfos } from '../shared/corpus-stamp.ts';
import { openEngine } from '../shared/open-engine.ts';
import type { CliIo } from './cli-context.ts';
import { createCliLogger } from './cli-logger.ts';
import { CORPUS_ERRORS, EXIT_BAD_CORPUS, ExitError } from './exit-status.ts';
import { openCliShelf } from './open-cli-library.ts';
import { createProgressBar } from './progress-bar.ts';
import { say } from './say.ts';

/** Corpora at least this large (in bytes) keep an index snapshot in the data directory. */
export const CLI_SNAPSHOT_MIN_BYTES = 20 * 1024 * 1024;

/** Where the corpus path came from, and what to add when it cannot be read. */
const CORPUS_HINTS: Record<'option' | 'env' | 'default', string> = {
  option: '',
  env: ' (the path is SHAMMIE_CORPUS; --corpus PATH overrides it)',
  default: ` (${DEFAULT_CORPUS} is the default: give the corpus with --corpus PATH or SHAMMIE_CORPUS)`,
};

/** The engine of one command, the corpus files' papers, and what to close once it is done. */
export interface CliEngine {
  /** The corpus files and the library, as the bot searches them. */
  engine: Engine;
  /** The corpus files' papers alone, removed ones included (for `add` and `remove`). */
  files: readonly Paper[];
  close: () => void;
}

/**
 * Opens the engine for one command: the corpus of --corpus, else SHAMMIE_CORPUS, else ./corpus,
 * with the library in the data directory laid over it as the bot lays it (what `shammie add`
 * added is found, what `shammie remove` removed is not), a progress bar while a large corpus
 * indexes and its first problems on stderr. A corpus that cannot be read is an ExitError with
 * status 2 that says where the path came from.
 */
export async function openCliEngine(
  corpus: string | undefined,
  { env, stderr }: Pick<CliIo, 'env' | 'stderr'>,
): Promise<CliEngine> {
  const given = corpus ? 'option' : env.SHAMMIE_CORPUS ? 'env' : 'default';
  const path = corpus || env.SHAMMIE_CORPUS || DEFAULT_CORPUS;
  const dataDir = env.SHAMMIE_DATA_DIR || DEFAULT_DATA_DIR;
  const progress = createProgressBar(stderr);
  const shelf = openCliShelf(dataDir, (m) => say(stderr, m));
  let opened: Awaited<ReturnType<typeof openEngine>>;
  try {
    opened = await openEngine({
      corpus: path,
      // Large corpora keep their index in the data directory, so the next command starts fast.
      ...((await corpusBytes(path)) >= CLI_SNAPSHOT_MIN_BYTES ? { dataDir } : {}),
      logger: createCliLogger(stderr),
      onProgress: progress.update,
      ...(shelf ? { overlay: libraryOverlay(shelf.store) } : {}),
    });
  } catch (error) {
    shelf?.close();
    if (isShammieError(error) && CORPUS_ERRORS.includes(error.code)) {
      throw new ExitError(`${error.message}${CORPUS_HINTS[given]}`, EXIT_BAD_CORPUS);
    }
    throw error;
  } finally {
    progress.stop();
  }
  let files: readonly Paper[] = opened.engine.papers;
  if (shelf) {
    // From a snapshot: the library's changes since it was written are applied now.
    const layer = createLibraryLayer(opened.engine, shelf.store, opened.overlay ?? null);
    layer.sync();
    files = layer.files();
    shelf.close();
  }
  const { problems } = opened;
  for (const p of problems.slice(0, 5)) {
    say(stderr, `${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}`);
  }
  if (problems.length > 5) say(stderr, `… and ${problems.length - 5} more problems`);
  // `daily` shows what the bot posts: its stored plan when the data directory has one.
  const daily = storedDaily(opened.engine, dataDir, (m) => say(stderr, m));
  return { engine: daily.engine, files, close: daily.close };
}

async function corpusBytes(path: string): Promise<number> {
  try {
    const files = await corpusFileInfos(path);
    return files.reduce((total, file) => total + (file.info?.size ?? 0), 0);
  } catch {
    return 0; // the loader explains a bad corpus path itself
  }
}
