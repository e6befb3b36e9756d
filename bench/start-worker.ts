/**
 * A fresh process that starts the way a bot with a saved snapshot does: load the corpus, read
 * and load the snapshot, answer one claim. It reports each part and the time from the process's
 * own start (node, tsx and the imports included) to that first answer.
 */
import { readFile } from 'node:fs/promises';
import { loadCorpus, loadEngine } from '../src/index.ts';
import { fail, receiveJob, send } from './ipc.ts';
import { peakRssMB, rssMB } from './memory.ts';
import type { StartJob, StartReply } from './messages.ts';
import { secondsSince } from './timing.ts';

async function main(): Promise<void> {
  // performance.now() counts from the process's start, so this is node + tsx + imports.
  const bootMs = performance.now();
  const job = await receiveJob<StartJob>();
  const waitedMs = performance.now() - bootMs; // for the job to arrive: not part of a start

  let start = performance.now();
  const { papers } = await loadCorpus(job.corpusPath);
  const loadCorpusS = secondsSince(start);
  start = performance.now();
  const bytes = await readFile(job.snapshotPath);
  const readSnapshotS = secondsSince(start);
  start = performance.now();
  const engine = loadEngine(
    new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    papers,
  );
  const loadEngineS = secondsSince(start);
  start = performance.now();
  const hits = engine.search(job.claim, { limit: 10 }).hits.length;
  const firstSearchMs = performance.now() - start;
  const toAnswerMs = performance.now() - waitedMs;

  const reply: StartReply = {
    type: 'started',
    bootMs,
    loadCorpusS,
    readSnapshotS,
    loadEngineS,
    firstSearchMs,
    toAnswerMs,
    hits,
    rssMB: rssMB(),
    peakMB: peakRssMB(),
  };
  await send(reply);
}

main().then(
  () => process.exit(0),
  (error: unknown) => fail(error),
);
