import { afterEach, describe, expect, it } from 'vitest';
import { isLibraryStoreError } from '../../../adapters/library/library-errors.ts';
import {
  createLibraryStore,
  LIBRARY_PAGE_ROWS,
  type NewLibraryPaper,
} from '../../../adapters/library/library-store.ts';
import { openDatabase } from '../../../adapters/scheduler/database.ts';
import { holdWriteLock, openTestLibrary, rowCount, type TestLibrary } from './helpers.ts';

const libraries: TestLibrary[] = [];
afterEach(() => {
  for (const library of libraries.splice(0)) library.cleanup();
});

function library(): TestLibrary {
  const opened = openTestLibrary();
  libraries.push(opened);
  return opened;
}

function paper(overrides: Partial<NewLibraryPaper> = {}): NewLibraryPaper {
  return {
    id: '2305.11206',
    arxiv: '2305.11206',
    title: 'Small Instruction Sets Go a Long Way',
    abstract: 'We ask how much instruction data a pretrained language model needs.',
    authors: ['Ada Quill', 'Bertrand Okafor'],
    year: 2023,
    url: 'https://arxiv.org/abs/2305.11206',
    source: 'chat',
    by: 'U1',
    platform: 'slack',
    channel: 'C1',
    ...overrides,
  };
}

