import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type CategoryImportOptions,
  type ImportProgress,
  importArxivCategory,
  importArxivQuery,
  MAX_HARVEST_RESTARTS,
} from '../../../adapters/library/import-arxiv.ts';
import { isLibraryStoreError } from '../../../adapters/library/library-errors.ts';
import { createSources } from '../../../adapters/sources/create-sources.ts';
import { loadServiceConfig } from '../../../adapters/sources/service-config.ts';
import { isServiceError } from '../../../adapters/sources/service-error.ts';
import { isShammieError } from '../../../src/index.ts';
import type { OaiItem } from '../sources/fakes/fake-arxiv-oai.ts';
import { type SamplePaper, samplePaper } from '../sources/fakes/sample-papers.ts';
import {
  openTestLibrary,
  rowCount,
  startServices,
  type TestLibrary,
  type TestServices,
} from './helpers.ts';

function csPaper(n: number, overrides: Partial<SamplePaper> = {}): SamplePaper {
  return samplePaper({
    arxiv: `2401.${String(n).padStart(5, '0')}`,
    version: 1,
    title: `Lattice Parsing, Part ${n}`,
    // Long enough that a page of two needs more than one database page.
    abstract: `Lattice parsing study number ${n}. ${'We parse lattices of words. '.repeat(120)}`,
    authors: ['Ada Quill'],
    published: '2024-01-02T10:00:00Z',
    updated: '2024-01-02T10:00:00Z',
    categories: ['cs.CL'],
    comment: undefined,
    ...overrides,
  });
}

const CL_PAPERS = [1, 2, 3, 4, 5, 6, 7].map((n) => csPaper(n));
const ITEMS: OaiItem[] = [
  ...CL_PAPERS.slice(0, 3).map((paper) => ({ paper, datestamp: '2024-01-03', setSpec: 'cs' })),
  { paper: csPaper(8, { categories: ['cs.CV'] }), datestamp: '2024-01-03', setSpec: 'cs' },
  {
    paper: csPaper(9, { comment: 'This paper has been withdrawn' }),
    datestamp: '2024-01-04',
    setSpec: 'cs',
  },
  { paper: csPaper(10), datestamp: '2024-01-04', setSpec: 'cs', deleted: true },
  ...CL_PAPERS.slice(3).map((paper) => ({ paper, datestamp: '2024-01-05', setSpec: 'cs' })),
];
const CL_IDS = CL_PAPERS.map((paper) => paper.arxiv);

let services: TestServices;
beforeAll(async () => {
  services = await startServices({ papers: CL_PAPERS, oaiItems: ITEMS, oaiPageSize: 2 });
});
afterAll(() => services.close());

const libraries: TestLibrary[] = [];
afterEach(() => {
  for (const library of libraries.splice(0)) library.cleanup();
});

function setUp(overrides: Partial<CategoryImportOptions> = {}) {
  const library = openTestLibrary();
  libraries.push(library);
  const progress: ImportProgress[] = [];
  const notices: string[] = [];
  const options: CategoryImportOptions = {
    category: 'cs.CL',
    from: '2024-01-01',
    sources: services.sources,
    store: library.store,
    now: () => 1_000,
    who: 'operator',
    where: { platform: 'cli' },
    onProgress: (p) => progress.push(p),
    onNotice: (message) => notices.push(message),
    ...overrides,
  };
  return { library, options, progress, notices };
}

function storedIds(library: TestLibrary): string[] {
  return [...library.store.papers()].map((paper) => paper.id).sort();
}

/** OAI requests since `from`, each with its resumption token (undefined for a first request). */
function oaiTokens(from: number): Array<string | undefined> {
  return services.oai.requests.slice(from).map((r) => r.query.get('resumptionToken') ?? undefined);
}

