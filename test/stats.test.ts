import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { corpusStats, DEFAULT_TOP_AUTHORS } from '../src/stats.ts';
import type { Paper } from '../src/types.ts';

let nextId = 0;
const paper = (overrides: Partial<Paper> = {}): Paper => ({
  id: `p${nextId++}`,
  title: 'A Paper',
  abstract: 'About something.',
  authors: [],
  ...overrides,
});

describe('corpusStats', () => {
  it('counts papers and the range of years', () => {
    const stats = corpusStats([
      paper({ year: 2023 }),
      paper({ year: 2019 }),
      paper(),
      paper({ year: 2024 }),
    ]);
    expect(stats.papers).toBe(4);
    expect(stats.years).toEqual({ from: 2019, to: 2024 });
  });

  it('leaves out the years when no paper has one', () => {
    expect(corpusStats([paper(), paper()]).years).toBeUndefined();
  });

  it('lists the most frequent authors, most papers first, five by default', () => {
    const stats = corpusStats([
      paper({ authors: ['Omer Levy', 'Luke Zettlemoyer', 'Chunting Zhou'] }),
      paper({ authors: ['Omer Levy', 'Luke Zettlemoyer'] }),
      paper({ authors: ['Omer Levy', 'Xian Li', 'Ping Yu'] }),
      paper({ authors: ['Ana Ruiz', 'Bo Chen', 'Cy Dale'] }),
    ]);
    expect(DEFAULT_TOP_AUTHORS).toBe(5);
    expect(stats.topAuthors).toEqual([
      { name: 'Omer Levy', papers: 3 },
      { name: 'Luke Zettlemoyer', papers: 2 },
      { name: 'Ana Ruiz', papers: 1 },
      { name: 'Bo Chen', papers: 1 },
      { name: 'Chunting Zhou', papers: 1 },
    ]);
  });

  it('breaks ties alphabetically, ignoring case and accents', () => {
    const stats = corpusStats(
      [paper({ authors: ['zoë Adams', 'Émile Zola', 'Eve Young', 'adam Smith'] })],
      10,
    );
    expect(stats.topAuthors.map((a) => a.name)).toEqual([
      'adam Smith',
      'Émile Zola',
      'Eve Young',
      'zoë Adams',
    ]);
  });

  it('compares names after Unicode and case normalisation, showing the commonest spelling', () => {
    const composed = 'Jos\u00e9 P\u00e9rez';
    const decomposed = 'Jose\u0301 Pe\u0301rez';
    const stats = corpusStats([
      paper({ authors: [composed] }),
      paper({ authors: [decomposed] }),
      paper({ authors: ['JOSÉ  PÉREZ'] }),
      paper({ authors: [composed] }),
      paper({ authors: ['Ada Lovelace'] }),
    ]);
    expect(stats.topAuthors[0]).toEqual({ name: composed, papers: 4 });
    expect(stats.topAuthors).toHaveLength(2);
  });

  it('counts an author listed twice on one paper once', () => {
    const stats = corpusStats([paper({ authors: ['Omer Levy', 'omer levy'] })]);
    expect(stats.topAuthors).toEqual([{ name: 'Omer Levy', papers: 1 }]);
  });

  it('skips empty author names', () => {
    expect(corpusStats([paper({ authors: ['', '   '] })]).topAuthors).toEqual([]);
  });

  it('takes another number of top authors when asked, none for zero', () => {
    const papers = [paper({ authors: ['A One', 'B Two', 'C Three'] })];
    expect(corpusStats(papers, 2).topAuthors).toHaveLength(2);
    expect(corpusStats(papers, 0).topAuthors).toEqual([]);
  });

  it('lists each collection once, in alphabetical order', () => {
    const stats = corpusStats([
      paper({ collection: 'Shammie seed' }),
      paper({ collection: 'arxiv-2024.jsonl' }),
      paper({ collection: 'Shammie seed' }),
      paper(),
      paper({ collection: '  ' }),
    ]);
    expect(stats.collections).toEqual(['arxiv-2024.jsonl', 'Shammie seed']);
  });

  it('describes an empty corpus without failing', () => {
    expect(corpusStats([])).toEqual({ papers: 0, topAuthors: [], collections: [] });
  });

  it('orders authors by count, then name, and counts them right (property)', () => {
    const names = [
      'Ada Lovelace',
      'Alan Turing',
      'Grace Hopper',
      'Edsger Dijkstra',
      'Barbara Liskov',
    ];
    const corpusArb = fc.array(fc.subarray(names), { maxLength: 12 });
    fc.assert(
      fc.property(corpusArb, (authorLists) => {
        const stats = corpusStats(
          authorLists.map((authors) => paper({ authors })),
          names.length,
        );
        for (const { name, papers } of stats.topAuthors) {
          expect(papers).toBe(authorLists.filter((list) => list.includes(name)).length);
        }
        for (let i = 1; i < stats.topAuthors.length; i++) {
          const [a, b] = [stats.topAuthors[i - 1]!, stats.topAuthors[i]!];
          expect(a.papers > b.papers || (a.papers === b.papers && a.name < b.name)).toBe(true);
        }
        expect(stats.topAuthors).toHaveLength(new Set(authorLists.flat()).size);
      }),
    );
  });
});
