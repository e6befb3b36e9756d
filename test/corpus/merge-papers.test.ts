import { describe, expect, it } from 'vitest';
import { abstractKey, mergePapers } from '../../src/corpus/merge-papers.ts';
import type { PaperRecord } from '../../src/corpus/paper-record.ts';

/** A record with sensible defaults; tests override what they are about. */
function record(overrides: Partial<PaperRecord>): PaperRecord {
  return { abstract: 'An abstract about something.', authors: [], file: 'a.jsonl', ...overrides };
}

describe('mergePapers', () => {
  it('merges entries with the same arXiv id, the richest field winning each time', () => {
    const { papers, problems } = mergePapers([
      record({ abstract: 'Short.', authors: ['A'], arxiv: '2305.11206', collection: 'seed' }),
      record({
        title: 'LIMA',
        abstract: 'A longer abstract of the same paper.',
        authors: ['A', 'B', 'C'],
        arxiv: '2305.11206',
        venue: 'NeurIPS 2023',
        file: 'b.bib',
      }),
      record({
        title: 'LIMA again',
        authors: ['A', 'B'],
        arxiv: '2305.11206',
        year: 2023,
        doi: '10.1/x',
      }),
    ]);
    expect(problems).toEqual([]);
    expect(papers).toEqual([
      {
        id: '2305.11206',
        title: 'LIMA',
        abstract: 'A longer abstract of the same paper.',
        authors: ['A', 'B', 'C'],
        year: 2023,
        venue: 'NeurIPS 2023',
        url: 'https://arxiv.org/abs/2305.11206',
        arxiv: '2305.11206',
        doi: '10.1/x',
        collection: 'seed',
      },
    ]);
  });

  it('merges entries with the same DOI', () => {
    const { papers } = mergePapers([
      record({ title: 'One', abstract: 'First wording.', doi: '10.1/x' }),
      record({ title: 'Two', abstract: 'Second, different wording.', doi: '10.1/x', year: 2020 }),
    ]);
    expect(papers).toHaveLength(1);
    expect(papers[0]).toMatchObject({
      id: '10.1/x',
      title: 'One',
      year: 2020,
      url: 'https://doi.org/10.1/x',
    });
  });

  it('merges entries whose abstracts differ only in case, punctuation and spacing', () => {
    const { papers } = mergePapers([
      record({ abstract: 'We introduce X -- a model!' }),
      record({ title: 'X: A Model', abstract: 'we  introduce X — a model.', authors: ['Ann'] }),
    ]);
    expect(papers).toHaveLength(1);
    expect(papers[0]).toMatchObject({ title: 'X: A Model', authors: ['Ann'] });
    expect(papers[0]!.titleDerived).toBeUndefined();
  });

  it('keeps apart entries that carry different ids of their own, even with the same abstract', () => {
    const { papers } = mergePapers([
      record({ inputId: 'r1', abstract: 'Same text.' }),
      record({ inputId: 'r2', abstract: 'Same text.' }),
      record({ abstract: 'Same text.', title: 'Joins the first' }),
    ]);
    expect(papers.map((paper) => paper.id)).toEqual(['r1', 'r2']);
    expect(papers[0]!.title).toBe('Joins the first');
  });

  it('merges entries that carry the same id and the same abstract', () => {
    const { papers } = mergePapers([
      record({ inputId: 'p', abstract: 'Same text.', file: 'a.jsonl' }),
      record({ inputId: 'p', abstract: 'Same text.', file: 'copy.jsonl', year: 2001 }),
    ]);
    expect(papers).toEqual([
      {
        id: 'p',
        title: 'Same text',
        abstract: 'Same text.',
        authors: [],
        titleDerived: true,
        year: 2001,
      },
    ]);
  });

  it('makes a taken id unique and says so', () => {
    const { papers, problems } = mergePapers([
      record({
        inputId: '1',
        abstract: 'First collection, document one.',
        file: 'a/corpus.jsonl',
        line: 1,
      }),
      record({
        inputId: '1',
        abstract: 'Second collection, document one.',
        file: 'b/corpus.jsonl',
        line: 1,
      }),
      record({ inputId: '1~2', abstract: 'Third.', file: 'c.jsonl' }),
    ]);
    expect(papers.map((paper) => paper.id)).toEqual(['1', '1~2', '1~2~2']);
    expect(problems[0]).toEqual({
      file: 'b/corpus.jsonl',
      line: 1,
      message: 'id "1" is already taken by another paper; this one is "1~2"',
    });
  });

  it('derives a title from the abstract when no entry has one', () => {
    const { papers } = mergePapers([
      record({ abstract: 'We introduce Megalodon, a neural architecture.' }),
    ]);
    expect(papers[0]).toMatchObject({ title: 'Megalodon', titleDerived: true });
  });

  it('gives papers without any id a stable 12-digit content hash', () => {
    const first = mergePapers([record({ abstract: 'Hash me, please.' })]).papers[0]!;
    const again = mergePapers([record({ abstract: 'hash  ME please', file: 'other.txt' })])
      .papers[0]!;
    expect(first.id).toMatch(/^[0-9a-f]{12}$/);
    expect(again.id).toBe(first.id);
    expect(mergePapers([record({ abstract: 'Another text.' })]).papers[0]!.id).not.toBe(first.id);
  });

  it('reports a paper no entry gives an abstract, and keeps the order of first appearance', () => {
    const { papers, problems } = mergePapers([
      record({ title: 'B', abstract: 'b.' }),
      record({ title: 'Title only', abstract: '', file: 'x.bib', line: 7 }),
      record({ title: 'A', abstract: 'a.' }),
    ]);
    expect(papers.map((paper) => paper.title)).toEqual(['B', 'A']);
    expect(problems).toEqual([
      {
        file: 'x.bib',
        line: 7,
        message: '"Title only" has no abstract (no other entry supplies one)',
      },
    ]);
  });

  it('lets a title-only entry enrich the paper that has the abstract', () => {
    const { papers, problems } = mergePapers([
      record({ abstract: 'The abstract.', arxiv: '2404.08801' }),
      record({ title: 'Megalodon', abstract: '', arxiv: '2404.08801', authors: ['Xuezhe Ma'] }),
    ]);
    expect(problems).toEqual([]);
    expect(papers[0]).toMatchObject({
      title: 'Megalodon',
      authors: ['Xuezhe Ma'],
      abstract: 'The abstract.',
    });
  });
});

describe('abstractKey', () => {
  it('ignores case, punctuation and spacing, but not words', () => {
    expect(abstractKey('Hello, World -- again!')).toBe(abstractKey('hello world — again'));
    expect(abstractKey('Héllo wörld')).toBe(abstractKey('HÉLLO WÖRLD'));
    expect(abstractKey('hello world')).not.toBe(abstractKey('hello word'));
  });
});
