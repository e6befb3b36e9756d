/**
 * The command line of `npm run bench`: options, their defaults, and the help text. Parsing is
 * pure (argv and environment in, options or a friendly error out), so it is tested directly.
 */
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

/** Corpus sizes measured unless `--sizes` says otherwise. */
export const DEFAULT_SIZES: readonly number[] = [1000, 10_000, 100_000, 200_000];
/** Runs of each build and load phase, of which the median is reported. */
export const DEFAULT_REPEAT = 3;
/** Untimed queries (and untimed suggestions) before timing, so the JIT has warmed up. */
export const DEFAULT_WARMUP = 50;
/** Titles whose typed prefixes time the autocomplete (about 8 prefixes each). */
export const DEFAULT_TITLES = 200;
/** A phase is not repeated once its runs so far, plus one more, would pass this many seconds. */
export const DEFAULT_PHASE_BUDGET_S = 150;
/** Each measuring process is stopped after this many seconds. */
export const DEFAULT_TIMEOUT_S = 1800;
/** `--max-old-space-size` of each measuring process, as in the shared comparison harness. */
export const DEFAULT_HEAP_MB = 4096;
/** Seed of the synthetic corpora (the shared harness's default, so its cached files are reused). */
export const DEFAULT_SEED = '42';
/** Largest corpus the synthetic generator is asked for. */
export const MAX_SIZE = 2_000_000;

/** Everything a benchmark run needs to know. */
export interface BenchOptions {
  sizes: number[];
  /** Claims timed at each size; undefined means every claim. */
  queries?: number;
  repeat: number;
  warmup: number;
  titles: number;
  phaseBudgetS: number;
  timeoutS: number;
  heapMB: number;
  seed: string;
  /** Where generated corpora and snapshots go. */
  cacheDir: string;
  /** The shared harness's cache, whose corpora are reused when present. */
  sharedCacheDir: string;
  /** The shared data (SciFact, Cranfield, SciTLDR). */
  dataDir: string;
  /** The shared harness's folder (its corpus generator is imported from there). */
  sharedBenchDir: string;
  json?: string;
  /** Where the measuring processes write V8 CPU profiles, when asked. */
  cpuProfDir?: string;
}

/** The outcome of parsing: options, a request for help, or a message naming what is wrong. */
export type ParsedBenchArgs =
  | { kind: 'run'; options: BenchOptions }
  | { kind: 'help' }
  | { kind: 'error'; message: string };

/** What `--help` prints. */
export const HELP_TEXT = `npm run bench -- [options]

Shammie's own figures at each corpus size: corpus load, index build (createEngine and the
stepwise buildEngine), snapshot save/size/load, search p50/p95/p99 at top 10 with the SciFact
train claims as queries, autocomplete p50/p99 over typed title prefixes, start to first answer
from a snapshot, and RSS (corpus included). Each size runs in processes of its own.

Options:
  --sizes LIST        corpus sizes (default ${DEFAULT_SIZES.join(',')})
  --queries N         time only the first N claims of the seeded order (default: all 809)
  --repeat N          runs of each build/load phase and of the fresh start; medians reported (default ${DEFAULT_REPEAT})
  --warmup N          untimed queries and suggestions before timing (default ${DEFAULT_WARMUP})
  --titles N          titles whose typed prefixes time the autocomplete (default ${DEFAULT_TITLES})
  --phase-budget S    stop repeating a phase past S seconds of it (default ${DEFAULT_PHASE_BUDGET_S})
  --timeout S         stop a measuring process after S seconds (default ${DEFAULT_TIMEOUT_S})
  --heap MB           --max-old-space-size of the measuring processes (default ${DEFAULT_HEAP_MB})
  --seed S            seed of the synthetic corpora and of the query order (default ${DEFAULT_SEED})
  --json FILE         also write every figure and the run's settings to FILE
  --growth            the growing engine instead: adds, search beside a fresh build, merge
                      (options --size, --added, --sample, --queries, --warmup; see
                      npm run bench:growth -- --help)
  --cpu-prof DIR      profile the timed search and autocomplete phases and the first fresh
                      start of each kind into DIR, and list their busiest functions
                      (profiling slows what it profiles: take timings from a run without it)
  --cache DIR         generated corpora and snapshots (default \${TMPDIR:-/tmp}/shammie-bench-own)
  --shared-cache DIR  the comparison harness's cache, reused when it holds a corpus
                      (default $SHAMMIE_BENCH_CACHE, else \${TMPDIR:-/tmp}/shammie-bench)
  --data DIR          the shared data (default ../shared/data beside the project)
  --help              this text

Nothing is written into the project. Timings are wall-clock: run it on a quiet machine and
read the load average printed with each size.
`;

