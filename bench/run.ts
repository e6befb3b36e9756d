/**
 * `npm run bench`: Shammie's own figures at each corpus size (see `--help` and
 * docs/performance.md). Each size is measured in processes of its own; this process only
 * prepares corpora, hands out jobs, and prints the report.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BenchCorpus, ensureCorpus } from './bench-corpora.ts';
import { type BenchOptions, HELP_TEXT, parseBenchArgs } from './bench-options.ts';
import { measureSize } from './measure-size.ts';
import type { SizeJob } from './messages.ts';
import {
  checkTargets,
  sizeNotes,
  TABLE_HEADER,
  TARGET_SIZE,
  tableRow,
  targetLines,
  textTable,
} from './report.ts';
import type { ChildSettings } from './run-child.ts';
import { seededRandom, shuffled } from './seeded-order.ts';
import type { SizeResult } from './size-result.ts';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(BENCH_DIR, '..');

const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

/** The commit measured, and whether the core or the adapters had uncommitted changes. */
function projectVersion(): { commit?: string; dirty?: boolean } {
  const git = (args: string[]): string | undefined => {
    const out = spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' });
    return out.status === 0 ? out.stdout.trim() : undefined;
  };
  const commit = git(['rev-parse', '--short', 'HEAD']);
  const status = git(['status', '--porcelain', '--', 'src', 'adapters']);
  return commit === undefined ? {} : { commit, dirty: status !== undefined && status !== '' };
}

/** The SciFact train claims, in the seeded order every size times them in. */
async function orderedClaims(options: BenchOptions): Promise<string[]> {
  const file = join(options.dataDir, 'scifact', 'queries_train.jsonl');
  const text = await readFile(file, 'utf8');
  const claims: string[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const record = JSON.parse(line) as { text?: unknown; query?: unknown };
    const claim = String(record.text ?? record.query ?? '').trim();
    if (claim !== '') claims.push(claim);
  }
  return shuffled(claims, seededRandom(`shammie-bench-own:claims:${options.seed}`));
}

/** `npm run bench -- --growth …`: the growth scenario (bench/run-growth.ts), in a process of its own. */
function runGrowth(args: readonly string[]): number {
  const child = spawnSync(
    process.execPath,
    [
      '--expose-gc',
      '--max-old-space-size=4096',
      '--import',
      'tsx',
      join(BENCH_DIR, 'run-growth.ts'),
      ...args,
    ],
    { cwd: ROOT, stdio: 'inherit' },
  );
  return child.status ?? 1;
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  if (argv.includes('--growth')) return runGrowth(argv.filter((arg) => arg !== '--growth'));
  const parsed = parseBenchArgs(argv, ROOT, process.env);
  if (parsed.kind === 'help') {
    process.stdout.write(HELP_TEXT);
    return 0;
  }
  if (parsed.kind === 'error') {
    log(`bench: ${parsed.message}`);
    return 2;
  }
  const options = parsed.options;
  if (!existsSync(join(options.dataDir, 'scifact', 'queries_train.jsonl'))) {
    log(`bench: the SciFact claims are not in ${options.dataDir}/scifact (use --data DIR)`);
    return 2;
  }
  const order = await orderedClaims(options);
  const claims = order.slice(0, options.queries ?? order.length);
  let warmClaims = order.slice(claims.length, claims.length + options.warmup);
  const warmNote =
    warmClaims.length < options.warmup
      ? `the warm-up claims are the first ${options.warmup} timed ones (every claim is timed)`
      : undefined;
  if (warmClaims.length < options.warmup) warmClaims = order.slice(0, options.warmup);

  await mkdir(join(options.cacheDir, 'snapshots'), { recursive: true });
  if (options.cpuProfDir) await mkdir(options.cpuProfDir, { recursive: true });
  const settings: ChildSettings = {
    root: ROOT,
    heapMB: options.heapMB,
    timeoutS: options.timeoutS,
  };
  const version = projectVersion();
  log(
    `bench: ${version.commit ? `commit ${version.commit}${version.dirty ? ' with uncommitted changes in src or adapters' : ''}; ` : ''}sizes ${options.sizes.join(', ')}; ${claims.length} claims timed; repeat ${options.repeat}; load average ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')} on ${cpus().length} cores`,
  );

  const results: SizeResult[] = [];
  for (const size of options.sizes) {
    const tag = `[${size.toLocaleString('en-US')}]`;
    let corpus: BenchCorpus;
    try {
      corpus = await ensureCorpus(size, options);
    } catch (error) {
      log(`bench: ${error instanceof Error ? error.message : String(error)}`);
      return 2;
    }
    log(`${tag} corpus ${corpus.path} (${corpus.source})`);
    const job: Omit<SizeJob, 'corpusPath'> = {
      kind: 'size',
      size,
      root: ROOT,
      ...(options.cpuProfDir ? { profileDir: options.cpuProfDir } : {}),
      claims,
      warmClaims,
      warmup: options.warmup,
      titles: options.titles,
      seed: options.seed,
      repeat: options.repeat,
      phaseBudgetS: options.phaseBudgetS,
      snapshotPath: join(options.cacheDir, 'snapshots', `shammie-${size}.bin`),
    };
    const result = await measureSize(size, corpus, job, options, settings);
    if (warmNote) result.notes.push(warmNote);
    results.push(result);
  }

  const out: string[] = [];
  out.push(textTable(TABLE_HEADER, results.map(tableRow)));
  out.push('');
  for (const r of results) out.push(...sizeNotes(r));
  out.push('');
  const atTarget = results.find((r) => r.size === TARGET_SIZE);
  const targets = checkTargets(atTarget);
  if (atTarget) out.push(...targetLines(targets, TARGET_SIZE));
  else
    out.push(
      `targets are set at ${TARGET_SIZE.toLocaleString('en-US')} abstracts, not measured in this run`,
    );
  process.stdout.write(`${out.join('\n')}\n`);

  if (options.json) {
    const report = {
      settings: { ...options, claimsTimed: claims.length },
      project: version,
      machine: { node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model },
      sizes: results,
      targets: atTarget ? targets : undefined,
    };
    await writeFile(options.json, `${JSON.stringify(report, null, 2)}\n`);
    log(`bench: figures written to ${options.json}`);
  }
  return results.some((r) => r.failure) ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    log(`bench: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