describe('harvesting a category through OAI-PMH', () => {
  it("adds the category's papers page by page, skipping other categories, withdrawn and deleted records", async () => {
    const { library, options, progress } = setUp();
    const report = await importArxivCategory(options);
    expect(report).toEqual({
      harvested: 10,
      total: 10,
      added: 7,
      already: 0,
      skipped: 1,
      resumed: false,
      restarts: 0,
    });
    expect(storedIds(library)).toEqual(CL_IDS);
    expect(progress.map((p) => [p.harvested, p.added])).toEqual([
      [2, 2],
      [4, 3],
      [6, 3],
      [8, 5],
      [10, 7],
    ]);
    expect(library.store.findPaper({ arxiv: CL_IDS[0]! })).toMatchObject({
      source: 'import',
      addedBy: 'operator',
      platform: 'cli',
    });
    expect(library.store.importState(options)).toMatchObject({
      status: 'done',
      harvested: 10,
      added: 7,
    });
  });

  it('resumes an interrupted harvest from its stored token, adding no paper twice', async () => {
    const { library, options } = setUp({
      onProgress: (p) => {
        if (p.harvested === 4) services.oai.failNext({ status: 500, body: 'oops' });
      },
    });
    await expect(importArxivCategory(options)).rejects.toSatisfy(
      (error) =>
        isServiceError(error) && error.message === 'arXiv did not answer; try again later.',
    );
    expect(rowCount(library)).toBe(3);
    const stored = library.store.importState(options);
    expect(stored).toMatchObject({ status: 'running', harvested: 4 });

    const start = services.oai.requests.length;
    const report = await importArxivCategory({ ...options, onProgress: undefined });
    expect(oaiTokens(start)[0]).toBe(stored?.token);
    expect(report).toMatchObject({ resumed: true, harvested: 10, added: 4, already: 0 });
    expect(storedIds(library)).toEqual(CL_IDS);
  });

  it('writes nothing of the page that fills the disk, and resumes once there is room', async () => {
    const { library, options } = setUp({
      onProgress: (p) => {
        if (p.harvested !== 4) return;
        const pages = library.db.pragma('page_count', { simple: true }) as number;
        library.db.pragma(`max_page_count = ${pages + 1}`);
      },
    });
    let failure: unknown;
    await importArxivCategory(options).catch((error: unknown) => {
      failure = error;
    });
    expect(isLibraryStoreError(failure) && failure.code).toBe('FULL');
    expect(storedIds(library)).toEqual(CL_IDS.slice(0, 3));
    const token = library.store.importState(options)?.token;
    expect(token).toBeDefined();

    library.db.pragma('max_page_count = 1073741823');
    const start = services.oai.requests.length;
    const report = await importArxivCategory({ ...options, onProgress: undefined });
    expect(oaiTokens(start)[0]).toBe(token);
    expect(report).toMatchObject({ resumed: true, added: 4 });
    expect(storedIds(library)).toEqual(CL_IDS);
    expect(rowCount(library)).toBe(7);
  });

  it('starts over from --from when arXiv no longer accepts the token, finding what it added', async () => {
    let expired = false;
    const { library, options, notices } = setUp({
      onProgress: (p) => {
        if (p.harvested === 4 && !expired) {
          expired = true;
          services.oai.expireTokens();
        }
      },
    });
    const report = await importArxivCategory(options);
    expect(notices).toEqual([
      'arXiv no longer accepts the saved harvest position; starting again from 2024-01-01 (papers already added are not added twice).',
    ]);
    expect(report).toMatchObject({ restarts: 1, added: 7, already: 3, harvested: 10 });
    expect(storedIds(library)).toEqual(CL_IDS);
    expect(library.store.importState(options)?.status).toBe('done');
  });

  it('starts over when the stored token expired while the import was stopped', async () => {
    const { library, options, notices } = setUp({
      onProgress: (p) => {
        if (p.harvested === 2)
          services.oai.failNext({ fault: 'drop' }, { fault: 'drop' }, { fault: 'drop' });
      },
    });
    await expect(importArxivCategory(options)).rejects.toSatisfy(isServiceError);
    services.oai.expireTokens();
    const report = await importArxivCategory({ ...options, onProgress: undefined });
    expect(notices).toHaveLength(1);
    expect(report).toMatchObject({ resumed: true, restarts: 1, added: 5, already: 2 });
    expect(storedIds(library)).toEqual(CL_IDS);
  });

  it(`gives up after ${MAX_HARVEST_RESTARTS} fresh starts when every token expires`, async () => {
    const { library, options, notices } = setUp({
      onProgress: () => services.oai.expireTokens(),
    });
    await expect(importArxivCategory(options)).rejects.toSatisfy(
      (error) => isServiceError(error) && error.code === 'EXPIRED_TOKEN',
    );
    expect(notices).toHaveLength(MAX_HARVEST_RESTARTS);
    expect(storedIds(library)).toEqual(CL_IDS.slice(0, 2));
  });

  it('stops at its signal while a request hangs, keeping the pages stored, and resumes later', async () => {
    // A time limit far longer than the test: only the signal can end the hanging request.
    const patient = createSources(loadServiceConfig({ ARXIV_OAI_URL: services.oai.oaiUrl }), {
      queue: services.clock.queue,
      now: services.clock.now,
      timeoutMs: 60_000,
    });
    const stop = new AbortController();
    const reason = new Error('stopped by the test');
    const { library, options } = setUp({
      sources: patient,
      signal: stop.signal,
      onProgress: (p) => {
        if (p.harvested !== 2) return;
        services.oai.failNext({ fault: 'hang' });
        const asked = services.oai.requests.length;
        const waitForRequest = setInterval(() => {
          if (services.oai.requests.length === asked) return;
          clearInterval(waitForRequest);
          stop.abort(reason);
        }, 5);
      },
    });
    await expect(importArxivCategory(options)).rejects.toBe(reason);
    expect(storedIds(library)).toEqual(CL_IDS.slice(0, 2));
    const report = await importArxivCategory({
      ...options,
      signal: undefined,
      onProgress: undefined,
    });
    expect(report).toMatchObject({ resumed: true, added: 5 });
    expect(storedIds(library)).toEqual(CL_IDS);
  });

  it('refuses a malformed date before asking arXiv or storing anything', async () => {
    const { library, options } = setUp({ from: '1 Nov 2026' });
    const before = services.oai.requests.length;
    await expect(importArxivCategory(options)).rejects.toSatisfy(
      (error) => isShammieError(error) && error.code === 'BAD_DATE',
    );
    expect(services.oai.requests.length).toBe(before);
    expect(library.store.importState(options)).toBeUndefined();
  });
});

