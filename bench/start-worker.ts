/**
 * A fresh process that starts the way a bot with a saved snapshot does, timed to its first
 * answer. Mode core goes through the core alone: load the corpus, read and load the snapshot
 * bytes, answer one claim. Mode bot opens the engine as `npm start` does (adapters/shared
 * openEngine: corpus hash, snapshot from the data directory, else a build that writes one).
 * Times count from the process's own start, node, tsx and the imports included.
 */
import { readFile, writeFile } from 'node:fs/promises';
import type { Logger } from '../adapters/shared/logger.ts';
import { type Engine, loadCorpus, loadEngine } from '../src/index.ts';
import { type FunctionTime, functionTimes, startProfiling, stopProfiling } from './cpu-profile.ts';
import { fail, receiveJob, send } from './ipc.ts';
import { peakRssMB, rssMB } from './memory.ts';
import type { StartJob, StartReply } from './messages.ts';
import { secondsSince } from './timing.ts';

/** Functions of a start's profile listed in the report. */
const PROFILE_TOP = 15;

/** A logger that keeps the bot's warnings (a discarded snapshot says why) and drops the rest. */
function keepingWarnings(warnings: string[]): Logger {
  const text = (obj: object | string, msg?: string): string =>
    [msg, typeof obj === 'string' ? obj : JSON.stringify(obj)].filter(Boolean).join(' ');
  const logger: Logger = {
    debug: () => {},
    info: () => {},
    warn: (obj, msg) => {
      warnings.push(text(obj, msg));
    },
    error: (obj, msg) => {
      warnings.push(text(obj, msg));
    },
    child: () => logger,
  };
  return logger;
}

async function main(): Promise<void> {
  // performance.now() counts from the process's start, so this is node + tsx + imports.
  const bootMs = performance.now();
  const job = await receiveJob<StartJob>();
  const waitedMs = performance.now() - bootMs; // for the job to arrive: not part of a start

  let loadCorpusS = 0;
  let readSnapshotS = 0;
  let loadEngineS: number;
  let engine: Engine;
  let source: 'snapshot' | 'built' | undefined;
  let applied: { added: number; removed: number } | undefined;
  let librarySyncS: number | undefined;
  const warnings: string[] = [];
  const session = job.profileFile ? await startProfiling() : undefined;
  let start = performance.now();
  if (job.mode === 'library') {
    // As the bot opens it: the library's database beside the snapshot, composed at a build,
    // and the changes made since the snapshot applied after a load.
    const { openEngine } = await import('../adapters/shared/open-engine.ts');
    const { openDatabase } = await import('../adapters/scheduler/database.ts');
    const { createLibraryStore } = await import('../adapters/library/library-store.ts');
    const { createLibraryLayer, libraryOverlay } = await import(
      '../adapters/library/library-layer.ts'
    );
    start = performance.now();
    const store = createLibraryStore(openDatabase(job.dataDir));
    const opened = await openEngine({
      corpus: job.corpusPath,
      dataDir: job.dataDir,
      logger: keepingWarnings(warnings),
      overlay: libraryOverlay(store),
    });
    const synced = performance.now();
    const changes = createLibraryLayer(opened.engine, store, opened.overlay ?? null).sync();
    librarySyncS = secondsSince(synced);
    loadEngineS = secondsSince(start);
    engine = opened.engine;
    source = opened.source;
    applied = { added: changes.added.length, removed: changes.removed };
  } else if (job.mode === 'bot') {
    // Imported here: mode core must not pay for the adapters' imports.
    const { openEngine } = await import('../adapters/shared/open-engine.ts');
    start = performance.now();
    const opened = await openEngine({
      corpus: job.corpusPath,
      dataDir: job.dataDir,
      logger: keepingWarnings(warnings),
    });
    loadEngineS = secondsSince(start);
    engine = opened.engine;
    source = opened.source;
  } else {
    const { papers } = await loadCorpus(job.corpusPath);
    loadCorpusS = secondsSince(start);
    start = performance.now();
    const bytes = await readFile(job.snapshotPath);
    readSnapshotS = secondsSince(start);
    start = performance.now();
    engine = loadEngine(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), papers);
    loadEngineS = secondsSince(start);
  }
  start = performance.now();
  const hits = engine.search(job.claim, { limit: 10 }).hits.length;
  const firstSearchMs = performance.now() - start;
  const toAnswerMs = performance.now() - waitedMs;
  let profile: FunctionTime[] | undefined;
  if (session && job.profileFile) {
    const taken = await stopProfiling(session);
    await writeFile(job.profileFile, JSON.stringify(taken));
    profile = functionTimes(taken, process.cwd()).slice(0, PROFILE_TOP);
  }

  const reply: StartReply = {
    type: 'started',
    mode: job.mode,
    ...(source ? { source } : {}),
    ...(applied ? { applied } : {}),
    ...(librarySyncS !== undefined ? { librarySyncS } : {}),
    warnings,
    bootMs,
    loadCorpusS,
    readSnapshotS,
    loadEngineS,
    firstSearchMs,
    toAnswerMs,
    hits,
    rssMB: rssMB(),
    peakMB: peakRssMB(),
    ...(profile ? { profile } : {}),
  };
  await send(reply);
}

main().then(
  () => process.exit(0),
  (error: unknown) => fail(error),
);
