import { describe, expect, it } from 'vitest';
import { DEFAULT_SIZES, parseBenchArgs, parseSizes } from '../../bench/bench-options.ts';
import { checkTargets, millis, textTable } from '../../bench/report.ts';
import { seededRandom, shuffled } from '../../bench/seeded-order.ts';
import type { SizeResult } from '../../bench/size-result.ts';
import { median, percentile, summarizeLatencies } from '../../bench/stats.ts';
import { repeatWithin } from '../../bench/timing.ts';
import { prefixesOf, typedPrefixes } from '../../bench/typed-prefixes.ts';

const ROOT = '/project';
const ENV = { TMPDIR: '/scratch' };

describe('percentile', () => {
  const hundred = Array.from({ length: 100 }, (_, i) => i + 1);

  it('takes the nearest rank: the smallest value with p % of the values at or below it', () => {
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 95)).toBe(95);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile([10, 20, 30], 50)).toBe(20);
    expect(percentile([10, 20, 30, 40], 50)).toBe(20);
  });

  it('makes p99 the slowest of 100 or fewer values, and p0 the fastest', () => {
    expect(percentile([1, 2, 3, 4, 5], 99)).toBe(5);
    expect(percentile([1, 2, 3], 0)).toBe(1);
  });

  it('is NaN without values', () => {
    expect(percentile([], 50)).toBeNaN();
    expect(median([])).toBeNaN();
  });

  it('summarises latencies in any order', () => {
    const s = summarizeLatencies([5, 1, 4, 2, 3]);
    expect(s).toEqual({ n: 5, mean: 3, p50: 3, p95: 5, p99: 5, max: 5 });
  });

  it('takes the middle of repeated runs as their median', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe('parseBenchArgs', () => {
  it('measures all four sizes by default, with caches under TMPDIR and data beside the project', () => {
    const parsed = parseBenchArgs([], ROOT, ENV);
    expect(parsed.kind).toBe('run');
    if (parsed.kind !== 'run') return;
    expect(parsed.options.sizes).toEqual([...DEFAULT_SIZES]);
    expect(parsed.options.queries).toBeUndefined();
    expect(parsed.options.cacheDir).toBe('/scratch/shammie-bench-own');
    expect(parsed.options.sharedCacheDir).toBe('/scratch/shammie-bench');
    expect(parsed.options.dataDir).toBe('/shared/data');
  });

  it('reads sizes, queries, repeat and the JSON file', () => {
    const parsed = parseBenchArgs(
      ['--sizes', '1000,10k', '--queries', '20', '--repeat', '1', '--json', 'out.json'],
      ROOT,
      ENV,
    );
    expect(parsed).toMatchObject({
      kind: 'run',
      options: { sizes: [1000, 10_000], queries: 20, repeat: 1, json: '/project/out.json' },
    });
  });

  it('prefers the shared cache named in SHAMMIE_BENCH_CACHE', () => {
    const parsed = parseBenchArgs([], ROOT, { SHAMMIE_BENCH_CACHE: '/cache' });
    expect(parsed.kind === 'run' && parsed.options.sharedCacheDir).toBe('/cache');
  });

  it('asks for help', () => {
    expect(parseBenchArgs(['--help'], ROOT, ENV)).toEqual({ kind: 'help' });
  });

  it('names every bad value at once', () => {
    const parsed = parseBenchArgs(['--repeat', 'two', '--queries', '0'], ROOT, ENV);
    expect(parsed.kind).toBe('error');
    if (parsed.kind !== 'error') return;
    expect(parsed.message).toContain('--repeat');
    expect(parsed.message).toContain('--queries');
  });

  it('refuses unknown options and stray words with a pointer to --help', () => {
    for (const argv of [['--size', '10'], ['fast']]) {
      const parsed = parseBenchArgs(argv, ROOT, ENV);
      expect(parsed.kind).toBe('error');
      if (parsed.kind === 'error') expect(parsed.message).toMatch(/--help/);
    }
  });

  it('reads sizes with k for thousands and drops repeats', () => {
    expect(parseSizes('1k, 200000,1k')).toEqual([1000, 200_000]);
    expect(parseSizes('1.5k')).toEqual([1500]);
    expect(parseSizes('0')).toMatch(/--sizes/);
    expect(parseSizes('ten')).toMatch(/--sizes/);
    expect(parseSizes(',')).toMatch(/at least one/);
  });
});

describe('typed prefixes', () => {
  it('types 1, 2, 3, 5 and 8 characters, then one, two and three whole words', () => {
    expect(prefixesOf('Deep  residual learning for image recognition').map((p) => p.text)).toEqual([
      'D',
      'De',
      'Dee',
      'Deep',
      'Deep res',
      'Deep residual',
      'Deep residual learning',
    ]);
  });

  it('leaves out repeats and blanks of a short title', () => {
    expect(prefixesOf('A b').map((p) => p.text)).toEqual(['A', 'A b']);
    expect(prefixesOf('   ')).toEqual([]);
  });

  it('draws the same prefixes from the same seed, and other ones from another seed', () => {
    const titles = Array.from({ length: 50 }, (_, i) => `Title number ${i} of the corpus`);
    const a = typedPrefixes(titles, 10, seededRandom('1'));
    const b = typedPrefixes(titles, 10, seededRandom('1'));
    const c = typedPrefixes(titles, 10, seededRandom('2'));
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    // Ten different titles were drawn: ten different three-word prefixes.
    const threeWords = a.filter((p) => p.kind === 'words' && p.text.split(' ').length === 3);
    expect(new Set(threeWords.map((p) => p.text)).size).toBe(10);
  });

  it('shuffles without losing or adding items', () => {
    const items = Array.from({ length: 100 }, (_, i) => i);
    const out = shuffled(items, seededRandom('x'));
    expect(out).not.toEqual(items);
    expect([...out].sort((x, y) => x - y)).toEqual(items);
  });
});

describe('repeatWithin', () => {
  it('counts runs already done and stops once another run would pass the budget', async () => {
    let calls = 0;
    const timing = await repeatWithin(3, 10, [8], () => {
      calls++;
    });
    // 8 s done, a second run expected to take 8 s more would pass 10 s.
    expect(calls).toBe(0);
    expect(timing.runs).toEqual([8]);
    expect(timing.median).toBe(8);
  });

  it('runs up to the wanted count when there is time', async () => {
    let calls = 0;
    const timing = await repeatWithin(3, 100, [], () => {
      calls++;
    });
    expect(calls).toBe(3);
    expect(timing.runs).toHaveLength(3);
  });
});

describe('report', () => {
  const result = (overrides: Partial<SizeResult['phases']>): SizeResult => ({
    size: 200_000,
    corpus: { path: 'c.jsonl', docs: 200_000, bytes: 1, sha256: '', source: 'cached' },
    loadedPath: 'c.jsonl',
    loadAvg: { before: [1, 1, 1], after: [1, 1, 1] },
    phases: overrides,
    profiles: [],
    notes: [],
  });
  const latency = (p50: number, p99: number) => ({ n: 9, mean: p50, p50, p95: p99, p99, max: p99 });

  it('says which targets are met, missed, or not measured', () => {
    const checks = checkTargets(
      result({
        search: {
          type: 'search',
          latency: latency(12, 140),
          warmed: 0,
          empty: 0,
          errors: 0,
          slowest: [],
        },
      }),
    );
    const byName = Object.fromEntries(checks.map((c) => [c.name, c.met]));
    expect(byName['search p50 (top 10)']).toBe(true);
    expect(byName['search p99 (top 10)']).toBe(false);
    expect(byName['autocomplete p99']).toBeUndefined();
  });

  it('aligns columns and shows missing figures as a dash', () => {
    expect(
      textTable(
        ['a', 'bb'],
        [
          ['1', '22'],
          ['333', '4'],
        ],
      ),
    ).toBe('  a  bb\n  1  22\n333   4');
    expect(millis(undefined)).toBe('—');
    expect(millis(1234.4)).toBe('1,234');
  });
});
