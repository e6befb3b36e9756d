import { afterEach, expect, it } from 'vitest';
import type { NewLibraryPaper } from '../../../adapters/library/library-store.ts';
import { EXPORT_HINT, librarySummary } from '../../../adapters/library/library-summary.ts';
import type { Paper } from '../../../src/index.ts';
import { openTestLibrary, type TestLibrary } from './helpers.ts';

const libraries: TestLibrary[] = [];
afterEach(() => {
  for (const library of libraries.splice(0)) library.cleanup();
});

function paper(n: number, overrides: Partial<NewLibraryPaper>): NewLibraryPaper {
  const arxiv = `2401.0000${n}`;
  return {
    id: arxiv,
    arxiv,
    title: `Paper ${n}`,
    abstract: 'a',
    authors: [],
    source: 'chat',
    ...overrides,
  };
}

const FILES: Paper[] = [
  { id: 'f1', title: 'File one', abstract: 'a', authors: [] },
  { id: 'f2', title: 'File two', abstract: 'b', authors: [], doi: '10.5555/two' },
];

it('counts papers by source, lists the last additions with who, where and when, and says how to export', () => {
  const library = openTestLibrary();
  libraries.push(library);
  const { store } = library;
  store.addPaper(paper(1, { by: 'U1', platform: 'slack', channel: 'C1' }), 100);
  store.addPaper(paper(2, { source: 'import', by: 'operator', platform: 'cli' }), 200);
  store.addPaper(paper(3, { source: 'doi', by: 'operator', platform: 'cli' }), 300);
  store.addPaper(paper(4, { by: '1234', platform: 'discord', channel: '5678' }), 400);
  store.removePaper({ arxiv: '2401.00003' }, { by: 'admin' }, 500);
  store.removePaper({ doi: '10.5555/two' }, { by: 'admin' }, 600);

  expect(librarySummary({ store, files: FILES, recent: 2 })).toEqual({
    total: 4,
    files: 1,
    library: 3,
    bySource: { chat: 2, arxiv: 0, doi: 0, import: 1 },
    removed: 2,
    recent: [
      {
        id: '2401.00004',
        arxiv: '2401.00004',
        title: 'Paper 4',
        source: 'chat',
        addedBy: '1234',
        platform: 'discord',
        channel: '5678',
        addedAt: 400,
      },
      {
        id: '2401.00002',
        arxiv: '2401.00002',
        title: 'Paper 2',
        source: 'import',
        addedBy: 'operator',
        platform: 'cli',
        addedAt: 200,
      },
    ],
    exportHint: EXPORT_HINT,
  });
});
