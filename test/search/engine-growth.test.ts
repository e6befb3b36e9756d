import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type BuiltEngine,
  createEngine,
  type Engine,
  isShammieError,
  loadEngine,
  type Paper,
} from '../../src/index.ts';
import { paper, TINY } from './papers.fixture.ts';

/**
 * The engine grown by adds, removals and merges answers every method exactly as an engine built
 * afresh over its live papers. (test/search/growing-index.test.ts checks the index alone; this
 * checks what the engine adds around it: pins, filters, look-up, names, lists and statistics.)
 */

/** Words that share stems, look like typos of each other, are coined names or stopwords. */
const WORDS = [
  'model',
  'models',
  'language',
  'context',
  'long',
  'attention',
  'transformer',
  'transformers',
  'megalodon',
  'alignment',
  'aligning',
  'zero-shot',
  'benchmark',
  'efficient',
  'wing',
  'aerodynamics',
  'flow',
  'sequence',
  'LIMA',
  'GPT4',
  'the',
  'of',
];
const QUERY_WORDS = [...WORDS, 'megalodn', 'transformr', 'aerodyn', 'benchmarkz', 'zzzz', 'lev'];
const AUTHORS = ['Omer Levy', 'Ada Lovelace', 'Xuezhe Ma', 'Ann Other', 'Levy'];

const words = (min: number, max: number) =>
  fc.array(fc.constantFrom(...WORDS), { minLength: min, maxLength: max }).map((w) => w.join(' '));

/** Papers drawn from few ids, arXiv ids and DOIs, so that adds meet papers already there. */
const arbitraryPaper: fc.Arbitrary<Paper> = fc
  .record({
    n: fc.nat(14),
    title: words(1, 6),
    head: fc.boolean(),
    abstract: words(0, 25),
    authors: fc.uniqueArray(fc.constantFrom(...AUTHORS), { maxLength: 3 }),
    year: fc.option(fc.integer({ min: 2019, max: 2024 }), { nil: undefined }),
    arxiv: fc.option(fc.constantFrom('2305.11206', '2404.08801', '2401.00001'), {
      nil: undefined,
    }),
    doi: fc.option(fc.constantFrom('10.1234/a', '10.1234/b'), { nil: undefined }),
  })
  .map(({ n, head, title, ...rest }) =>
    paper({ id: `p${n}`, title: head ? `Short${n % 3}: ${title}` : title, ...rest }),
  );

type Step =
  | { kind: 'add'; papers: Paper[] }
  | { kind: 'remove'; at: number }
  | { kind: 'removeUnknown' }
  | { kind: 'merge'; interleave: boolean };

const arbitraryStep: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('add' as const),
      papers: fc.array(arbitraryPaper, { minLength: 1, maxLength: 3 }),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('remove' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'removeUnknown' as const }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('merge' as const), interleave: fc.boolean() }),
  },
);

function applyChange(engine: Engine, step: Step): void {
  if (step.kind === 'add') engine.add(step.papers);
  else if (step.kind === 'remove') {
    const live = engine.papers;
    if (live.length > 0) engine.remove([(live[step.at % live.length] as Paper).id]);
  } else if (step.kind === 'removeUnknown') engine.remove(['no-such-paper']);
}

/** Applies the steps; an interleaved merge takes the next changes at its pauses. */
async function applySteps(engine: Engine, steps: readonly Step[]): Promise<void> {
  let at = 0;
  while (at < steps.length) {
    const step = steps[at++] as Step;
    if (step.kind !== 'merge') {
      applyChange(engine, step);
      continue;
    }
    await engine.merge({
      pause: async () => {
        const next = steps[at];
        if (step.interleave && next && next.kind !== 'merge') {
          applyChange(engine, next);
          at++;
        }
      },
    });
  }
}

const arbitraryQuery = fc.oneof(
  fc.array(fc.constantFrom(...QUERY_WORDS), { minLength: 1, maxLength: 7 }).map((w) => w.join(' ')),
  fc.tuple(words(1, 2), words(0, 2)).map(([phrase, rest]) => `"${phrase}" ${rest}`),
  fc
    .tuple(fc.constantFrom('author:levy', 'author:ma', 'year:2023', 'year:2020..2022'), words(0, 2))
    .map(([filter, rest]) => `${filter} ${rest}`),
  fc.constantFrom('2305.11206', 'doi:10.1234/a', 'https://arxiv.org/abs/2404.08801v2 megalodon'),
);

/** What a call gives, or the code and message of what it throws. */
function outcome<T>(call: () => T): T | { error: string } {
  try {
    return call();
  } catch (error) {
    if (!isShammieError(error)) throw error;
    return { error: `${error.code}: ${error.message}` };
  }
}

