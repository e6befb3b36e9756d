import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createGrowingIndex, type GrowingIndex } from '../../src/search/growing-index.ts';
import { buildIndex, type IndexedFields } from '../../src/search/inverted-index.ts';
import { rankableGrowing, rankableIndex, rankText } from '../../src/search/rank-text.ts';
import { createScorer, type ScoredDocs } from '../../src/search/scorer.ts';
import { paper, TINY } from './papers.fixture.ts';

/** Words that share stems, hyphenate, look like typos of each other, or are stopwords. */
const WORDS = [
  'model',
  'models',
  'modeling',
  'language',
  'context',
  'contexts',
  'long',
  'attention',
  'transformer',
  'transformers',
  'megalodon',
  'alignment',
  'aligning',
  'zero-shot',
  'pick-a-pic',
  'benchmark',
  'benchmarks',
  'efficient',
  'pretraining',
  'wing',
  'aerodynamic',
  'aerodynamics',
  'flow',
  'sequence',
  'token',
  '7b',
  'gpt4',
  'levy',
  'the',
  'of',
];
/** Query words: the corpus words plus typos, prefixes and words no paper holds. */
const QUERY_WORDS = [...WORDS, 'megalodn', 'transformr', 'aerodyn', 'contex', 'benchmarkz', 'zzzz'];

const words = (min: number, max: number) =>
  fc.array(fc.constantFrom(...WORDS), { minLength: min, maxLength: max }).map((w) => w.join(' '));

const arbitraryPaper: fc.Arbitrary<IndexedFields> = fc.record({
  title: words(0, 6),
  abstract: words(0, 30),
  authors: fc.array(fc.constantFrom('Omer Levy', 'Ada Lovelace', 'Xuezhe Ma', 'Levy'), {
    maxLength: 3,
  }),
});

type Step =
  | { kind: 'add'; papers: IndexedFields[] }
  | { kind: 'remove'; at: number }
  | { kind: 'merge' }
  | { kind: 'mergeStep' };

const arbitraryStep: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('add' as const),
      papers: fc.array(arbitraryPaper, { minLength: 1, maxLength: 3 }),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('remove' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'merge' as const }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'mergeStep' as const }) },
);

/** Applies steps to an index; `mergeStep` advances a merge that runs across later steps. */
function apply(
  index: GrowingIndex,
  steps: readonly Step[],
): Generator<number, void, void> | undefined {
  let running: Generator<number, void, void> | undefined;
  for (const step of steps) {
    if (step.kind === 'add') index.addPapers(step.papers);
    else if (step.kind === 'remove') {
      const live = [...index.liveDocs()];
      if (live.length > 0) index.removePapers([live[step.at % live.length] as number]);
    } else if (step.kind === 'merge') {
      if (!running) for (const _ of index.mergeSteps());
    } else {
      running ??= index.mergeSteps();
      if (running.next().done) running = undefined;
    }
  }
  return running;
}

/** The growing index next to an index built afresh over its live papers, in their order. */
function freshBeside(index: GrowingIndex) {
  const liveDocs = [...index.liveDocs()];
  const papers = liveDocs.map((doc) => index.document(doc) as IndexedFields);
  const fresh = buildIndex(papers);
  return { liveDocs, papers, fresh };
}

/** Scores by fresh document number, for comparing two scorings. */
function byFreshDoc(scored: ScoredDocs, toFresh: (doc: number) => number): Map<number, number> {
  const out = new Map<number, number>();
  for (let i = 0; i < scored.count; i++) {
    const doc = scored.docs[i] as number;
    out.set(toFresh(doc), scored.scores[doc] as number);
  }
  return out;
}

function expectSameAsFresh(index: GrowingIndex, queries: readonly string[]): void {
  const { liveDocs, papers, fresh } = freshBeside(index);
  const freshNumber = new Map(liveDocs.map((doc, i) => [doc, i]));
  const toFresh = (doc: number): number => freshNumber.get(doc) ?? -1;
  expect(index.liveCount).toBe(papers.length);

  // The lexicon: the same terms, frequencies and idf.
  fresh.terms.forEach((term, freshId) => {
    const id = index.lexicon.idOf(term);
    expect(id, term).toBeDefined();
    expect(index.lexicon.frequency(id as number)).toBe(
      (fresh.offsets[freshId + 1] ?? 0) - (fresh.offsets[freshId] ?? 0),
    );
    expect(index.lexicon.idf(id as number)).toBe(fresh.idf[freshId]);
  });
  const liveTerms = index.lexicon.terms.filter((t) => index.lexicon.idOf(t) !== undefined);
  expect(liveTerms.length).toBe(fresh.terms.length);

  // Every term's scores over every paper.
  const scorer = createScorer(fresh);
  fresh.terms.forEach((term, freshId) => {
    const id = index.lexicon.idOf(term) as number;
    const want = byFreshDoc(scorer.accumulate([{ term: freshId, weight: 1.5 }]), (d) => d);
    const got = byFreshDoc(index.accumulate([{ term: id, weight: 1.5 }]), toFresh);
    expect([...got.keys()].sort((a, b) => a - b)).toEqual([...want.keys()].sort((a, b) => a - b));
    for (const [doc, score] of want)
      expect(Math.abs((got.get(doc) ?? Number.NaN) - score)).toBeLessThanOrEqual(1e-9);
  });

  // Whole queries: terms, typo and prefix expansions, feedback, ranking and its ties.
  const growing = rankableGrowing(index);
  const built = rankableIndex(fresh, papers);
  for (const query of queries) {
    const want = rankText(built, query, 20).ranked;
    const got = rankText(growing, query, 20).ranked;
    expect(got.docs.map(toFresh), query).toEqual(want.docs);
    expect(got.total).toBe(want.total);
    got.scores.forEach((score, i) => {
      expect(Math.abs(score - (want.scores[i] as number))).toBeLessThanOrEqual(1e-9);
    });
  }
}

