import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseLibraryEditors } from '../../../adapters/library/editors.ts';
import {
  createLibraryService,
  type LibraryService,
  type LibraryUser,
} from '../../../adapters/library/library-service.ts';
import { createEngine, type Engine, isShammieError, type Paper } from '../../../src/index.ts';
import { SAMPLE_PAPERS } from '../sources/fakes/sample-papers.ts';
import {
  openTestLibrary,
  rowCount,
  startServices,
  type TestLibrary,
  type TestServices,
} from './helpers.ts';

/** The corpus files: one paper known by its arXiv id (it can be removed and added back). */
const FILES: Paper[] = [
  {
    id: 'speech',
    title: 'Listening to many speakers at once',
    abstract: 'We separate overlapping speakers in noisy meeting recordings.',
    authors: ['Ines Park'],
    arxiv: '2101.00042',
  },
  {
    id: 'graphs',
    title: 'Message passing on molecule graphs',
    abstract: 'We predict molecule properties with message passing networks.',
    authors: ['Omar Bell'],
  },
];

const MEMBER: LibraryUser = { userId: 'U1', isAdmin: false, platform: 'slack', channel: 'C1' };
const ADMIN: LibraryUser = { userId: 'U9', isAdmin: true, platform: 'discord', channel: 'D1' };

let services: TestServices;
beforeAll(async () => {
  services = await startServices({
    papers: [
      ...SAMPLE_PAPERS,
      {
        ...SAMPLE_PAPERS[0]!,
        arxiv: '2101.00042',
        title: 'Listening to many speakers at once',
        abstract: 'We separate overlapping speakers in noisy meeting recordings.',
      },
    ],
  });
});
afterAll(() => services.close());

let library: TestLibrary;
let engine: Engine;
beforeEach(() => {
  library = openTestLibrary();
  engine = createEngine(FILES);
});
afterEach(() => library.cleanup());

function service(editors?: string): LibraryService {
  return createLibraryService({
    store: library.store,
    sources: services.sources,
    editors: parseLibraryEditors(editors),
    engine,
    files: () => FILES,
    now: () => Date.UTC(2024, 5, 1),
  });
}

const ids = (query: string) => engine.search(query).hits.map((hit) => hit.paper.id);

async function rejection(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('it did not reject');
}

describe('the library service', () => {
  it('adds a paper that the very next search finds, with who added it and where', async () => {
    const [result] = await service().add(['arXiv:2305.11206v2'], MEMBER);
    expect(result).toMatchObject({ status: 'added', arxiv: '2305.11206' });
    expect(result?.paper).toMatchObject({ addedBy: 'U1', platform: 'slack', channel: 'C1' });
    expect(ids('thousand carefully chosen prompts')[0]).toBe('2305.11206');
  });

  it('hides a removed paper at once, and an add brings it back', async () => {
    const shelf = service();
    await shelf.add(['2305.11206'], MEMBER);
    expect((await shelf.remove('2305.11206', ADMIN)).status).toBe('removed');
    expect(ids('thousand carefully chosen prompts')).not.toContain('2305.11206');
    await shelf.add(['2305.11206'], MEMBER);
    expect(ids('thousand carefully chosen prompts')[0]).toBe('2305.11206');
  });

  it('hides a corpus file paper too, and brings it back from the files without asking arXiv', async () => {
    const shelf = service();
    expect((await shelf.remove('arXiv:2101.00042', ADMIN)).status).toBe('removed');
    expect(ids('overlapping speakers')).toEqual([]);
    const asked = services.api.requests.length;
    const [back] = await shelf.add(['2101.00042'], MEMBER);
    expect(back).toMatchObject({ status: 'added', id: 'speech' });
    expect(services.api.requests).toHaveLength(asked);
    expect(ids('overlapping speakers')).toEqual(['speech']);
    expect(rowCount(library)).toBe(0);
  });

  it('lets only admins remove by default: others get NOT_ALLOWED and nothing changes', async () => {
    const shelf = service();
    expect(shelf.may('remove', MEMBER)).toBe(false);
    expect(shelf.may('remove', ADMIN)).toBe(true);
    const error = await rejection(shelf.remove('graphs', MEMBER));
    expect(isShammieError(error) && error.code).toBe('NOT_ALLOWED');
    expect((error as Error).message).toMatch(/Only admins/);
    expect(ids('molecule graphs')).toEqual(['graphs']);
    expect(library.store.tombstones()).toEqual([]);
  });

  it('follows SHAMMIE_LIBRARY_EDITORS: a named user may remove, nobody may add', async () => {
    const shelf = service('add=nobody;remove=U1');
    expect((await shelf.remove('graphs', MEMBER)).status).toBe('removed');
    const asked = services.api.requests.length;
    const error = await rejection(shelf.add(['2408.11039'], ADMIN));
    expect(isShammieError(error) && error.code).toBe('NOT_ALLOWED');
    expect(services.api.requests).toHaveLength(asked);
    expect(rowCount(library)).toBe(0);
  });

  it('refuses no reference or more than ten with BAD_ARGUMENT, before any request', async () => {
    const asked = services.api.requests.length;
    for (const refs of [[], Array.from({ length: 11 }, (_, i) => `2305.1120${i}`)]) {
      const error = await rejection(service().add(refs, MEMBER));
      expect(isShammieError(error) && error.code).toBe('BAD_ARGUMENT');
    }
    expect(services.api.requests).toHaveLength(asked);
  });

  it('sums up the files and the library', async () => {
    const shelf = service();
    await shelf.add(['2305.11206'], MEMBER);
    const summary = shelf.summary();
    expect(summary).toMatchObject({ files: 2, library: 1 });
  });
});
