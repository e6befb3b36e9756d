/**
 * One corpus size, in a process of its own (forked by bench/run.ts), so that memory figures of
 * one size never mix with another's. The first pass measures what a bot does once: load, build,
 * answer (memory is read along the way); then the build and load phases are repeated for their
 * medians, and the snapshot is saved, written for the fresh-start runs, and loaded back.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  buildEngine,
  createEngine,
  type Engine,
  isShammieError,
  type LoadedCorpus,
  loadCorpus,
  loadEngine,
  type Paper,
} from '../src/index.ts';
import { functionTimes, startProfiling, stopProfiling } from './cpu-profile.ts';
import { fail, receiveJob, send } from './ipc.ts';
import { fullGc, heapMB, peakRssMB, rssMB } from './memory.ts';
import type { SizeJob, SizeMessage, SuggestFigures } from './messages.ts';
import { seededRandom } from './seeded-order.ts';
import { summarizeLatencies } from './stats.ts';
import { repeatWithin, secondsSince, slowest, timeEach } from './timing.ts';
import { type TypedPrefix, typedPrefixes } from './typed-prefixes.ts';

/** Hits per search, as in a chat reply and in the shared comparison. */
const SEARCH_LIMIT = 10;
/** Choices per autocomplete, Discord's maximum. */
const SUGGEST_LIMIT = 25;
/** Slowest claims and prefixes kept for the notes. */
const SLOWEST = 5;
/** Claims whose top 10 must come back the same from a loaded snapshot. */
const SNAPSHOT_PROBES = 10;

const say = (message: SizeMessage): Promise<void> => send(message);

/** Loads the corpus, or says why the loader refused it (a file over its size limit). */
async function load(path: string): Promise<LoadedCorpus | { refused: string }> {
  try {
    const corpus = await loadCorpus(path);
    const tooLarge = corpus.problems.find((p) => /too large/i.test(p.message));
    if (tooLarge) return { refused: `${tooLarge.file}: ${tooLarge.message}` };
    return corpus;
  } catch (error) {
    if (isShammieError(error) && /too large/i.test(error.message))
      return { refused: error.message };
    throw error;
  }
}

function topIds(engine: Engine, claim: string): string {
  return engine
    .search(claim, { limit: SEARCH_LIMIT })
    .hits.map((h) => h.paper.id)
    .join(' ');
}

function timeSearch(engine: Engine, job: SizeJob): SizeMessage {
  let empty = 0;
  let errors = 0;
  const ask = (claim: string): void => {
    try {
      if (engine.search(claim, { limit: SEARCH_LIMIT }).hits.length === 0) empty++;
    } catch {
      errors++;
    }
  };
  const warm = job.warmClaims.slice(0, job.warmup);
  timeEach(warm, [], ask);
  // Only the timed claims' empty answers and errors are counted.
  empty = 0;
  errors = 0;
  const { latency, ms } = timeEach([], job.claims, ask);
  const slow = slowest(job.claims, ms, SLOWEST).map((s) => ({ text: s.input, ms: s.ms }));
  return { type: 'search', latency, warmed: warm.length, empty, errors, slowest: slow };
}

/** Lower case with single spaces: how a typed prefix is compared with a title. */
function normal(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}

function timeSuggest(engine: Engine, papers: readonly Paper[], job: SizeJob): SizeMessage {
  const titles = papers.map((p) => p.title);
  const random = seededRandom(`shammie-bench-own:suggest:${job.seed}`);
  const warm = typedPrefixes(titles, Math.ceil(job.warmup / 8), random).slice(0, job.warmup);
  const timed: TypedPrefix[] = typedPrefixes(titles, job.titles, random);
  const kinds: Record<TypedPrefix['kind'], number[]> = { chars: [], words: [] };
  let empty = 0;
  const emptyExamples: string[] = [];
  let topStartsWithTyped = 0;
  for (const w of warm) engine.suggest(w.text, SUGGEST_LIMIT);
  const all: number[] = [];
  for (const prefix of timed) {
    const start = process.hrtime.bigint();
    const got = engine.suggest(prefix.text, SUGGEST_LIMIT);
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    all.push(ms);
    kinds[prefix.kind].push(ms);
    if (got.length === 0) {
      empty++;
      if (emptyExamples.length < SLOWEST) emptyExamples.push(prefix.text);
    } else if (normal(got[0]?.title ?? '').startsWith(normal(prefix.text))) topStartsWithTyped++;
  }
  const suggest: SuggestFigures = {
    all: summarizeLatencies(all),
    chars: summarizeLatencies(kinds.chars),
    words: summarizeLatencies(kinds.words),
    empty,
    emptyExamples,
    slowest: slowest(
      timed.map((p) => p.text),
      all,
      SLOWEST,
    ).map((s) => ({ text: s.input, ms: s.ms })),
    topStartsWithTyped,
  };
  return { type: 'suggest', suggest, warmed: warm.length };
}