const arbitraryQuery = fc
  .array(fc.constantFrom(...QUERY_WORDS), { minLength: 1, maxLength: 7 })
  .map((w) => w.join(' '));

describe('a growing index', () => {
  it('scores and ranks every query as an index built afresh over its live papers, after any adds, removals and merges', () => {
    fc.assert(
      fc.property(
        fc.array(arbitraryPaper, { maxLength: 12 }),
        fc.array(arbitraryStep, { maxLength: 25 }),
        fc.array(arbitraryQuery, { minLength: 1, maxLength: 6 }),
        (initial, steps, queries) => {
          const index = createGrowingIndex(initial);
          const running = apply(index, steps);
          expectSameAsFresh(index, queries);
          if (running) {
            for (const _ of running);
            expectSameAsFresh(index, queries);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('finds an added paper at once, and a removed one no more', () => {
    const index = createGrowingIndex(TINY);
    const before = rankText(rankableGrowing(index), 'hovercraft', 10).ranked;
    expect(before.total).toBe(0);
    const [doc] = index.addPapers([paper({ id: 'hover', title: 'Hovercraft aerodynamics' })]);
    const after = rankText(rankableGrowing(index), 'hovercraft', 10).ranked;
    expect(after.docs).toEqual([doc]);
    index.removePapers([doc as number]);
    expect(rankText(rankableGrowing(index), 'hovercraft', 10).ranked.total).toBe(0);
    expect(index.lexicon.idOf('hovercraft')).toBeUndefined();
  });

  it('picks the same completions among equally frequent ones as a fresh build, whose terms are numbered differently', () => {
    // The first paper numbers abc4 first; once it is removed, a fresh build numbers abc3 first.
    const index = createGrowingIndex([
      paper({ id: 'gone', title: 'abc4', abstract: '' }),
      ...['abc3', 'abc2', 'abc1', 'abc4'].map((t) => paper({ id: t, title: t, abstract: '' })),
    ]);
    index.removePapers([0]);
    expectSameAsFresh(index, ['abc', 'abc9']);
    const found = rankText(rankableGrowing(index), 'abc', 10).ranked.docs;
    expect(found.map((doc) => index.document(doc)?.title).sort()).toEqual(['abc1', 'abc2', 'abc3']);
  });

  it('keeps exact frequencies of a term repeated beyond what a posting packs', () => {
    const index = createGrowingIndex([paper({ id: 'a', title: 'wing flow' })]);
    index.addPapers([paper({ id: 'b', title: Array(300).fill('wing').join(' ') })]);
    expectSameAsFresh(index, ['wing', 'flow wing']);
    for (const _ of index.mergeSteps());
    index.addPapers([paper({ id: 'c', title: 'wing' })]);
    expectSameAsFresh(index, ['wing', 'flow wing']);
  });

  it('keeps answering from the old segments while a merge runs, and swaps at once', async () => {
    const index = createGrowingIndex(TINY);
    index.addPapers([paper({ id: 'new', title: 'Unlimited wings' })]);
    expect(index.segments()).toMatchObject({ main: TINY.length, delta: 1 });
    let pauses = 0;
    const merged = index.merge({
      pause: async () => {
        pauses++;
        expect(index.segments().merging).toBe(true);
        // Work arriving in the middle of a merge is kept.
        if (pauses === 1) index.addPapers([paper({ id: 'during', title: 'Wings during a merge' })]);
      },
    });
    expect(index.merge()).toBe(merged);
    await merged;
    expect(pauses).toBeGreaterThan(0);
    expect(index.segments()).toMatchObject({ main: TINY.length + 1, delta: 1, merging: false });
    expectSameAsFresh(index, ['wings', 'unlimited context', 'merge']);
  });

  it('asks for a merge once the added papers reach a share of the merged ones', () => {
    const index = createGrowingIndex(TINY);
    expect(index.needsMerge()).toBe(false);
    index.addPapers(Array.from({ length: 2000 }, (_, i) => paper({ id: `p${i}` })));
    expect(index.needsMerge()).toBe(true);
    for (const _ of index.mergeSteps());
    expect(index.needsMerge()).toBe(false);
  });
});
