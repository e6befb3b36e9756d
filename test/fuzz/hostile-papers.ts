/**
 * Hostile corpora for the engine: every text field of a paper hostile, ids that look like other
 * papers' arXiv ids or DOIs, years far out of range, empty abstracts, and a few ordinary papers
 * so searches also find something.
 */
import fc from 'fast-check';
import type { Paper } from '../../src/index.ts';
import { hostileShort, hostileString, MALFORMED_ID_PIECES } from './hostile-strings.ts';

/** Papers a hostile corpus always mixes in, so "long context" finds hits and pages exist. */
export const ORDINARY_PAPERS: readonly Paper[] = [
  {
    id: '2404.08801',
    arxiv: '2404.08801',
    url: 'https://arxiv.org/abs/2404.08801',
    title: 'Megalodon: Efficient Long Context Pretraining',
    abstract:
      'The quadratic cost of attention limits long context modelling. We introduce Megalodon for unlimited context length. It reaches lower loss than a Transformer baseline.',
    authors: ['Xuezhe Ma', 'Omer Levy'],
    year: 2024,
  },
  {
    id: '2307.03172',
    arxiv: '2307.03172',
    title: 'Lost in the Middle: How Language Models Use Long Contexts',
    abstract:
      'We analyse how language models use long input contexts. Performance degrades when relevant information sits in the middle of long contexts.',
    authors: ['Nelson F. Liu'],
    year: 2023,
    venue: 'TACL',
    doi: '10.1162/tacl_a_00638',
  },
];

const year = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 1900, max: 2100 }) },
  { weight: 1, arbitrary: fc.integer({ min: -100_000, max: 100_000 }) },
  { weight: 1, arbitrary: fc.constantFrom(0, -1, 9999, 10_000, Number.MAX_SAFE_INTEGER) },
);

const idLike = fc.oneof(
  fc.constantFrom(...MALFORMED_ID_PIECES, '2404.08801', '10.1162/tacl_a_00638', ''),
  hostileShort,
  fc.string({ minLength: 1, maxLength: 20 }),
);

/** One hostile paper with id `paper-<i>` (unique) unless `id` says otherwise. */
export function hostilePaper(i: number, id?: fc.Arbitrary<string>): fc.Arbitrary<Paper> {
  return fc.record(
    {
      id: id ?? fc.constant(`paper-${i}`),
      title: fc.oneof(hostileString, fc.constant('Long context attention')),
      abstract: fc.oneof(
        hostileString,
        fc.constant('We study long context attention. It works well. Results improve.'),
        fc.constant(''),
      ),
      authors: fc.array(hostileShort, { maxLength: 8 }),
      year,
      venue: hostileShort,
      url: fc.oneof(hostileShort, fc.webUrl(), fc.constant(`https://x.org/${'a'.repeat(5000)}`)),
      arxiv: idLike,
      doi: idLike,
      collection: hostileShort,
      titleDerived: fc.boolean(),
    },
    { requiredKeys: ['id', 'title', 'abstract', 'authors'] },
  ) as fc.Arbitrary<Paper>;
}

/** A corpus of 1–`max` hostile papers with unique ids, plus the ordinary ones. */
export function hostileCorpus(max = 6): fc.Arbitrary<Paper[]> {
  return fc
    .integer({ min: 1, max })
    .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => hostilePaper(i))))
    .map((papers) => [...papers, ...ORDINARY_PAPERS]);
}
