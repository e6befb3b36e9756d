import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  buildEngine,
  type Engine,
  type LoadProblem,
  listCorpusFiles,
  loadCorpus,
  loadEngine,
  NODE_CORPUS_IO,
  type Paper,
  SNAPSHOT_VERSION,
} from '../../src/index.ts';
import { corpusStamp } from './corpus-stamp.ts';
import type { Logger } from './logger.ts';

/**
 * Opening the engine over a corpus, through a snapshot in the data directory: a large corpus
 * starts in seconds instead of being parsed and indexed again. The snapshot is keyed by a hash
 * of the corpus files' contents and the snapshot version, so it is rebuilt whenever a file
 * changes and never served stale; a damaged or foreign snapshot is discarded with a log line.
 */

/** Where the snapshot lives inside the data directory. */
export const SNAPSHOT_FILE = 'index.snapshot';

export type OpenPhase = 'hash' | 'load' | 'index' | 'snapshot';

export interface OpenEngineOptions {
  corpus: string;
  /** Where to keep the snapshot; none is kept when absent. */
  dataDir?: string;
  logger: Logger;
  /** Reports progress of the slow phases: papers indexed of the total, for a bar or a log. */
  onProgress?: (phase: OpenPhase, done: number, total: number) => void;
  /**
   * The corpus's key (`corpusKey`) when the caller has just computed it, with the stamp
   * (`corpusStamp`) taken before it: the corpus is not hashed again.
   */
  known?: { key: string; stamp: string };
  /** Stops indexing at its next pause (a reload given up at shutdown); nothing is saved. */
  signal?: AbortSignal;
}

export interface OpenedEngine {
  engine: Engine;
  problems: LoadProblem[];
  /** Whether the index came from the snapshot or was built now. */
  source: 'snapshot' | 'built';
  /** The corpus key the engine was opened for (when a data directory is used). */
  key?: string;
}

/** Lets timers, sockets and heartbeats run between indexing steps; ends an aborted build. */
const pauseUnless = (signal: AbortSignal | undefined) => async (): Promise<void> => {
  await new Promise((resolve) => setImmediate(resolve));
  signal?.throwIfAborted();
};

const MAGIC = 'SHAMSNP1';

/** A hash of the corpus files' paths and contents, and of the snapshot format. */
export async function corpusKey(corpus: string): Promise<string> {
  const { files } = await listCorpusFiles(corpus, NODE_CORPUS_IO);
  const hash = createHash('sha256').update(`shammie-snapshot-${SNAPSHOT_VERSION}\n`);
  for (const file of files) {
    hash.update(`${file.path}\n`);
    for await (const chunk of createReadStream(file.path)) hash.update(chunk as Buffer);
    hash.update('\n');
  }
  return hash.digest('hex');
}

/**
 * The engine over `corpus`: from the snapshot when it matches the corpus, else loaded and
 * indexed (yielding between steps) and the snapshot written for next time. Corpus errors
 * (missing, empty) are thrown as the loader's ShammieErrors.
 */
export async function openEngine(options: OpenEngineOptions): Promise<OpenedEngine> {
  const { corpus, dataDir, logger, signal } = options;
  // Taken before anything is read: unchanged at the end means the files were not written to.
  const stamp = dataDir ? (options.known?.stamp ?? (await corpusStamp(corpus))) : undefined;
  const key = dataDir ? (options.known?.key ?? (await corpusKey(corpus))) : undefined;
  const file = dataDir ? join(dataDir, SNAPSHOT_FILE) : undefined;
  if (file && key) {
    const cached = await readSnapshot(file, key, logger);
    if (cached) return { ...cached, source: 'snapshot', key };
  }
  const { papers, problems } = await loadCorpus(corpus);
  signal?.throwIfAborted();
  const engine = await buildEngine(papers, {
    pause: pauseUnless(signal),
    onProgress: (done, total) => options.onProgress?.('index', done, total),
  });
  signal?.throwIfAborted();
  if (dataDir && file && key) {
    // A file written while it was being read gives papers the key does not describe; saving
    // them under that key would serve them later for the other content. Save nothing then.
    if ((await corpusStamp(corpus)) === stamp) {
      await writeSnapshot(dataDir, file, key, papers, problems, engine, logger);
    } else {
      logger.info({ corpus }, 'the corpus changed while it was indexed: no snapshot saved');
    }
  }
  return { engine, problems, source: 'built', ...(key ? { key } : {}) };
}

interface SnapshotHeader {
  key: string;
  papersBytes: number;
}

async function readSnapshot(
  file: string,
  key: string,
  logger: Logger,
): Promise<{ engine: Engine; problems: LoadProblem[] } | undefined> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    return undefined; // no snapshot yet
  }
  try {
    if (bytes.toString('latin1', 0, MAGIC.length) !== MAGIC)
      throw new Error('not a Shammie snapshot');
    const headerLength = bytes.readUInt32LE(MAGIC.length);
    const headerEnd = MAGIC.length + 4 + headerLength;
    const header = JSON.parse(
      bytes.toString('utf8', MAGIC.length + 4, headerEnd),
    ) as SnapshotHeader;
    if (header.key !== key) {
      logger.info({ file }, 'the corpus changed since the index snapshot was made: indexing again');
      return undefined;
    }
    const papersEnd = headerEnd + header.papersBytes;
    const stored = JSON.parse(bytes.toString('utf8', headerEnd, papersEnd)) as {
      papers: Paper[];
      problems: LoadProblem[];
    };
    const engine = loadEngine(bytes.subarray(papersEnd), stored.papers);
    logger.info({ file, papers: stored.papers.length }, 'index loaded from its snapshot');
    return { engine, problems: stored.problems };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    logger.warn({ file, reason }, 'index snapshot discarded: indexing again');
    return undefined;
  }
}

async function writeSnapshot(
  dataDir: string,
  file: string,
  key: string,
  papers: readonly Paper[],
  problems: readonly LoadProblem[],
  engine: Engine,
  logger: Logger,
): Promise<void> {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    // Both JSON parts are padded with spaces to 4-byte multiples, so the index arrays that
    // follow start aligned and are used in place when the file is read back.
    const stored = padded(JSON.stringify({ papers, problems }));
    const header = padded(JSON.stringify({ key, papersBytes: stored.byteLength }));
    const length = Buffer.alloc(4);
    length.writeUInt32LE(header.byteLength);
    await mkdir(dataDir, { recursive: true });
    await writeFile(temp, [Buffer.from(MAGIC, 'latin1'), length, header, stored, engine.toBytes()]);
    // Renaming is atomic: a crash leaves the old snapshot or the new one, never half of one.
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    const reason = error instanceof Error ? error.message : String(error);
    logger.warn(
      { file, reason },
      'could not save the index snapshot; the next start will index again',
    );
  }
}

function padded(json: string): Buffer {
  const bytes = Buffer.from(json, 'utf8');
  const extra = (4 - (bytes.byteLength % 4)) % 4;
  return extra === 0 ? bytes : Buffer.concat([bytes, Buffer.from(' '.repeat(extra))]);
}
