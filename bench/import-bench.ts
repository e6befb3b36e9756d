/**
 * `npm run bench:import`: bulk import through OAI-PMH (see docs/performance.md, "Bulk import").
 * A local fake (bench/import-oai-server.ts, its own process) serves --records generated arXiv
 * records in pages of --page with resumption tokens; this process harvests them with the real
 * client and stores them in a library in a temporary data directory, as `shammie import arxiv
 * --category` does, with arXiv's request spacing set to 0. It reports records per second, and
 * resident memory and heap at each quarter of the run (after a full GC) and at their peak
 * (sampled every 50 ms), which must not grow with the records. --profile adds where the CPU
 * time went, function by function.
 */
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { importArxivCategory } from '../adapters/library/import-arxiv.ts';
import { createLibraryStore } from '../adapters/library/library-store.ts';
import { openDatabase } from '../adapters/scheduler/database.ts';
import { createSources } from '../adapters/sources/create-sources.ts';
import { createHostQueue } from '../adapters/sources/host-queue.ts';
import { loadServiceConfig } from '../adapters/sources/service-config.ts';
import { functionTimes, startProfiling, stopProfiling } from './cpu-profile.ts';
import { fullGc, heapMB, peakRssMB, rssMB } from './memory.ts';
import { secondsSince } from './timing.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const HELP = `npm run bench:import -- [--records N] [--page N] [--profile]

  --records N  records the fake serves (default 100000)
  --page N     records a page (default 1000, as arXiv's OAI-PMH)
  --profile    also print the functions that took the most CPU time
`;
/** The import's target (issue 12): records harvested and stored per second. */
const TARGET_PER_S = 2_000;
const PROFILE_TOP = 15;

const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

/** The fake's process, and its endpoint once it listens. */
async function startFake(records: number, page: number) {
  const child = fork(join(ROOT, 'bench', 'import-oai-server.ts'), [], {
    cwd: ROOT,
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, RECORDS: String(records), PAGE: String(page) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const [message] = (await once(child, 'message')) as [{ port: number }];
  return { url: `http://127.0.0.1:${message.port}/oai`, stop: () => child.disconnect() };
}

interface Checkpoint {
  harvested: number;
  seconds: number;
  rssMB: number;
  heapMB: number;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      records: { type: 'string' },
      page: { type: 'string' },
      profile: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const records = Number(values.records ?? 100_000);
  const page = Number(values.page ?? 1_000);
  if (![records, page].every((n) => Number.isInteger(n) && n > 0)) {
    log('bench:import: --records and --page must be positive whole numbers');
    return 2;
  }
  log(
    `bench:import: ${records} records in pages of ${page}; load average ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')} on ${cpus().length} cores`,
  );
  const fake = await startFake(records, page);
  const dataDir = mkdtempSync(join(process.env.TMPDIR || tmpdir(), 'shammie-bench-import-'));
  const db = openDatabase(dataDir);
  const store = createLibraryStore(db);
  const sources = createSources(loadServiceConfig({ ARXIV_OAI_URL: fake.url }), {
    arxivSpacingMs: 0,
    queue: createHostQueue(),
  });

  fullGc();
  const before = { rssMB: rssMB(), heapMB: heapMB() };
  let peak = { rssMB: before.rssMB, heapMB: before.heapMB };
  const sampler = setInterval(() => {
    peak = { rssMB: Math.max(peak.rssMB, rssMB()), heapMB: Math.max(peak.heapMB, heapMB()) };
  }, 50);
  const quarters = [0.25, 0.5, 0.75, 1].map((q) => Math.round(records * q));
  const checkpoints: Checkpoint[] = [];
  const profiling = values.profile ? await startProfiling() : undefined;
  const cpu = process.cpuUsage();
  const start = performance.now();
  const report = await importArxivCategory({
    category: 'cs.CL',
    from: '2024-01-01',
    sources,
    store,
    now: Date.now,
    who: 'bench',
    where: { platform: 'cli' },
    onProgress: (progress) => {
      const next = quarters[checkpoints.length];
      if (next === undefined || progress.harvested < next) return;
      const seconds = secondsSince(start);
      fullGc();
      checkpoints.push({
        harvested: progress.harvested,
        seconds,
        rssMB: rssMB(),
        heapMB: heapMB(),
      });
    },
  });
  const seconds = secondsSince(start);
  const used = process.cpuUsage(cpu);
  clearInterval(sampler);
  const profile = profiling ? await stopProfiling(profiling) : undefined;
  fake.stop();
  const rows = db.prepare('SELECT COUNT(*) FROM library_papers').pluck().get() as number;
  db.close();
  rmSync(dataDir, { recursive: true, force: true });

  const rate = report.harvested / seconds;
  const cpuS = (used.user + used.system) / 1e6;
  const out = [
    `harvested ${report.harvested} records, added ${report.added} (${rows} rows) in ${seconds.toFixed(1)} s: ${Math.round(rate)} records/s (target ≥ ${TARGET_PER_S}) — ${rate >= TARGET_PER_S ? 'met' : 'NOT met'}`,
    `CPU of this process: ${cpuS.toFixed(1)} s, ${Math.round(report.harvested / cpuS)} records per CPU second (what a core of its own would allow, the waits for the fake left out)`,
    `memory before: RSS ${before.rssMB.toFixed(0)} MiB, heap ${before.heapMB.toFixed(0)} MiB`,
    ...checkpoints.map(
      (c) =>
        `  at ${String(c.harvested).padStart(7)} records (${c.seconds.toFixed(1).padStart(5)} s): RSS ${c.rssMB.toFixed(0)} MiB, heap ${c.heapMB.toFixed(0)} MiB (after a full GC)`,
    ),
    `peak during the run: RSS ${peak.rssMB.toFixed(0)} MiB, heap ${peak.heapMB.toFixed(0)} MiB (sampled every 50 ms); process peak RSS ${peakRssMB().toFixed(0)} MiB`,
  ];
  if (profile) {
    out.push('', `most CPU time (top ${PROFILE_TOP}, self / total ms):`);
    for (const f of functionTimes(profile, ROOT).slice(0, PROFILE_TOP)) {
      out.push(
        `  ${f.selfMs.toFixed(0).padStart(6)} / ${f.totalMs.toFixed(0).padStart(6)}  ${f.name || '(anonymous)'}  ${f.where}`,
      );
    }
  }
  process.stdout.write(`${out.join('\n')}\n`);
  return report.harvested === records && rows === records ? 0 : 1;
}

process.exitCode = await main();