/** Parses `npm run bench` arguments; `root` is the project folder, `env` the environment. */
export function parseBenchArgs(
  argv: readonly string[],
  root: string,
  env: Readonly<Record<string, string | undefined>>,
): ParsedBenchArgs {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        sizes: { type: 'string' },
        queries: { type: 'string' },
        repeat: { type: 'string' },
        warmup: { type: 'string' },
        titles: { type: 'string' },
        'phase-budget': { type: 'string' },
        timeout: { type: 'string' },
        heap: { type: 'string' },
        seed: { type: 'string' },
        json: { type: 'string' },
        'cpu-prof': { type: 'string' },
        cache: { type: 'string' },
        'shared-cache': { type: 'string' },
        data: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    return { kind: 'error', message: `${firstLine(error)} (see --help)` };
  }
  if (values.help) return { kind: 'help' };
  const str = (name: string): string | undefined => {
    const v = values[name];
    return typeof v === 'string' ? v : undefined;
  };
  const problems: string[] = [];
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = str(name);
    if (raw === undefined) return fallback;
    const n = wholeNumber(raw);
    if (n === undefined || n < min || n > max) {
      problems.push(`--${name} wants a whole number from ${min} to ${max}, not “${raw}”`);
      return fallback;
    }
    return n;
  };

  let sizes = [...DEFAULT_SIZES];
  const sizesRaw = str('sizes');
  if (sizesRaw !== undefined) {
    const parsed = parseSizes(sizesRaw);
    if (typeof parsed === 'string') problems.push(parsed);
    else sizes = parsed;
  }
  const queriesRaw = str('queries');
  const queries = queriesRaw === undefined ? undefined : int('queries', 0, 1, 100_000);
  const temp = env.TMPDIR && env.TMPDIR !== '' ? env.TMPDIR : tmpdir();
  const options: BenchOptions = {
    sizes,
    repeat: int('repeat', DEFAULT_REPEAT, 1, 50),
    warmup: int('warmup', DEFAULT_WARMUP, 0, 10_000),
    titles: int('titles', DEFAULT_TITLES, 1, 100_000),
    phaseBudgetS: int('phase-budget', DEFAULT_PHASE_BUDGET_S, 1, 86_400),
    timeoutS: int('timeout', DEFAULT_TIMEOUT_S, 10, 86_400),
    heapMB: int('heap', DEFAULT_HEAP_MB, 256, 65_536),
    seed: str('seed') ?? DEFAULT_SEED,
    cacheDir: resolve(root, str('cache') ?? join(temp, 'shammie-bench-own')),
    sharedCacheDir: resolve(
      root,
      str('shared-cache') ?? (env.SHAMMIE_BENCH_CACHE || join(temp, 'shammie-bench')),
    ),
    dataDir: resolve(root, str('data') ?? join('..', 'shared', 'data')),
    sharedBenchDir: resolve(root, '..', 'shared', 'bench'),
  };
  if (queries !== undefined) options.queries = queries;
  const json = str('json');
  if (json !== undefined) options.json = resolve(root, json);
  const cpuProf = str('cpu-prof');
  if (cpuProf !== undefined) options.cpuProfDir = resolve(root, cpuProf);
  if (options.seed.trim() === '') problems.push('--seed wants a non-empty value');
  if (problems.length > 0) return { kind: 'error', message: problems.join('; ') };
  return { kind: 'run', options };
}

/** Sizes from "1000,10k,200000": positive whole numbers (k = thousand), duplicates dropped. */
export function parseSizes(text: string): number[] | string {
  const sizes: number[] = [];
  for (const part of text.split(',')) {
    const t = part.trim().toLowerCase();
    if (t === '') continue;
    const n = t.endsWith('k') ? scaled(t.slice(0, -1), 1000) : wholeNumber(t.replaceAll('_', ''));
    if (n === undefined || n < 1 || n > MAX_SIZE) {
      return `--sizes wants corpus sizes from 1 to ${MAX_SIZE} separated by commas, not “${part.trim()}”`;
    }
    if (!sizes.includes(n)) sizes.push(n);
  }
  if (sizes.length === 0) return '--sizes wants at least one corpus size, e.g. 1000,10000';
  return sizes;
}

function scaled(text: string, factor: number): number | undefined {
  if (!/^\d+(\.\d+)?$/.test(text)) return undefined;
  const n = Number(text) * factor;
  return Number.isInteger(n) ? n : undefined;
}

function wholeNumber(text: string): number | undefined {
  return /^\d+$/.test(text.trim()) ? Number(text.trim()) : undefined;
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}
