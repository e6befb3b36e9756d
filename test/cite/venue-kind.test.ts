import { describe, expect, it } from 'vitest';
import { publicationOf } from '../../src/cite/venue-kind.ts';
import type { Paper } from '../../src/types.ts';

const paper = (overrides: Partial<Paper> = {}): Paper => ({
  id: 'p1',
  title: 'A Paper',
  abstract: '',
  authors: ['Ada Lovelace'],
  ...overrides,
});

describe('publicationOf', () => {
  it('cites a published paper by the year its venue names, not its arXiv year', () => {
    const transfusion = paper({ venue: 'ICLR 2025', year: 2024, arxiv: '2408.11039' });
    expect(publicationOf(transfusion)).toEqual({
      kind: 'conference',
      container: 'ICLR 2025',
      arxiv: '2408.11039',
      year: 2025,
    });
    expect(publicationOf(paper({ venue: "NeurIPS '23", year: 2022 })).year).toBe(2023);
    expect(publicationOf(paper({ venue: 'Findings of EMNLP 2023', year: 2023 })).year).toBe(2023);
  });

  it("keeps the paper's own year when the venue names none, or several, or is a preprint server", () => {
    expect(publicationOf(paper({ venue: 'Nature', year: 2021 })).year).toBe(2021);
    expect(publicationOf(paper({ venue: 'ACL 2019 and 2020 joint', year: 2020 })).year).toBe(2020);
    expect(publicationOf(paper({ venue: 'arXiv 2025', year: 2024 })).year).toBe(2024);
    expect(publicationOf(paper({ venue: 'Volume 12345 Proceedings' })).year).toBeUndefined();
  });

  it('treats a paper with only an arXiv id as an arXiv preprint', () => {
    expect(publicationOf(paper({ arxiv: '2305.11206' }))).toEqual({
      kind: 'preprint',
      container: 'arXiv',
      arxiv: '2305.11206',
    });
  });

  it('finds the arXiv id in an arXiv URL when the field is missing', () => {
    expect(publicationOf(paper({ url: 'https://arxiv.org/pdf/2305.11206v2' })).arxiv).toBe(
      '2305.11206',
    );
  });

  it('reads arXiv and CoRR venues as arXiv preprints', () => {
    expect(publicationOf(paper({ venue: 'arXiv preprint arXiv:2305.11206' })).container).toBe(
      'arXiv',
    );
    expect(publicationOf(paper({ venue: 'CoRR' })).kind).toBe('preprint');
  });

  it('names other preprint servers', () => {
    expect(publicationOf(paper({ venue: 'bioRxiv' }))).toEqual({
      kind: 'preprint',
      container: 'bioRxiv',
    });
  });

  it.each([
    'NeurIPS 2023',
    'Findings of EMNLP 2023',
    'Proceedings of the 61st Annual Meeting of the ACL',
    'ICML Workshop on Efficient Systems',
    "FOOCONF '24",
  ])('takes %s for a conference', (venue) => {
    expect(publicationOf(paper({ venue })).kind).toBe('conference');
  });

  it.each([
    'Nature Human Behaviour',
    'Transactions of the Association for Computational Linguistics',
    'Proceedings of the National Academy of Sciences',
    'Journal of Machine Learning Research',
    'Some Unknown Periodical',
  ])('takes %s for a journal', (venue) => {
    expect(publicationOf(paper({ venue })).kind).toBe('journal');
  });

  it('calls a paper with neither venue nor arXiv id unpublished', () => {
    expect(publicationOf(paper())).toEqual({ kind: 'unpublished' });
  });
});
