import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cleanLatex } from '../../src/corpus/latex-clean.ts';
import { loadCorpus } from '../../src/corpus/load-corpus.ts';
import { SEED } from '../beside-the-clone.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const [metadataPath, seedTextPath] = SEED.paths as [string, string];

interface Metadata {
  title: string;
  authors: string[];
  year: number;
  arxiv: string;
  venue: string | null;
  url: string;
}

describe('the bundled corpus', () => {
  it('loads ten papers from corpus/ without problems, all of the "Shammie" collection', async () => {
    const { papers, problems } = await loadCorpus(`${root}corpus`);
    expect(problems).toEqual([]);
    expect(papers).toHaveLength(10);
    for (const paper of papers) {
      expect(paper.collection).toBe('Shammie');
      expect(paper.titleDerived).toBeUndefined();
      expect(paper.id).toBe(paper.arxiv);
      expect(paper.url).toBe(`https://arxiv.org/abs/${paper.arxiv}`);
    }
  });

  // The seed lives beside the clone; when it is absent (a fresh clone), only the shipped file is checked.
  it.skipIf(!SEED.present)(
    SEED.named('shows the verified title, authors, year, venue and arXiv id of every seed paper'),
    async () => {
      const metadata = JSON.parse(readFileSync(metadataPath, 'utf8')) as Metadata[];
      const { papers } = await loadCorpus(`${root}corpus`);
      expect(papers.map((paper) => paper.arxiv)).toEqual(metadata.map((entry) => entry.arxiv));
      metadata.forEach((entry, index) => {
        const paper = papers[index]!;
        expect(paper.title).toBe(entry.title);
        expect(paper.authors).toEqual(entry.authors);
        expect(paper.year).toBe(entry.year);
        expect(paper.venue).toBe(entry.venue ?? undefined);
        expect(paper.url).toBe(entry.url);
      });
    },
  );

  it.skipIf(!SEED.present)(
    SEED.named('keeps every abstract exactly as the seed gives it'),
    async () => {
      const seedLines = readFileSync(seedTextPath, 'utf8')
        .split('\n')
        .filter((line) => line.startsWith('Abstract:'))
        .map((line) => line.slice('Abstract:'.length));
      const shipped = readFileSync(`${root}corpus/omer-levy-papers.jsonl`, 'utf8')
        .trim()
        .split('\n')
        .map((line) => (JSON.parse(line) as { abstract: string }).abstract);
      // The file holds the seed's text verbatim; what is shown is that text with LaTeX cleaned.
      expect(shipped).toEqual(seedLines);
      const { papers } = await loadCorpus(`${root}corpus`);
      expect(papers.map((paper) => paper.abstract)).toEqual(seedLines.map(cleanLatex));
      const untouched = seedLines.filter((line) => cleanLatex(line) === line);
      expect(untouched).toHaveLength(9);
    },
  );

  it.skipIf(!SEED.present)(
    SEED.named('absorbs the seed text: the same ten papers, titles and all'),
    async () => {
      // A folder holding both the user's seed text and the shipped file, served from memory.
      const files: Record<string, string> = {
        '/both/omer-levy-papers.jsonl': readFileSync(
          `${root}corpus/omer-levy-papers.jsonl`,
          'utf8',
        ),
        '/both/shammie-seed.txt': readFileSync(seedTextPath, 'utf8'),
      };
      const { papers, problems } = await loadCorpus('/both', {
        readFile: async (path) => files[path]!,
        readdir: async () => Object.keys(files).map((path) => path.slice('/both/'.length)),
        stat: async (path) => ({
          isFile: () => path in files,
          isDirectory: () => path === '/both',
          size: files[path]?.length ?? 0,
        }),
      });
      expect(problems).toEqual([]);
      const { papers: shipped } = await loadCorpus(`${root}corpus`);
      expect(papers).toEqual(shipped);
    },
  );

  it.skipIf(!SEED.present)(SEED.named('labels the seed text alone by method names'), async () => {
    const { papers } = await loadCorpus(seedTextPath);
    expect(papers).toHaveLength(10);
    expect(papers.every((paper) => paper.titleDerived && paper.collection === 'Shammie')).toBe(
      true,
    );
    expect(papers[2]!.title).toBe('Transfusion');
  });
});
