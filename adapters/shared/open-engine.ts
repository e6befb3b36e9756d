import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { type FileHandle, mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
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

/**
 * Papers kept beside the corpus files (the library, which adapters/shared may not know): they
 * are composed with the files' papers before indexing, and the snapshot keeps, next to the
 * composed papers, a state saying what the index holds of them. A start from the snapshot
 * gives that state back, so the caller applies only what changed since (`Engine.add`/`remove`),
 * never a rebuild: the snapshot stays keyed by the corpus files alone.
 */
export interface CorpusOverlay {
  /** The papers to index over the files' papers, and the JSON state that describes them. */
  compose(files: readonly Paper[]): { papers: readonly Paper[]; state: OverlayState };
}

/** What an overlay saves in the snapshot (JSON); null for a snapshot of the files alone. */
export type OverlayState = Record<string, unknown> | null;

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
  /**
   * Papers indexed over the files' (see {@link CorpusOverlay}). Without one, a snapshot that
   * holds an overlay's papers is not used: its index is not the files' alone.
   */
  overlay?: CorpusOverlay;
}

export interface OpenedEngine {
  engine: Engine;
  problems: LoadProblem[];
  /** Whether the index came from the snapshot or was built now. */
  source: 'snapshot' | 'built';
  /** The corpus key the engine was opened for (when a data directory is used). */
  key?: string;
  /**
   * What the engine holds of the overlay: the state `compose` gave (built now) or the one saved
   * with the snapshot, null when the snapshot was of the files alone. Absent without an overlay.
   */
  overlay?: OverlayState;
}

/** Lets timers, sockets and heartbeats run between indexing steps; ends an aborted build. */
const pauseUnless = (signal: AbortSignal | undefined) => async (): Promise<void> => {
  await new Promise((resolve) => setImmediate(resolve));
  signal?.throwIfAborted();
};

/** Names the file's layout; a file of another layout is discarded and the index built again. */
const MAGIC = 'SHAMSNP3';

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
    const cached = await readSnapshot(file, key, logger, options.overlay !== undefined);
    if (cached) {
      const { overlay, ...opened } = cached;
      return { ...opened, source: 'snapshot', key, ...(options.overlay ? { overlay } : {}) };
    }
  }
  const loaded = await loadCorpus(corpus);
  const { problems } = loaded;
  signal?.throwIfAborted();
  const composed = options.overlay?.compose(loaded.papers);
  const papers = composed?.papers ?? loaded.papers;
  const overlay = composed?.state ?? null;
  const engine = await buildEngine(papers, {
    pause: pauseUnless(signal),
    onProgress: (done, total) => options.onProgress?.('index', done, total),
  });
  signal?.throwIfAborted();
  if (dataDir && file && key) {
    // A file written while it was being read gives papers the key does not describe; saving
    // them under that key would serve them later for the other content. Save nothing then.
    if ((await corpusStamp(corpus)) === stamp) {
      const index = () => engine.toBytes();
      await writeSnapshot(file, { key, papers, problems, overlay, index }, logger);
    } else {
      logger.info({ corpus }, 'the corpus changed while it was indexed: no snapshot saved');
    }
  }
  return {
    engine,
    problems,
    source: 'built',
    ...(key ? { key } : {}),
    ...(composed ? { overlay } : {}),
  };
}

/** What {@link saveSnapshot} writes: an engine as it is now, and what it was opened for. */
export interface SnapshotContent {
  dataDir: string;
  /** The corpus key the engine was opened for (`OpenedEngine.key`). */
  key: string;
  engine: Engine;
  /** The corpus files' load problems (`OpenedEngine.problems`). */
  problems: readonly LoadProblem[];
  /** The overlay's state describing exactly the engine's papers now. */
  overlay: OverlayState;
}

/**
 * Saves the snapshot of an engine that has changed since it was opened (after a background
 * merge of what was added to it), so that the next start loads it and applies less. The
 * papers, the index and the overlay state are taken at once, before the first await, so they
 * describe one moment even if the engine changes while the file is written. Never throws: a
 * snapshot that cannot be written is logged, and the next start applies more.
 */