/** Functions of a phase's profile listed in the report. */
const PROFILE_TOP = 15;

/**
 * Runs a phase, profiled when the job asks for it: the profile is written to the job's folder
 * and its busiest functions are sent before the phase's own figures (which profiling slows).
 */
async function profiled(
  phase: 'search' | 'suggest',
  job: SizeJob,
  run: () => SizeMessage,
): Promise<SizeMessage> {
  if (!job.profileDir) return run();
  const session = await startProfiling();
  const message = run();
  const profile = await stopProfiling(session);
  const file = join(job.profileDir, `${phase}-${job.size}.cpuprofile`);
  await writeFile(file, JSON.stringify(profile));
  const top = functionTimes(profile, job.root).slice(0, PROFILE_TOP);
  await say({ type: 'profile', phase, file, top });
  return message;
}

async function main(): Promise<void> {
  const job = await receiveJob<SizeJob>();

  // 1. Load, build and answer once, reading memory as a bot would use it.
  let start = performance.now();
  const loaded = await load(job.corpusPath);
  const firstLoadS = secondsSince(start);
  if ('refused' in loaded) {
    await say({ type: 'refused', message: loaded.refused });
    return;
  }
  const { papers } = loaded;
  fullGc();
  await say({
    type: 'loaded',
    loadS: firstLoadS,
    papers: papers.length,
    problems: loaded.problems.length,
    rssAfterLoadMB: rssMB(),
  });

  start = performance.now();
  let engine: Engine | undefined = createEngine(papers);
  const firstCreateS = secondsSince(start);
  const peakAfterBuildMB = peakRssMB();
  fullGc();
  await say({
    type: 'built',
    createS: firstCreateS,
    rssAfterBuildMB: rssMB(),
    heapAfterBuildMB: heapMB(),
    peakAfterBuildMB,
  });

  await say(await profiled('search', job, () => timeSearch(engine as Engine, job)));
  await say(await profiled('suggest', job, () => timeSuggest(engine as Engine, papers, job)));
  // The kernel's peak counter is synced lazily and can read a hair lower later: keep the larger.
  await say({ type: 'peak', peakMB: Math.max(peakAfterBuildMB, peakRssMB()) });

  // 2. The snapshot: saved (timed), written for the fresh starts, loaded back (timed, checked).
  const probes = job.claims.slice(0, SNAPSHOT_PROBES);
  const expected = probes.map((claim) => topIds(engine as Engine, claim));
  let bytes: Uint8Array = new Uint8Array(0);
  const save = await repeatWithin(job.repeat, job.phaseBudgetS, [], () => {
    bytes = (engine as Engine).toBytes();
  });
  await writeFile(job.snapshotPath, bytes);
  engine = undefined; // the loaded copy stands in for the original from here on
  fullGc();
  let restored: Engine | undefined;
  const loadSnapshot = await repeatWithin(job.repeat, job.phaseBudgetS, [], () => {
    restored = undefined;
    restored = loadEngine(bytes, papers);
  });
  const same = probes.filter((claim, i) => topIds(restored as Engine, claim) === expected[i]);
  await say({
    type: 'snapshot',
    bytes: bytes.length,
    save,
    load: loadSnapshot,
    sameTop10: `${same.length}/${probes.length}`,
  });
  restored = undefined;
  bytes = new Uint8Array(0);
  fullGc();

  // 3. The remaining runs of loading and building, for medians.
  const loads = await repeatWithin(job.repeat, job.phaseBudgetS, [firstLoadS], async () => {
    await loadCorpus(job.corpusPath);
  });
  const creates = await repeatWithin(job.repeat, job.phaseBudgetS, [firstCreateS], () => {
    createEngine(papers);
  });
  await say({ type: 'repeats', load: loads, create: creates });

  // 4. The stepwise build, pausing as a bot does between steps so heartbeats get through.
  let longestStepMs = 0;
  let steps = 0;
  const stepwise = await repeatWithin(job.repeat, job.phaseBudgetS, [], async () => {
    let last = performance.now();
    await buildEngine(papers, {
      pause: async () => {
        const now = performance.now();
        longestStepMs = Math.max(longestStepMs, now - last);
        steps++;
        await new Promise((resolve) => setImmediate(resolve));
        last = performance.now();
      },
    });
    longestStepMs = Math.max(longestStepMs, performance.now() - last);
  });
  await say({
    type: 'stepwise',
    build: stepwise,
    longestStepMs,
    steps: Math.round(steps / Math.max(1, stepwise.runs.length)),
  });
  await say({ type: 'done', peakMB: peakRssMB() });
}

main().then(
  () => process.exit(0),
  (error: unknown) => fail(error),
);