function expectSameSearch(grown: Engine, fresh: Engine, query: string): void {
  const got = outcome(() => grown.search(query, { limit: 20 }));
  const want = outcome(() => fresh.search(query, { limit: 20 }));
  if ('error' in want || 'error' in got) {
    expect(got, query).toEqual(want);
    return;
  }
  expect(got.total, query).toBe(want.total);
  expect(
    got.hits.map((h) => h.paper.id),
    query,
  ).toEqual(want.hits.map((h) => h.paper.id));
  got.hits.forEach((hit, i) => {
    expect(Math.abs(hit.score - (want.hits[i]?.score ?? Number.NaN)), query).toBeLessThanOrEqual(
      1e-9,
    );
  });
}

/** Every method of the grown engine against a fresh build over its live papers. */
function expectSameAsFresh(grown: Engine, queries: readonly string[]): void {
  const fresh = createEngine([...grown.papers]);
  const ids = (papers: readonly Paper[]) => papers.map((p) => p.id);
  expect(ids(grown.papers)).toEqual(ids(fresh.papers));
  expect(grown.stats()).toEqual(fresh.stats());
  for (const query of queries) {
    expectSameSearch(grown, fresh, query);
    expect(grown.lookup(query)?.id, query).toBe(fresh.lookup(query)?.id);
    expect(
      outcome(() => grown.resolve(query).id),
      query,
    ).toEqual(outcome(() => fresh.resolve(query).id));
    expect(ids(grown.suggest(query, 10)), query).toEqual(ids(fresh.suggest(query, 10)));
    const source = sequence([0.1, 0.7, 0.35]);
    const again = sequence([0.1, 0.7, 0.35]);
    expect(grown.random(source, query)?.id).toBe(fresh.random(again, query)?.id);
  }
  for (const p of grown.papers.slice(0, 4)) {
    expect(grown.lookup(p.id)?.id).toBe(fresh.lookup(p.id)?.id);
    expect(grown.lookup(p.title)?.id).toBe(fresh.lookup(p.title)?.id);
    const got = grown.similar(p.id, 5);
    const want = fresh.similar(p.id, 5);
    expect(got.map((h) => h.paper.id)).toEqual(want.map((h) => h.paper.id));
    got.forEach((hit, i) => {
      expect(Math.abs(hit.score - (want[i]?.score ?? Number.NaN))).toBeLessThanOrEqual(1e-9);
    });
  }
  for (const prefix of ['', 'sh', 'meg', 'levy', 'the']) {
    expect(ids(grown.suggest(prefix, 5)), prefix).toEqual(ids(fresh.suggest(prefix, 5)));
  }
  expect(grown.random(() => 0.5)?.id).toBe(fresh.random(() => 0.5)?.id);
  for (const date of ['2026-12-02', '2027-03-15']) {
    expect(outcome(() => grown.daily(date).id)).toEqual(outcome(() => fresh.daily(date).id));
  }
}

/** A random source that gives these numbers in turn. */
function sequence(values: readonly number[]): () => number {
  let i = 0;
  return () => values[i++ % values.length] ?? 0;
}