export async function saveSnapshot(content: SnapshotContent, logger: Logger): Promise<void> {
  const papers = content.engine.papers.slice();
  const bytes = content.engine.toBytes();
  await writeSnapshot(
    join(content.dataDir, SNAPSHOT_FILE),
    { ...content, papers, index: () => bytes },
    logger,
  );
}

// The snapshot file, written and read in pieces so that no copy of the whole corpus is ever
// held at once:
//   MAGIC | header JSON, space-padded to HEADER_BYTES (written last, once the sizes are known)
//   | papers region: one line of the load problems' JSON, one line of the overlay's state
//     (JSON, `null` for none), then one line per chunk of papers
//     (a JSON array), each ending in '\n' (JSON never holds a raw newline), padded to 4 bytes
//   | the index bytes (`engine.toBytes()`), 4-byte aligned so its arrays are used in place.

const HEADER_BYTES = 256 - MAGIC.length;
const PAPERS_START = MAGIC.length + HEADER_BYTES;
/** Papers per JSON line: small enough that each line's text is a few MB, not the corpus. */
const PAPERS_PER_LINE = 2000;
/** How much of the papers region is read at a time. */
const READ_BLOCK_BYTES = 8 * 1024 * 1024;

interface SnapshotHeader {
  key: string;
  papers: number;
  papersBytes: number;
  indexBytes: number;
}

const pad4 = (n: number): number => (n + 3) & ~3;

async function readSnapshot(
  file: string,
  key: string,
  logger: Logger,
  withOverlay: boolean,
): Promise<{ engine: Engine; problems: LoadProblem[]; overlay: OverlayState } | undefined> {
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
  } catch {
    return undefined; // no snapshot yet
  }
  try {
    const head = await readExactly(handle, 0, PAPERS_START);
    if (head.toString('latin1', 0, MAGIC.length) !== MAGIC)
      throw new Error('not a Shammie snapshot of this format');
    const header = JSON.parse(head.toString('utf8', MAGIC.length)) as SnapshotHeader;
    if (header.key !== key) {
      logger.info({ file }, 'the corpus changed since the index snapshot was made: indexing again');
      return undefined;
    }
    const indexStart = PAPERS_START + pad4(header.papersBytes);
    if ((await handle.stat()).size !== indexStart + header.indexBytes)
      throw new Error('it is truncated or has trailing bytes');
    const { papers, problems, overlay } = await readPapers(handle, header.papersBytes);
    if (papers.length !== header.papers) throw new Error('its papers are damaged');
    if (overlay !== null && !withOverlay) {
      logger.info({ file }, 'the index snapshot holds added papers too: indexing the files alone');
      return undefined;
    }
    // Only the index's bytes stay alive (its arrays are views into them); the papers' JSON
    // was read in blocks that are already garbage.
    const bytes = await readExactly(handle, indexStart, header.indexBytes);
    // The key is a hash of the corpus files, so the papers need no second fingerprint.
    const engine = loadEngine(bytes, papers, { corpusChecked: true });
    logger.info({ file, papers: papers.length }, 'index loaded from its snapshot');
    return { engine, problems, overlay };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    logger.warn({ file, reason }, 'index snapshot discarded: indexing again');
    return undefined;
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** `length` bytes at `position`, in a buffer of their own (aligned, never pooled). */
async function readExactly(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const bytes = Buffer.allocUnsafeSlow(length);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await handle.read(bytes, done, length - done, position + done);
    if (bytesRead === 0) throw new Error('it is truncated');
    done += bytesRead;
  }
  return bytes;
}

