/**
 * `npm run bench:growth` (or `npm run bench -- --growth`): the engine growing at one corpus size
 * (see docs/performance.md). The last `--added` papers of the corpus are added one at a time
 * with `engine.add` to an engine built over the rest: how long until each is found by
 * `engine.search`, then search latency with all of them in the second segment against the
 * same corpus freshly built (each claim timed on both, alternately, so both see the same
 * machine), then a stepwise `engine.merge` and search after it.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createEngine, type Engine, loadCorpus, type SearchHit } from '../src/index.ts';
import { ensureCorpus } from './bench-corpora.ts';
import { fullGc, rssMB } from './memory.ts';
import { seededRandom, shuffled } from './seeded-order.ts';
import { type LatencySummary, summarizeLatencies } from './stats.ts';
import { secondsSince } from './timing.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const HELP = `npm run bench:growth -- [--size N] [--added N] [--sample N] [--queries N] [--warmup N]
(also: npm run bench -- --growth [the same options])

  --size N     corpus size (default 50000); the last --added papers are added after the build
  --added N    papers added one by one after the build (default 10000)
  --sample N   every N-th add is timed until a search finds it (default 10)
  --queries N  SciFact claims timed (default: all 809), after --warmup N untimed (default 50)
`;

/** Wall-clock and CPU milliseconds of one call (CPU time leaves out waiting for a busy machine). */
function timed<T>(call: () => T, wall: number[], cpu: number[]): T {
  const c = process.cpuUsage();
  const t = process.hrtime.bigint();
  const out = call();
  wall.push(Number(process.hrtime.bigint() - t) / 1e6);
  const used = process.cpuUsage(c);
  cpu.push((used.user + used.system) / 1000);
  return out;
}

const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};
const ms = (s: LatencySummary): string =>
  `${s.p50.toFixed(2)} / ${s.p95.toFixed(2)} / ${s.p99.toFixed(2)} ms (max ${s.max.toFixed(1)})`;
const load = (): string =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');

