import { afterEach, describe, expect, it } from 'vitest';
import { corpusLookupOf } from '../../../adapters/library/corpus-lookup.ts';
import { removePaperByRef } from '../../../adapters/library/remove-paper.ts';
import type { Paper } from '../../../src/index.ts';
import { holdWriteLock, openTestLibrary, type TestLibrary } from './helpers.ts';

const libraries: TestLibrary[] = [];
afterEach(() => {
  for (const library of libraries.splice(0)) library.cleanup();
});

const FILES: Paper[] = [
  {
    id: 'levy2023lima',
    title: 'LIMA',
    abstract: 'a',
    authors: [],
    arxiv: '2305.11206',
    doi: '10.5555/lima',
  },
];

function setUp() {
  const library = openTestLibrary();
  libraries.push(library);
  const options = {
    store: library.store,
    inCorpus: corpusLookupOf(FILES),
    who: 'admin',
    where: { platform: 'discord', channel: '42' },
    now: () => 5,
  };
  return { library, options };
}

describe('removing a paper by reference', () => {
  it('hides a corpus-file paper named by a versioned arXiv URL under all its identifiers', () => {
    const { library, options } = setUp();
    const result = removePaperByRef('https://arxiv.org/abs/2305.11206v3', options);
    expect(result).toMatchObject({
      status: 'removed',
      id: 'levy2023lima',
      arxiv: '2305.11206',
      doi: '10.5555/lima',
      message: 'Removed from the library; add it again to undo.',
    });
    expect(library.store.tombstones()).toEqual([
      {
        kind: 'arxiv',
        value: '2305.11206',
        removedBy: 'admin',
        platform: 'discord',
        channel: '42',
        removedAt: 5,
      },
      {
        kind: 'doi',
        value: '10.5555/lima',
        removedBy: 'admin',
        platform: 'discord',
        channel: '42',
        removedAt: 5,
      },
      {
        kind: 'id',
        value: 'levy2023lima',
        removedBy: 'admin',
        platform: 'discord',
        channel: '42',
        removedAt: 5,
      },
    ]);
  });

  it('finds a library paper by its own id, and says so when it was removed already', () => {
    const { library, options } = setUp();
    library.store.addPaper(
      {
        id: '10.5555/xyz',
        doi: '10.5555/xyz',
        title: 'X',
        abstract: 'a',
        authors: [],
        source: 'doi',
      },
      1,
    );
    expect(removePaperByRef('https://doi.org/10.5555/XYZ', options).status).toBe('removed');
    expect(removePaperByRef('levy2023lima', options).status).toBe('removed');
    expect(removePaperByRef('10.5555/xyz', options)).toMatchObject({
      status: 'already-removed',
      message: 'It was removed already; add it again to bring it back.',
    });
  });

  it('answers not-found for a paper nobody has, and writes nothing', () => {
    const { library, options } = setUp();
    expect(removePaperByRef('no-such-paper', options)).toEqual({
      ref: 'no-such-paper',
      status: 'not-found',
      message: 'No paper in the library has that id, arXiv id or DOI.',
    });
    expect(library.store.tombstones()).toEqual([]);
  });

  it('says the library is busy when another process holds its lock', async () => {
    const { library, options } = setUp();
    const holder = await holdWriteLock(library);
    try {
      expect(removePaperByRef('2305.11206', options)).toMatchObject({
        status: 'failed',
        message: expect.stringContaining('nothing was changed — try again in a moment'),
      });
    } finally {
      await holder.release();
    }
    expect(library.store.tombstones()).toEqual([]);
  });
});
