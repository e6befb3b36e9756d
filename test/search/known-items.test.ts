import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine, loadCorpus, type Paper } from '../../src/index.ts';
import { TEST_COLLECTIONS } from '../beside-the-clone.ts';

/**
 * Whoever types a paper's name, a title fragment, an acronym, a misspelling, a surname, its
 * arXiv id or URL gets that paper first — also among thousands of other abstracts. The
 * distractors are public test collections (SciFact, Cranfield, SciTLDR) in a data folder beside
 * the clone, as CI has; without it the suite says that it skipped.
 */

const KNOWN_ITEMS: Array<[query: string, arxiv: string]> = [
  ['LIMA', '2305.11206'],
  ['less is more for alignment', '2305.11206'],
  ['Megalodon', '2404.08801'],
  ['megalodn', '2404.08801'],
  ['unlimited context length pretraining', '2404.08801'],
  ['Transfusion', '2408.11039'],
  ['transfusoin', '2408.11039'],
  ['predict the next token and diffuse images', '2408.11039'],
  ['ZeroSCROLLS', '2305.14196'],
  ['zero scrolls', '2305.14196'],
  ['Pick-a-Pic', '2305.01569'],
  ['pickapic', '2305.01569'],
  ['PickScore', '2305.01569'],
  ['instruction backtranslation', '2308.06259'],
  ['Branch-Solve-Merge', '2310.15123'],
  ['BSM', '2310.15123'],
  ['Altogether alt-text captions', '2410.17251'],
  ['keep guessing inference scaling baselines', '2410.15466'],
  ['temporal structure language processing brain', '2310.07106'],
  ['Kirstain', '2305.01569'],
  ['Shaham', '2305.14196'],
  ['Yona', '2410.15466'],
  ['2305.11206', '2305.11206'],
  ['https://arxiv.org/abs/2404.08801', '2404.08801'],
  ['arxiv.org/pdf/2408.11039v1', '2408.11039'],
];

function firstArxiv(engine: Engine, query: string): string | undefined {
  return engine.search(query, { limit: 1 }).hits[0]?.paper.arxiv;
}

describe('known items in the bundled corpus', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = createEngine((await loadCorpus('corpus')).papers);
  });

  it.each(KNOWN_ITEMS)('“%s” finds arXiv %s first', (query, arxiv) => {
    expect(firstArxiv(engine, query)).toBe(arxiv);
  });

  it.each(KNOWN_ITEMS)('paper “%s” looks up arXiv %s', (query, arxiv) => {
    expect(engine.lookup(query)?.arxiv).toBe(arxiv);
  });
});

describe.skipIf(!TEST_COLLECTIONS.present)(
  TEST_COLLECTIONS.named('known items among thousands of distractors'),
  () => {
    let engine: Engine;
    beforeAll(async () => {
      const papers: Paper[] = [];
      for (const file of TEST_COLLECTIONS.paths) papers.push(...(await loadCorpus(file)).papers);
      papers.push(...(await loadCorpus('corpus')).papers);
      expect(papers.length).toBeGreaterThan(7000);
      engine = createEngine(papers);
    });

    it.each(KNOWN_ITEMS)('“%s” still finds arXiv %s first', (query, arxiv) => {
      expect(firstArxiv(engine, query)).toBe(arxiv);
    });
  },
);