async function claims(dataDir: string): Promise<string[]> {
  const text = await readFile(join(dataDir, 'scifact', 'queries_train.jsonl'), 'utf8');
  const out = text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const record = JSON.parse(line) as { text?: unknown; query?: unknown };
      return String(record.text ?? record.query ?? '').trim();
    })
    .filter((claim) => claim !== '');
  return shuffled(out, seededRandom('shammie-bench-own:claims:42'));
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      size: { type: 'string' },
      added: { type: 'string' },
      sample: { type: 'string' },
      queries: { type: 'string' },
      warmup: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const size = Number(values.size ?? 50_000);
  const added = Number(values.added ?? 10_000);
  const sample = Number(values.sample ?? 10);
  const warmup = Number(values.warmup ?? 50);
  if (![size, added, sample, warmup].every(Number.isInteger) || added >= size || sample < 1) {
    log('bench:growth: sizes must be whole numbers, --added below --size');
    return 2;
  }
  const dataDir = resolve(ROOT, '..', 'shared', 'data');
  if (!existsSync(join(dataDir, 'scifact', 'queries_train.jsonl'))) {
    log(`bench:growth: the SciFact claims are not in ${dataDir}/scifact`);
    return 2;
  }
  const temp = process.env.TMPDIR || tmpdir();
  const corpus = await ensureCorpus(size, {
    cacheDir: join(temp, 'shammie-bench-own'),
    sharedCacheDir: process.env.SHAMMIE_BENCH_CACHE || join(temp, 'shammie-bench'),
    sharedBenchDir: resolve(ROOT, '..', 'shared', 'bench'),
    dataDir,
    seed: '42',
  });
  const order = await claims(dataDir);
  const claimsTimed = order.slice(0, values.queries ? Number(values.queries) : order.length);
  const warm = order.slice(0, warmup);
  log(
    `bench:growth: ${size} papers, ${added} added after the build; load average ${load()} on ${cpus().length} cores`,
  );

  const { papers } = await loadCorpus(corpus.path);
  const base = papers.slice(0, papers.length - added);
  const later = papers.slice(papers.length - added);

  let start = performance.now();
  const engine = createEngine(base);
  const buildS = secondsSince(start);
  log(`built over ${base.length} papers in ${buildS.toFixed(1)} s`);
  const top10 = (e: Engine, query: string): SearchHit[] => e.search(query, { limit: 10 }).hits;

  // Adds, one paper at a time; every `sample`-th is timed until a search by its title finds it.
  const addMs: number[] = [];
  const addCpu: number[] = [];
  const visibleMs: number[] = [];
  const visibleCpu: number[] = [];
  let missed = 0;
  for (let i = 0; i < later.length; i++) {
    const paper = later[i] as (typeof later)[number];
    if (i % sample !== 0) {
      timed(() => engine.add([paper]), addMs, addCpu);
      continue;
    }
    // Timed: the add and the first search after it (which computes the weights the add changed).
    timed(
      () => {
        engine.add([paper]);
        top10(engine, paper.title);
      },
      visibleMs,
      visibleCpu,
    );
    // Untimed: a search by its title finds it (deep, as titles repeat in the synthetic corpus).
    const hits = engine.search(paper.title, { limit: 1000 }).hits;
    if (!hits.some((hit) => hit.paper === paper)) missed++;
  }
  log(`added ${later.length}; load average ${load()}`);

  // Search with every added paper in the second segment, against the same corpus built afresh.
  start = performance.now();
  const fresh = createEngine(papers);
  const freshBuildS = secondsSince(start);
  const freshMs: number[] = [];
  const freshCpu: number[] = [];
  const growingMs: number[] = [];
  const growingCpu: number[] = [];
  for (const claim of warm) {
    top10(fresh, claim);
    top10(engine, claim);
  }
  let differ = 0;
  for (const claim of claimsTimed) {
    const a = timed(() => top10(fresh, claim), freshMs, freshCpu);
    const b = timed(() => top10(engine, claim), growingMs, growingCpu);
    // Same corpus, same order: the same papers in the same order, and the same scores.
    if (
      a.map((hit) => hit.paper.id).join() !== b.map((hit) => hit.paper.id).join() ||
      a.some((hit, i) => Math.abs(hit.score - (b[i]?.score ?? 0)) > 1e-9)
    )
      differ++;
  }
  log(`searched; load average ${load()}`);

  // The merge, in steps with the event loop running between them.
  let longest = 0;
  let last = performance.now();
  start = last;
  await engine.merge({
    pause: async () => {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      await new Promise(setImmediate);
      last = performance.now();
    },
  });
  longest = Math.max(longest, performance.now() - last);
  const mergeS = secondsSince(start);
  const mergedMs: number[] = [];
  for (const claim of warm) top10(engine, claim);
  const mergedCpu: number[] = [];
  for (const claim of claimsTimed) timed(() => top10(engine, claim), mergedMs, mergedCpu);
  fullGc();
  const ratio = (a: number[], b: number[], p: 'p50' | 'p99'): string =>
    `×${(summarizeLatencies(a)[p] / summarizeLatencies(b)[p]).toFixed(2)}`;
  const pair = (wall: number[], cpu: number[]): string =>
    `wall ${ms(summarizeLatencies(wall))}; CPU ${ms(summarizeLatencies(cpu))}`;
  const lines = [
    `corpus: ${corpus.path} (${corpus.source}); node ${process.version}; load average now ${load()}`,
    `build over ${base.length.toLocaleString('en-US')} papers: ${buildS.toFixed(1)} s; fresh build over all ${papers.length.toLocaleString('en-US')}: ${freshBuildS.toFixed(1)} s`,
    `add one paper (engine.add) p50 / p95 / p99: ${pair(addMs, addCpu)} over ${addMs.length}`,
    `add until a search by its title finds it: ${pair(visibleMs, visibleCpu)} over ${visibleMs.length} (${missed} not found)`,
    `search, freshly built: ${pair(freshMs, freshCpu)} over ${freshMs.length} claims`,
    `search, ${added.toLocaleString('en-US')} in the second segment: ${pair(growingMs, growingCpu)}; ${differ} claims ranked differently`,
    `  ratio to freshly built: wall p50 ${ratio(growingMs, freshMs, 'p50')} p99 ${ratio(growingMs, freshMs, 'p99')}; CPU p50 ${ratio(growingCpu, freshCpu, 'p50')} p99 ${ratio(growingCpu, freshCpu, 'p99')}`,
    `merge (stepwise): ${mergeS.toFixed(1)} s, longest stretch without a pause ${longest.toFixed(0)} ms`,
    `search after the merge: ${pair(mergedMs, mergedCpu)}`,
    `RSS with both engines: ${rssMB().toFixed(0)} MiB`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return differ > 0 || missed > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    log(`bench:growth: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 1;
  },
);
