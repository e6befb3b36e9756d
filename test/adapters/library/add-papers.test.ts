import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type AddPapersOptions,
  addPapers,
  addResultJson,
  MAX_REFS_PER_CHAT,
} from '../../../adapters/library/add-papers.ts';
import { corpusLookupOf } from '../../../adapters/library/corpus-lookup.ts';
import { isShammieError, type Paper } from '../../../src/index.ts';
import { crossrefWork, openAlexWork } from '../sources/fakes/fake-scholarly.ts';
import { busy } from '../sources/fakes/fake-service.ts';
import { SAMPLE_PAPERS, samplePaper } from '../sources/fakes/sample-papers.ts';
import {
  holdWriteLock,
  openTestLibrary,
  rowCount,
  startServices,
  type TestLibrary,
  type TestServices,
} from './helpers.ts';

const SERVING = '10.1145/3600006.3613165';
const NO_ABSTRACT = '10.1145/3600006.0000001';
const PUBLISHED_PREPRINT = '10.1145/3600006.0000002';
const HUGE_TITLE = samplePaper({
  arxiv: '2402.00002',
  version: 1,
  title: `A ${'very '.repeat(400_000)}long title`,
});

let services: TestServices;
beforeAll(async () => {
  services = await startServices({
    papers: [...SAMPLE_PAPERS, HUGE_TITLE],
    crossref: {
      [SERVING]: crossrefWork(),
      [NO_ABSTRACT]: crossrefWork({ DOI: NO_ABSTRACT, abstract: undefined }),
      [PUBLISHED_PREPRINT]: crossrefWork({
        DOI: PUBLISHED_PREPRINT,
        relation: {
          'has-preprint': [
            { 'id-type': 'arxiv', id: 'arXiv:2305.11206', 'asserted-by': 'subject' },
          ],
        },
      }),
    },
    openalex: {
      [SERVING]: openAlexWork(),
      [NO_ABSTRACT]: openAlexWork({ doi: `https://doi.org/${NO_ABSTRACT}` }, ''),
    },
  });
});
afterAll(() => services.close());

const libraries: TestLibrary[] = [];
afterEach(() => {
  for (const library of libraries.splice(0)) library.cleanup();
});

function setUp(overrides: Partial<AddPapersOptions> = {}) {
  const library = openTestLibrary();
  libraries.push(library);
  const options: AddPapersOptions = {
    sources: services.sources,
    store: library.store,
    who: 'U42',
    where: { platform: 'slack', channel: 'C7' },
    now: () => 1_700_000_000_000,
    ...overrides,
  };
  return { library, options, add: (...refs: string[]) => addPapers(refs, options) };
}

function apiRequests(): number {
  return services.api.requests.length;
}

