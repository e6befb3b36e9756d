import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { exportPapers } from '../../../adapters/library/export-papers.ts';
import type { NewLibraryPaper } from '../../../adapters/library/library-store.ts';
import { isShammieError, loadCorpus, type Paper } from '../../../src/index.ts';
import { openTestLibrary, type TestLibrary } from './helpers.ts';

const libraries: TestLibrary[] = [];
afterEach(() => {
  for (const library of libraries.splice(0)) library.cleanup();
});

const FILES: Paper[] = [
  {
    id: 'levy2023lima',
    title: 'LIMA: Less Is More for Alignment',
    abstract: 'Tuning on a thousand prompts.',
    authors: ['Chunting Zhou', 'Omer Levy'],
    year: 2023,
    venue: 'NeurIPS',
    arxiv: '2305.11206',
    url: 'https://arxiv.org/abs/2305.11206',
    citationKey: 'zhou2023lima',
  },
  {
    id: 'hidden-file',
    title: 'A Paper Someone Removed',
    abstract: 'Gone.',
    authors: ['X Y'],
    doi: '10.5555/gone',
  },
];

function libraryPaper(overrides: Partial<NewLibraryPaper>): NewLibraryPaper {
  return {
    id: '2408.11039',
    arxiv: '2408.11039',
    title: 'One Model for Words and Pixels',
    abstract: 'We train a single transformer on text tokens and image patches together.',
    authors: ['Dana Ruiz', 'Emil Sato'],
    year: 2024,
    url: 'https://arxiv.org/abs/2408.11039',
    source: 'chat',
    by: 'U1',
    ...overrides,
  };
}

function filledLibrary(): TestLibrary {
  const library = openTestLibrary();
  libraries.push(library);
  const { store } = library;
  store.addPaper(libraryPaper({}), 1);
  // The same paper as a corpus file: written once, as the file's.
  store.addPaper(libraryPaper({ id: '2305.11206', arxiv: '2305.11206', title: 'LIMA again' }), 2);
  store.addPaper(
    libraryPaper({
      id: '10.1145/3600006.3613165',
      arxiv: undefined,
      doi: '10.1145/3600006.3613165',
      title: 'Serving Small Models Quickly',
      venue: 'Proceedings of an Invented Symposium on Systems',
      year: 2023,
      url: 'https://doi.org/10.1145/3600006.3613165',
      source: 'doi',
    }),
    3,
  );
  store.addPaper(libraryPaper({ id: '2101.00009', arxiv: '2101.00009', title: 'Removed' }), 4);
  store.removePaper({ arxiv: '2101.00009' }, { by: 'admin' }, 5);
  store.removePaper({ id: 'hidden-file', doi: '10.5555/gone' }, { by: 'admin' }, 6);
  return library;
}

/** A writable that takes one small chunk at a time, asynchronously: back-pressure is real. */
function slowSink(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    highWaterMark: 16,
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      setImmediate(done);
    },
  });
  return { stream, text: () => chunks.join('') };
}

describe('exporting every paper', () => {
  it('writes files and library as JSON Lines, removed papers left out and shared ones once', async () => {
    const { store } = filledLibrary();
    const sink = slowSink();
    const report = await exportPapers({ format: 'jsonl', files: FILES, store, out: sink.stream });
    expect(report).toEqual({ files: 1, library: 2, removed: 2, duplicates: 1 });
    const lines = sink
      .text()
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toEqual([
      {
        id: 'levy2023lima',
        title: 'LIMA: Less Is More for Alignment',
        abstract: 'Tuning on a thousand prompts.',
        authors: ['Chunting Zhou', 'Omer Levy'],
        year: 2023,
        venue: 'NeurIPS',
        url: 'https://arxiv.org/abs/2305.11206',
        arxiv: '2305.11206',
        source: 'file',
      },
      {
        id: '2408.11039',
        title: 'One Model for Words and Pixels',
        abstract: 'We train a single transformer on text tokens and image patches together.',
        authors: ['Dana Ruiz', 'Emil Sato'],
        year: 2024,
        url: 'https://arxiv.org/abs/2408.11039',
        arxiv: '2408.11039',
        source: 'library',
      },
      {
        id: '10.1145/3600006.3613165',
        title: 'Serving Small Models Quickly',
        abstract: 'We train a single transformer on text tokens and image patches together.',
        authors: ['Dana Ruiz', 'Emil Sato'],
        year: 2023,
        venue: 'Proceedings of an Invented Symposium on Systems',
        url: 'https://doi.org/10.1145/3600006.3613165',
        doi: '10.1145/3600006.3613165',
        source: 'library',
      },
    ]);
  });

  it("writes BibTeX through the core's formatter, every entry under its own key", async () => {
    const { store } = filledLibrary();
    // Two library papers whose generated keys would be the same.
    store.addPaper(libraryPaper({ id: '2408.22222', arxiv: '2408.22222' }), 7);
    store.addPaper(libraryPaper({ id: '2408.33333', arxiv: '2408.33333' }), 8);
    const sink = slowSink();
    await exportPapers({ format: 'BibTeX', files: FILES, store, out: sink.stream });
    const text = sink.text();
    const keys = [...text.matchAll(/^@\w+\{([^,]+),$/gm)].map((match) => match[1]);
    expect(keys).toEqual([
      'zhou2023lima',
      'ruiz2024one',
      'ruiz2023serving',
      'ruiz2024oneb',
      'ruiz2024onec',
    ]);
    expect(text).toContain('  eprint = {2408.11039},\n  archivePrefix = {arXiv},');
    expect(text).not.toContain('Removed');
  });

  it('refuses a format it does not write', async () => {
    const { store } = filledLibrary();
    const sink = slowSink();
    await expect(
      exportPapers({ format: 'csv', files: FILES, store, out: sink.stream }),
    ).rejects.toSatisfy(
      (error) => isShammieError(error) && error.message === 'Export formats: jsonl, bibtex.',
    );
    expect(sink.text()).toBe('');
  });

  it('writes JSON Lines that Shammie loads back as a corpus, ids and fields kept', async () => {
    const library = filledLibrary();
    const sink = slowSink();
    await exportPapers({ format: 'jsonl', files: FILES, store: library.store, out: sink.stream });
    const file = join(library.dataDir, 'export.jsonl');
    writeFileSync(file, sink.text());
    const { papers, problems } = await loadCorpus(file);
    expect(problems).toEqual([]);
    expect(papers.map((p) => [p.id, p.title, p.arxiv ?? p.doi])).toEqual([
      ['levy2023lima', 'LIMA: Less Is More for Alignment', '2305.11206'],
      ['2408.11039', 'One Model for Words and Pixels', '2408.11039'],
      ['10.1145/3600006.3613165', 'Serving Small Models Quickly', '10.1145/3600006.3613165'],
    ]);
  });
});