describe('the library store', () => {
  it('keeps a paper with who added it, where and when, and reads it back by any identifier', () => {
    const { store } = library();
    const outcome = store.addPaper(paper({ doi: '10.1/abc', venue: 'ACL' }), 1_000);
    expect(outcome.status).toBe('added');
    expect(store.findPaper({ doi: '10.1/abc' })).toEqual({
      id: '2305.11206',
      arxiv: '2305.11206',
      doi: '10.1/abc',
      title: 'Small Instruction Sets Go a Long Way',
      abstract: 'We ask how much instruction data a pretrained language model needs.',
      authors: ['Ada Quill', 'Bertrand Okafor'],
      year: 2023,
      venue: 'ACL',
      url: 'https://arxiv.org/abs/2305.11206',
      source: 'chat',
      addedBy: 'U1',
      platform: 'slack',
      channel: 'C1',
      addedAt: 1_000,
    });
  });

  it('makes one row when two connections add the same paper, and tells the second it was there', () => {
    const first = library();
    const second = createLibraryStore(openDatabase(first.dataDir));
    try {
      const a = first.store.addPaper(paper({ channel: 'C1' }), 1);
      const b = second.addPaper(paper({ platform: 'discord', channel: 'D9', by: 'U2' }), 1);
      expect([a.status, b.status]).toEqual(['added', 'already']);
      expect(b.paper.channel).toBe('C1');
      expect(rowCount(first)).toBe(1);
    } finally {
      second.close();
    }
  });

  it('finds the same paper under its DOI when it comes back with another id', () => {
    const lib = library();
    lib.store.addPaper(paper({ id: '10.1/abc', arxiv: undefined, doi: '10.1/abc' }), 1);
    const again = lib.store.addPaper(paper({ doi: '10.1/abc' }), 2);
    expect(again.status).toBe('already');
    expect(again.paper.id).toBe('10.1/abc');
    expect(rowCount(lib)).toBe(1);
  });

  it('hides a removed paper everywhere, and adding it again undoes the removal', () => {
    const { store } = library();
    store.addPaper(paper(), 1);
    store.addPaper(paper({ id: '2408.11039', arxiv: '2408.11039', source: 'import' }), 2);
    expect(store.removePaper({ arxiv: '2305.11206' }, { by: 'admin', platform: 'slack' }, 3)).toBe(
      true,
    );
    expect(store.isRemoved({ id: '2305.11206', arxiv: '2305.11206' })).toBe(true);
    expect([...store.papers()].map((p) => p.id)).toEqual(['2408.11039']);
    expect(store.recent(5).map((p) => p.id)).toEqual(['2408.11039']);
    expect(store.counts()).toMatchObject({
      total: 1,
      removed: 1,
      bySource: { chat: 0, import: 1 },
    });
    expect([...store.papers({ includeRemoved: true })]).toHaveLength(2);

    const back = store.addPaper(paper(), 4);
    expect(back.status).toBe('restored');
    expect(store.isRemoved({ arxiv: '2305.11206' })).toBe(false);
    expect(store.counts().total).toBe(2);
  });

  it('hides a corpus-file paper under each of its identifiers until it is restored', () => {
    const { store } = library();
    const file = { id: 'levy2023lima', arxiv: '2305.11206', doi: '10.5555/lima' };
    expect(store.removePaper(file, { by: 'admin' }, 1)).toBe(true);
    expect(store.removePaper(file, { by: 'admin' }, 2)).toBe(false);
    expect(store.isRemoved({ doi: '10.5555/lima' })).toBe(true);
    expect(store.isRemoved({ id: 'levy2023lima' })).toBe(true);
    expect(store.tombstones().map((t) => `${t.kind}:${t.value}`)).toEqual([
      'arxiv:2305.11206',
      'doi:10.5555/lima',
      'id:levy2023lima',
    ]);
    expect(
      store.restorePaper({ arxiv: '2305.11206', id: 'levy2023lima', doi: '10.5555/lima' }),
    ).toBe(true);
    expect(store.tombstones()).toEqual([]);
  });

  it('reads the whole library page by page while the caller writes to it', () => {
    const { store } = library();
    const papers = Array.from({ length: LIBRARY_PAGE_ROWS * 2 + 7 }, (_, i) =>
      paper({ id: `p${i}`, arxiv: `2401.${String(i).padStart(5, '0')}`, source: 'import' }),
    );
    store.storePage(papers, undefined, 1);
    const ids: string[] = [];
    for (const stored of store.papers()) {
      // A write between rows (no statement of the iteration is left open): p1000 is on the
      // third page, read after it was removed.
      if (ids.length === 3) store.removePaper({ id: 'p1000' }, {}, 2);
      ids.push(stored.id);
    }
    expect(ids).toEqual(papers.map((p) => p.id).filter((id) => id !== 'p1000'));
  });

  it('stores a page of a harvest with its next token in one transaction, and forgets nothing when reopened', () => {
    const lib = library();
    const job = { category: 'cs.CL', from: '2024-01-01' };
    const first = lib.store.storePage(
      [paper(), paper({ id: '2408.11039', arxiv: '2408.11039' })],
      { job, token: 'T1', harvested: 3, fresh: true },
      10,
    );
    expect(first.added.map((p) => p.id)).toEqual(['2305.11206', '2408.11039']);
    const second = lib.store.storePage([paper()], { job, harvested: 1 }, 20);
    expect(second).toEqual({ added: [], already: 1 });
    lib.store.close();
    const reopened = createLibraryStore(openDatabase(lib.dataDir));
    expect(reopened.importState(job)).toMatchObject({
      category: 'cs.CL',
      from: '2024-01-01',
      harvested: 4,
      added: 2,
      status: 'done',
      startedAt: 10,
      updatedAt: 20,
    });
    expect(reopened.importState(job)?.token).toBeUndefined();
    reopened.close();
  });

  it('writes nothing of a page when the disk fills in the middle of it, and keeps the last token', () => {
    const lib = library();
    const job = { category: 'cs.CL' };
    lib.store.storePage([paper()], { job, token: 'T1', harvested: 1, fresh: true }, 1);
    const pages = lib.db.pragma('page_count', { simple: true }) as number;
    // SQLite's own size limit: the next pages cannot be allocated, as on a full disk.
    lib.db.pragma(`max_page_count = ${pages + 2}`);
    const big = Array.from({ length: 40 }, (_, i) =>
      paper({
        id: `b${i}`,
        arxiv: `2402.${String(i).padStart(5, '0')}`,
        abstract: 'x'.repeat(3_000),
      }),
    );
    let failure: unknown;
    try {
      lib.store.storePage(big, { job, token: 'T2', harvested: 40 }, 2);
    } catch (error) {
      failure = error;
    }
    expect(isLibraryStoreError(failure) && failure.code).toBe('FULL');
    expect((failure as Error).message).toBe(
      'The library could not be saved (the disk holding SHAMMIE_DATA_DIR is full); nothing was changed — free some space, then try again.',
    );
    expect(rowCount(lib)).toBe(1);
    expect(lib.store.importState(job)).toMatchObject({ token: 'T1', harvested: 1, added: 1 });
  });

  it('gives a clear error while another process holds the write lock, and works once it lets go', async () => {
    const lib = library();
    const holder = await holdWriteLock(lib);
    let failure: unknown;
    try {
      lib.store.addPaper(paper(), 1);
    } catch (error) {
      failure = error;
    }
    expect(isLibraryStoreError(failure) && failure.code).toBe('BUSY');
    expect((failure as Error).message).toBe(
      'The library could not be saved (another process held the database lock too long); ' +
        'nothing was changed — try again in a moment.',
    );
    await holder.release();
    expect(lib.store.addPaper(paper(), 2).status).toBe('added');
    expect(rowCount(lib)).toBe(1);
  });
});