describe('an engine that grows', () => {
  it('answers every method as an engine built afresh over its live papers, after any adds, removals and merges, and after a snapshot', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(arbitraryPaper, { maxLength: 8 }),
        fc.array(arbitraryStep, { maxLength: 20 }),
        fc.array(arbitraryQuery, { minLength: 1, maxLength: 5 }),
        async (initial, steps, queries) => {
          const engine = createEngine(initial);
          await applySteps(engine, steps);
          expectSameAsFresh(engine, queries);
          const loaded = loadEngine(engine.toBytes(), engine.papers);
          for (const query of queries) expectSameSearch(loaded, engine, query);
          expectSameAsFresh(loaded, queries);
        },
      ),
      { numRuns: 120 },
    );
  });

  it('finds an added paper at once by every way in, and forgets a removed one at once', () => {
    const engine = createEngine(TINY);
    const hover = paper({
      id: 'hover',
      title: 'Hovercraft: Aerodynamics of Air Cushions',
      abstract: 'We study hovercraft skirts in a wind tunnel.',
      authors: ['Ada Lovelace'],
      year: 2025,
      arxiv: '2501.00001',
      doi: '10.1234/hover',
    });
    expect(engine.add([hover])).toEqual([hover]);
    expect(engine.search('hovercraft').hits[0]?.paper.id).toBe('hover');
    expect(engine.search('"wind tunnel"').hits.map((h) => h.paper.id)).toEqual(['hover']);
    expect(engine.search('2501.00001').hits[0]?.paper.id).toBe('hover');
    expect(engine.lookup('10.1234/hover')?.id).toBe('hover');
    expect(engine.lookup('Hovercraft')?.id).toBe('hover');
    expect(engine.suggest('hoverc')[0]?.id).toBe('hover');
    expect(engine.summarize('hover').paperId).toBe('hover');
    expect(engine.cite('hover')).toContain('Hovercraft');
    expect(engine.stats().papers).toBe(TINY.length + 1);
    expect(engine.papers.at(-1)).toBe(hover);

    expect(engine.remove(['hover'])).toBe(1);
    expect(engine.search('hovercraft').total).toBe(0);
    expect(engine.search('2501.00001').hits).toEqual([]);
    expect(engine.lookup('hover')).toBeUndefined();
    expect(engine.suggest('hoverc')).toEqual([]);
    expect(() => engine.summarize('hover')).toThrow();
    expect(engine.stats().papers).toBe(TINY.length);
    expect(engine.papers).not.toContain(hover);
    expect(engine.remove(['hover'])).toBe(0);
  });

  it('leaves out a paper whose id, arXiv id or DOI a live paper has, and takes it back once removed', () => {
    const engine = createEngine(TINY);
    const lima = TINY[1] as Paper;
    expect(engine.add([{ ...lima, title: 'Another LIMA' }])).toEqual([]);
    expect(engine.add([paper({ id: 'other', arxiv: lima.arxiv })])).toEqual([]);
    expect(engine.add([paper({ id: 'other', doi: lima.doi?.toUpperCase() })])).toEqual([]);
    const twice = paper({ id: 'new' });
    expect(engine.add([twice, { ...twice, title: 'Again' }])).toEqual([twice]);
    engine.remove([lima.id]);
    expect(engine.add([lima])).toEqual([lima]);
    expect(engine.lookup('2305.11206')).toBe(lima);
  });

  it('asks for a merge once enough was added, and answers alike while and after it runs', async () => {
    const engine = createEngine(TINY);
    expect(engine.needsMerge()).toBe(false);
    engine.add(Array.from({ length: 2000 }, (_, i) => paper({ id: `p${i}`, title: `Wing ${i}` })));
    expect(engine.needsMerge()).toBe(true);
    const before = engine.search('wing 1999').hits.map((h) => h.paper.id);
    let pauses = 0;
    const merged = engine.merge({
      pause: async () => {
        pauses++;
        expect(engine.search('wing 1999').hits.map((h) => h.paper.id)).toEqual(before);
      },
    });
    expect(engine.merge()).toBe(merged);
    await merged;
    expect(pauses).toBeGreaterThan(0);
    expect(engine.needsMerge()).toBe(false);
    expect(engine.search('wing 1999').hits.map((h) => h.paper.id)).toEqual(before);
    expect(engine.suggest('wing 1999')[0]?.id).toBe('p1999');
  });

  it('loads a snapshot of a grown engine with every score of the engine it was taken from', () => {
    const engine: BuiltEngine = createEngine(TINY);
    engine.add([
      paper({ id: 'hover', title: 'Hovercraft wings', abstract: 'Long context wings.' }),
    ]);
    engine.remove(['lima']);
    const fromBytes = loadEngine(engine.toBytes(), engine.papers);
    const fromJson = loadEngine(JSON.stringify(engine), engine.papers);
    for (const loaded of [fromBytes, fromJson]) {
      for (const query of ['long context', 'wings', 'alignment', 'author:levy']) {
        expectSameSearch(loaded, engine, query);
      }
      expect(loaded.lookup('lima')).toBeUndefined();
      expect(loaded.suggest('hover')[0]?.id).toBe('hover');
    }
  });

  it('picks among equally frequent completions as a fresh build does, after a removal and after a snapshot', () => {
    // The first paper numbers abc4 first; once it is removed, a fresh build numbers abc3 first.
    const engine = createEngine([
      paper({ id: 'gone', title: 'abc4', abstract: '' }),
      ...['abc3', 'abc2', 'abc1', 'abc4'].map((t) => paper({ id: t, title: t, abstract: '' })),
    ]);
    engine.remove(['gone']);
    const loaded = loadEngine(engine.toBytes(), engine.papers);
    const fresh = createEngine([...engine.papers]);
    const found = (e: Engine) => e.search('abc').hits.map((h) => h.paper.id);
    expect(found(fresh).sort()).toEqual(['abc1', 'abc2', 'abc3']);
    expect(found(engine)).toEqual(found(fresh));
    expect(found(loaded)).toEqual(found(fresh));
  });

  it('refuses a snapshot of another version, so that its owner builds the engine again', () => {
    const engine = createEngine(TINY);
    const bytes = Buffer.from(engine.toBytes());
    const header = bytes.indexOf('"version":5');
    expect(header).toBeGreaterThan(0);
    bytes.write('"version":4', header, 'latin1');
    expect(() => loadEngine(bytes, TINY)).toThrow(/version 4/);
    const json = { ...(engine.snapshot() as object), version: 4 };
    expect(() => loadEngine(json, TINY)).toThrow(/version 4/);
  });
});
