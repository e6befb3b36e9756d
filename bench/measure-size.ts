/**
 * One corpus size measured: the size process (load, build, answer, snapshot, repeats), then the
 * fresh starts from the snapshot, the core's way and the bot's way, each in a process of its own.
 */
import { rm } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BenchCorpus, splitCorpus } from './bench-corpora.ts';
import type { BenchOptions } from './bench-options.ts';
import type { SizeJob, SizeMessage, StartJob, StartMessage, StartReply } from './messages.ts';
import { type ChildSettings, runChild } from './run-child.ts';
import { recordPhase, type SizeResult, type StartFigures, startFigures } from './size-result.ts';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const SIZE_WORKER = join(BENCH_DIR, 'size-worker.ts');
const START_WORKER = join(BENCH_DIR, 'start-worker.ts');

const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

function describeFailure(outcome: {
  code: number | null;
  signal: string | null;
  timedOut: boolean;
  stderrTail: string;
}): string {
  if (outcome.timedOut) return 'stopped at the time limit (--timeout)';
  if (/heap out of memory|Allocation failed/i.test(outcome.stderrTail)) {
    return 'ran out of memory (--heap)';
  }
  // The error's own line says more than the stack under it.
  const lines = outcome.stderrTail.split('\n').filter((l) => l.trim() !== '');
  const errorLine = lines.find((l) => /\b\w*Error\b/.test(l) && !/^\s+at /.test(l));
  const tail = errorLine ?? lines.slice(-3).join(' | ');
  return `exited with ${outcome.signal ?? `code ${outcome.code}`}${tail ? `: ${tail}` : ''}`;
}

/** Medians of `count` fresh starts, or undefined (with a note) when one fails. */
async function measureStarts(
  job: StartJob,
  count: number,
  settings: ChildSettings,
  result: SizeResult,
  profileDir: string | undefined,
  label: string,
): Promise<StartFigures | undefined> {
  const starts: StartMessage[] = [];
  const walls: number[] = [];
  for (let i = 0; i < count; i++) {
    const run = await runChild<StartReply>(START_WORKER, job, settings);
    const reply = run.messages.find((m) => m.type === 'started');
    if (!reply) {
      const failed = run.messages.find((m) => m.type === 'error');
      const why = failed?.type === 'error' ? failed.error : describeFailure(run);
      result.notes.push(`a fresh start (${job.mode}) failed: ${why}`);
      return undefined;
    }
    starts.push(reply);
    walls.push(run.atMs[run.messages.indexOf(reply)] ?? run.wallMs);
  }
  if (profileDir) {
    // One more start, profiled, outside the medians: profiling slows what it watches.
    const file = join(profileDir, `start-${job.mode}-${label}.cpuprofile`);
    const run = await runChild<StartReply>(START_WORKER, { ...job, profileFile: file }, settings);
    const reply = run.messages.find((m) => m.type === 'started');
    if (reply?.type === 'started' && reply.profile) {
      result.profiles.push({ phase: `a ${job.mode} start (${label})`, file, top: reply.profile });
    }
  }
  return startFigures(starts, walls);
}

/**
 * Measures one size: runs the size process (splitting the corpus into parts once if the loader
 * refuses the single file), then the fresh starts.
 */
export async function measureSize(
  size: number,
  corpus: BenchCorpus,
  job: Omit<SizeJob, 'corpusPath'>,
  options: BenchOptions,
  settings: ChildSettings,
): Promise<SizeResult> {
  const result: SizeResult = {
    size,
    corpus,
    loadedPath: corpus.path,
    loadAvg: { before: loadavg(), after: [] },
    phases: {},
    profiles: [],
    notes: [],
  };
  const tag = `[${size.toLocaleString('en-US')}]`;
  const progress = (m: SizeMessage): void => {
    recordPhase(result.phases, m);
    if (m.type === 'profile') result.profiles.push({ phase: m.phase, file: m.file, top: m.top });
    if (m.type === 'loaded') log(`${tag} loaded ${m.papers} papers in ${m.loadS.toFixed(2)} s`);
    if (m.type === 'built') log(`${tag} built in ${m.createS.toFixed(2)} s`);
    if (m.type === 'search')
      log(`${tag} search p50 ${m.latency.p50.toFixed(2)} ms, p99 ${m.latency.p99.toFixed(2)} ms`);
    if (m.type === 'suggest')
      log(
        `${tag} suggest p50 ${m.suggest.all.p50.toFixed(2)} ms, p99 ${m.suggest.all.p99.toFixed(2)} ms`,
      );
    if (m.type === 'snapshot') log(`${tag} snapshot saved and loaded`);
    if (m.type === 'repeats') log(`${tag} load and build repeated`);
    if (m.type === 'refused') log(`${tag} loadCorpus refused the file: ${m.message}`);
  };
  let outcome = await runChild<SizeMessage>(
    SIZE_WORKER,
    { ...job, corpusPath: corpus.path },
    settings,
    progress,
  );
  const refused = result.phases.refused;
  if (refused) {
    const parts = await splitCorpus(corpus, options.cacheDir);
    result.loadedPath = parts;
    result.notes.push(
      `loadCorpus refused the single file (${refused.message}); the same lines were loaded as a folder of JSON Lines parts of at most 128 MiB (${parts}), through the same loadCorpus`,
    );
    result.phases = {};
    outcome = await runChild<SizeMessage>(
      SIZE_WORKER,
      { ...job, corpusPath: parts },
      settings,
      progress,
    );
  }
  const error = result.phases.error;
  if (!result.phases.done) {
    result.failure = error ? error.error : describeFailure(outcome);
  }

  if (result.phases.snapshot) {
    const base = {
      kind: 'start' as const,
      corpusPath: result.loadedPath,
      snapshotPath: job.snapshotPath,
      dataDir: join(options.cacheDir, 'data', `shammie-${size}`),
      claim: job.claims[0] ?? 'protein folding',
    };
    const core = await measureStarts(
      { ...base, mode: 'core' },
      options.repeat,
      settings,
      result,
      options.cpuProfDir,
      `${size}`,
    );
    if (core) {
      result.start = core;
      log(`${tag} fresh start (core) to first answer ${core.toAnswerS.toFixed(2)} s`);
    }
    // The bot's own path: an empty data directory first (it builds and writes its snapshot),
    // then starts that find the snapshot there.
    await rm(base.dataDir, { recursive: true, force: true });
    const first = await measureStarts(
      { ...base, mode: 'bot' },
      1,
      settings,
      result,
      undefined,
      `${size}-first`,
    );
    if (first) {
      result.botFirst = first;
      log(`${tag} bot's first start (build, write snapshot) ${first.toAnswerS.toFixed(2)} s`);
      const later = await measureStarts(
        { ...base, mode: 'bot' },
        options.repeat,
        settings,
        result,
        options.cpuProfDir,
        `${size}`,
      );
      if (later) {
        result.botStart = later;
        log(`${tag} bot start from its snapshot ${later.toAnswerS.toFixed(2)} s`);
      }
    }
  }
  result.loadAvg.after = loadavg();
  return result;
}