/** The papers region, parsed one line at a time from blocks read in turn. */
async function readPapers(
  handle: FileHandle,
  papersBytes: number,
): Promise<{ papers: Paper[]; problems: LoadProblem[]; overlay: OverlayState }> {
  const papers: Paper[] = [];
  let problems: LoadProblem[] | undefined;
  let overlay: OverlayState | undefined;
  let carry = Buffer.alloc(0);
  for (let at = 0; at < papersBytes; ) {
    const block = await readExactly(
      handle,
      PAPERS_START + at,
      Math.min(READ_BLOCK_BYTES, papersBytes - at),
    );
    at += block.byteLength;
    const data = carry.byteLength > 0 ? Buffer.concat([carry, block]) : block;
    let from = 0;
    for (let end = data.indexOf(10, from); end !== -1; end = data.indexOf(10, from)) {
      const parsed: unknown = JSON.parse(data.toString('utf8', from, end));
      if (problems !== undefined && overlay === undefined) {
        if (typeof parsed !== 'object' || Array.isArray(parsed))
          throw new Error('its added papers are damaged');
        overlay = parsed as OverlayState;
      } else if (!Array.isArray(parsed)) throw new Error('its papers are damaged');
      else if (problems === undefined) problems = parsed as LoadProblem[];
      else for (const paper of parsed) papers.push(paper as Paper);
      from = end + 1;
    }
    carry = Buffer.from(data.subarray(from)); // a copy: `data` may be the block, freed next
  }
  if (carry.byteLength > 0 || problems === undefined || overlay === undefined)
    throw new Error('its papers are damaged');
  return { papers, problems, overlay };
}

/** What one snapshot file holds; the index is asked for once the papers are written. */
interface SnapshotParts {
  key: string;
  papers: readonly Paper[];
  problems: readonly LoadProblem[];
  overlay: OverlayState;
  index: () => Uint8Array;
}

/** Snapshot files this process has begun to write. */
let writes = 0;

async function writeSnapshot(file: string, parts: SnapshotParts, logger: Logger): Promise<void> {
  const { key, papers, problems } = parts;
  // Two saves of one process (a reload's and a merge's) never share a temporary file.
  writes += 1;
  const temp = `${file}.${process.pid}.${writes}.tmp`;
  let handle: FileHandle | undefined;
  try {
    await mkdir(dirname(file), { recursive: true });
    handle = await open(temp, 'w');
    const out = handle;
    let position = PAPERS_START;
    const put = async (bytes: Uint8Array): Promise<void> => {
      for (let done = 0; done < bytes.byteLength; ) {
        const { bytesWritten } = await out.write(bytes, done, bytes.byteLength - done, position);
        done += bytesWritten;
        position += bytesWritten;
      }
    };
    // A chunk of papers at a time: the whole corpus as one string would be hundreds of MB
    // alive next to the papers and the engine.
    await put(Buffer.from(`${JSON.stringify(problems)}\n`, 'utf8'));
    await put(Buffer.from(`${JSON.stringify(parts.overlay)}\n`, 'utf8'));
    for (let i = 0; i < papers.length; i += PAPERS_PER_LINE) {
      await put(Buffer.from(`${JSON.stringify(papers.slice(i, i + PAPERS_PER_LINE))}\n`, 'utf8'));
    }
    const papersBytes = position - PAPERS_START;
    await put(Buffer.alloc(pad4(papersBytes) - papersBytes, ' '));
    const index = parts.index();
    await put(index);
    const header: SnapshotHeader = {
      key,
      papers: papers.length,
      papersBytes,
      indexBytes: index.byteLength,
    };
    const head = Buffer.alloc(PAPERS_START, ' ');
    head.write(MAGIC, 0, 'latin1');
    const json = JSON.stringify(header);
    if (Buffer.byteLength(json) > HEADER_BYTES) throw new Error('the snapshot header is too long');
    head.write(json, MAGIC.length, 'utf8');
    position = 0;
    await put(head);
    await handle.close();
    handle = undefined;
    // Renaming is atomic: a crash leaves the old snapshot or the new one, never half of one.
    await rename(temp, file);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await rm(temp, { force: true }).catch(() => undefined);
    const reason = error instanceof Error ? error.message : String(error);
    logger.warn(
      { file, reason },
      'could not save the index snapshot; the next start will index again',
    );
  }
}