describe('importing an arXiv search', () => {
  it('adds the results up to --max, and a second run adds only what is missing', async () => {
    const { library, options } = setUp();
    const first = await importArxivQuery('lattice parsing', { ...options, max: 3 });
    expect(first).toMatchObject({ added: 3, harvested: 3, total: 7 });
    const second = await importArxivQuery('lattice parsing', options);
    expect(second).toMatchObject({ added: 4, already: 3 });
    expect(storedIds(library)).toEqual(CL_IDS);
  });

  it('leaves out papers the corpus files hold, and papers someone removed stay removed', async () => {
    const { library, options } = setUp({
      inCorpus: (keys) =>
        keys.arxiv === CL_IDS[0]
          ? { id: 'file-1', title: 't', abstract: 'a', authors: [], arxiv: CL_IDS[0] }
          : undefined,
    });
    library.store.addPaper(
      {
        id: CL_IDS[1]!,
        arxiv: CL_IDS[1]!,
        title: 't',
        abstract: 'a',
        authors: [],
        source: 'chat',
      },
      1,
    );
    library.store.removePaper({ arxiv: CL_IDS[1]! }, { by: 'admin' }, 2);
    const report = await importArxivQuery('lattice parsing', options);
    expect(report).toMatchObject({ added: 5, already: 2 });
    expect(library.store.isRemoved({ arxiv: CL_IDS[1]! })).toBe(true);
    expect(storedIds(library)).toEqual(CL_IDS.slice(2));
  });
});