describe('adding papers by reference', () => {
  it('adds an arXiv paper named by a versioned URL, with who added it and where', async () => {
    const { add, library } = setUp();
    const [result] = await add('https://arxiv.org/abs/2305.11206v1');
    expect(addResultJson(result!)).toEqual({
      ref: 'https://arxiv.org/abs/2305.11206v1',
      status: 'added',
      id: '2305.11206',
      arxiv: '2305.11206',
      title: 'Small Instruction Sets Go a Long Way: Tuning Language Models on a Thousand Prompts',
    });
    expect(library.store.findPaper({ arxiv: '2305.11206' })).toMatchObject({
      authors: ['Ada Quill', 'Bertrand Okafor', 'Chen Wei'],
      year: 2023,
      url: 'https://arxiv.org/abs/2305.11206',
      source: 'chat',
      addedBy: 'U42',
      platform: 'slack',
      channel: 'C7',
      addedAt: 1_700_000_000_000,
    });
  });

  it('asks arXiv once for every arXiv id of one command', async () => {
    const { add } = setUp({ where: { platform: 'cli' } });
    const before = apiRequests();
    const results = await add('2305.11206', 'hep-th/9901001v3', 'arXiv:2408.11039');
    expect(results.map((r) => [r.status, r.id])).toEqual([
      ['added', '2305.11206'],
      ['added', 'hep-th/9901001'],
      ['added', '2408.11039'],
    ]);
    expect(apiRequests() - before).toBe(1);
    expect(results[2]?.paper).toMatchObject({ source: 'arxiv', doi: '10.1234/fake.2024.77' });
  });

  it('answers "already" for any version of a paper the library has, without asking arXiv', async () => {
    const { add } = setUp();
    await add('2305.11206');
    const before = apiRequests();
    const [again] = await add('2305.11206v2');
    expect(again).toMatchObject({
      status: 'already',
      id: '2305.11206',
      message: 'Already in the library.',
    });
    expect(again?.paper).toMatchObject({ addedBy: 'U42', channel: 'C7' });
    expect(apiRequests()).toBe(before);
  });

  it('answers "already" for a paper the corpus files hold, by arXiv id or by the DOI arXiv gives', async () => {
    const files: Paper[] = [
      { id: 'levy2023', title: 'LIMA', abstract: 'a', authors: [], arxiv: '2305.11206' },
      {
        id: 'ruiz2024',
        title: 'Words and pixels',
        abstract: 'b',
        authors: [],
        doi: '10.1234/fake.2024.77',
      },
    ];
    const { add, library } = setUp({ inCorpus: corpusLookupOf(files) });
    const results = await add('2305.11206', '2408.11039');
    expect(results.map((r) => [r.status, r.id])).toEqual([
      ['already', 'levy2023'],
      ['already', 'ruiz2024'],
    ]);
    expect(rowCount(library)).toBe(0);
  });

  it('adds a paper by DOI with Crossref metadata, and the arXiv paper when the DOI names one', async () => {
    const { add, library } = setUp({ where: { platform: 'cli' } });
    const crossrefBefore = services.crossref.requests.length;
    const results = await add(
      `https://doi.org/${SERVING}`,
      '10.48550/arXiv.2408.11039',
      PUBLISHED_PREPRINT,
    );
    expect(results.map((r) => [r.status, r.id])).toEqual([
      ['added', SERVING],
      ['added', '2408.11039'],
      ['added', '2305.11206'],
    ]);
    // arXiv's own DOIs are not Crossref's: only the two others were asked there.
    expect(services.crossref.requests.length - crossrefBefore).toBe(2);
    expect(library.store.findPaper({ doi: SERVING })).toMatchObject({
      title: 'Serving Small Models Quickly on Shared Accelerators',
      venue: 'Proceedings of an Invented Symposium on Systems',
      year: 2023,
      source: 'doi',
    });
    // The published version's DOI and venue, with arXiv's abstract.
    expect(library.store.findPaper({ arxiv: '2305.11206' })).toMatchObject({
      doi: PUBLISHED_PREPRINT,
      venue: 'Proceedings of an Invented Symposium on Systems',
      abstract: expect.stringContaining('We ask how much instruction data'),
    });
    const [again] = await add(`doi:${PUBLISHED_PREPRINT}`);
    expect(again).toMatchObject({ status: 'already', id: '2305.11206' });
  });

  it('says clearly what cannot be added, and writes nothing for it', async () => {
    const { add, library } = setUp();
    const results = await add(
      '2301.99999',
      'not a paper at all',
      '2101.00001',
      NO_ABSTRACT,
      '10.9999/nobody.knows',
    );
    expect(results.map(addResultJson)).toEqual([
      {
        ref: '2301.99999',
        status: 'not-found',
        message: 'arXiv has no paper 2301.99999; check the id.',
      },
      {
        ref: 'not a paper at all',
        status: 'failed',
        message:
          'That is not an arXiv id or URL, or a DOI: write it like 2305.11206 or 10.1145/3442188.3445922.',
      },
      {
        ref: '2101.00001',
        status: 'failed',
        message: 'arXiv 2101.00001 has been withdrawn by its authors, so it was not added.',
      },
      {
        ref: NO_ABSTRACT,
        status: 'failed',
        message: `Neither Crossref nor OpenAlex has an abstract for ${NO_ABSTRACT}, so it was not added.`,
      },
      {
        ref: '10.9999/nobody.knows',
        status: 'not-found',
        message: 'Neither Crossref nor OpenAlex knows the DOI 10.9999/nobody.knows; check it.',
      },
    ]);
    expect(rowCount(library)).toBe(0);
  });

  it('waits out a 503 with Retry-After, then adds the paper', async () => {
    const { add } = setUp();
    services.api.failNext(busy('7'));
    const [result] = await add('2408.11039');
    expect(result?.status).toBe('added');
    expect(services.clock.sleeps).toContain(7_000);
  });

  it('gives up on arXiv when it hangs, with a sentence to show, and adds nothing', async () => {
    const { add, library } = setUp();
    services.api.failNext({ fault: 'hang' });
    const results = await add('2408.11039', '2305.11206');
    expect(results.map(addResultJson)).toEqual([
      {
        ref: '2408.11039',
        status: 'failed',
        message: 'arXiv took too long to answer; try again later.',
      },
      {
        ref: '2305.11206',
        status: 'failed',
        message: 'arXiv took too long to answer; try again later.',
      },
    ]);
    expect(rowCount(library)).toBe(0);
  });

  it('keeps a 2 MB title cut to a readable length', async () => {
    const { add, library } = setUp();
    const [result] = await add('2402.00002');
    expect(result?.status).toBe('added');
    const stored = library.store.findPaper({ arxiv: '2402.00002' });
    expect(stored?.title.length).toBeLessThanOrEqual(1_000);
    expect(stored?.title.endsWith('…')).toBe(true);
  });

  it('makes one row when two channels add the same paper at the same instant', async () => {
    const { library, options } = setUp();
    const [fromSlack, fromDiscord] = await Promise.all([
      addPapers(['2305.11206'], options),
      addPapers(['arXiv:2305.11206v2'], {
        ...options,
        who: '1234',
        where: { platform: 'discord', channel: '5678' },
      }),
    ]);
    expect([fromSlack[0]?.status, fromDiscord[0]?.status].sort()).toEqual(['added', 'already']);
    expect(rowCount(library)).toBe(1);
  });

  it('undoes a removal when the paper is added again, without asking any service', async () => {
    const files: Paper[] = [
      { id: 'levy2023', title: 'LIMA', abstract: 'a', authors: [], arxiv: '2305.11206' },
    ];
    const { add, library } = setUp({ inCorpus: corpusLookupOf(files) });
    library.store.removePaper({ id: 'levy2023', arxiv: '2305.11206' }, { by: 'admin' }, 1);
    const before = apiRequests();
    const [result] = await add('2305.11206');
    expect(result).toMatchObject({
      status: 'added',
      id: 'levy2023',
      message: 'It had been removed; it is back in the library.',
    });
    expect(library.store.isRemoved({ id: 'levy2023' })).toBe(false);
    expect(apiRequests()).toBe(before);
  });

  it('says the library is busy when another process holds its lock, and adds nothing', async () => {
    const { add, library } = setUp();
    const holder = await holdWriteLock(library);
    try {
      const [result] = await add('2408.11039');
      expect(result).toMatchObject({
        status: 'failed',
        message: expect.stringContaining('another process held the database lock too long'),
      });
    } finally {
      await holder.release();
    }
    expect(rowCount(library)).toBe(0);
  });

  it(`refuses more than ${MAX_REFS_PER_CHAT} references from a chat, and none at all, before asking anyone`, async () => {
    const { options } = setUp({ maxRefs: MAX_REFS_PER_CHAT });
    const before = apiRequests();
    const eleven = Array.from({ length: 11 }, (_, i) => `2305.${String(11200 + i)}`);
    await expect(addPapers(eleven, options)).rejects.toSatisfy(
      (error) =>
        isShammieError(error) &&
        error.message === 'Add at most 10 papers at a time (11 were given).',
    );
    await expect(addPapers([], options)).rejects.toSatisfy(isShammieError);
    expect(apiRequests()).toBe(before);
  });
});
