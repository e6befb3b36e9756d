import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildSearchQuery, createArxivApi } from '../../../adapters/sources/arxiv-api.ts';
import { MAX_TITLE_LENGTH } from '../../../adapters/sources/clean-text.ts';
import { createPoliteHttp } from '../../../adapters/sources/polite-http.ts';
import { isServiceError } from '../../../adapters/sources/service-error.ts';
import {
  atomEntry,
  atomFeed,
  atomReply,
  type FakeArxivApi,
  startFakeArxivApi,
} from './fakes/fake-arxiv-api.ts';
import { fakeClock } from './fakes/fake-clock.ts';
import { busy } from './fakes/fake-service.ts';
import { SAMPLE_PAPERS, samplePaper } from './fakes/sample-papers.ts';

let fake: FakeArxivApi;
beforeEach(async () => {
  fake = await startFakeArxivApi(SAMPLE_PAPERS);
});
afterEach(() => fake.close());

function api(options: { pageSize?: number; idBatch?: number; timeoutMs?: number } = {}) {
  const clock = fakeClock();
  const http = createPoliteHttp({
    service: 'arXiv',
    baseUrl: fake.apiUrl,
    queue: clock.queue,
    now: clock.now,
    spacingMs: 3_000,
    timeoutMs: options.timeoutMs ?? 2_000,
  });
  return { arxiv: createArxivApi({ http, ...options }), clock };
}

describe('the arXiv API client', () => {
  it('fetches a paper by id with every field, whitespace normalised', async () => {
    const record = await api().arxiv.getPaper('arXiv:2305.11206v1');
    expect(record).toEqual({
      arxiv: '2305.11206',
      version: 2,
      title: 'Small Instruction Sets Go a Long Way: Tuning Language Models on a Thousand Prompts',
      abstract:
        'We ask how much instruction data a pretrained language model needs. Tuning on a thousand carefully chosen prompts and answers, with no reinforcement learning, gives a model that people prefer in most head-to-head comparisons.',
      authors: ['Ada Quill', 'Bertrand Okafor', 'Chen Wei'],
      year: 2023,
      published: '2023-05-18T17:45:22Z',
      updated: '2023-06-01T09:12:03Z',
      categories: ['cs.CL', 'cs.AI', 'cs.LG'],
      primaryCategory: 'cs.CL',
      comment: '12 pages, 4 figures',
      withdrawn: false,
      url: 'https://arxiv.org/abs/2305.11206',
    });
    expect(fake.requests[0]?.query.get('id_list')).toBe('2305.11206');
  });

  it('keeps the DOI and journal reference an entry carries, and old-style ids', async () => {
    const { records, missing } = await api().arxiv.getPapers(['2408.11039', 'hep-th/9901001']);
    expect(missing).toEqual([]);
    expect(records.map((r) => r.arxiv)).toEqual(['2408.11039', 'hep-th/9901001']);
    expect(records[0]).toMatchObject({
      doi: '10.1234/fake.2024.77',
      journalRef: 'Proceedings of an Invented Conference 2024',
      primaryCategory: 'cs.AI',
    });
    expect(records[1]?.version).toBe(3);
  });

  it('reports ids arXiv does not have, malformed ones and non-ids as missing', async () => {
    const { records, missing } = await api().arxiv.getPapers([
      '2305.11206',
      '2305.99999',
      'hep-th/9912999',
      'not an id',
    ]);
    expect(records.map((r) => r.arxiv)).toEqual(['2305.11206']);
    expect(missing).toEqual(['2305.99999', 'hep-th/9912999', 'not an id']);
    expect(await api().arxiv.getPaper('2305.99999')).toBeUndefined();
  });

  it('treats an entry with an id but no title or abstract as no paper', async () => {
    fake.failNext(
      atomReply(
        atomFeed(
          ['<entry><id>http://arxiv.org/abs/2305.99999v1</id><title/><summary/></entry>'],
          1,
        ),
      ),
    );
    expect(await api().arxiv.getPaper('2305.99999')).toBeUndefined();
  });

  it('reads an error entry as no paper', async () => {
    fake.failNext(
      atomReply(
        atomFeed(
          [
            '<entry><id>http://arxiv.org/api/errors#incorrect_id_format_for_2305.1</id><title>Error</title><summary>incorrect id format for 2305.1</summary></entry>',
          ],
          1,
        ),
      ),
    );
    expect(await api().arxiv.getPaper('2305.11206')).toBeUndefined();
  });

  it('marks a withdrawn paper', async () => {
    const record = await api().arxiv.getPaper('2101.00001');
    expect(record?.withdrawn).toBe(true);
  });

  it('asks for ids in batches, spaced three seconds apart', async () => {
    const { arxiv, clock } = api({ idBatch: 2 });
    const { records } = await arxiv.getPapers(SAMPLE_PAPERS.map((p) => p.arxiv));
    expect(records).toHaveLength(4);
    expect(fake.requests.map((r) => r.query.get('id_list'))).toEqual([
      '2305.11206,2408.11039',
      'hep-th/9901001,2101.00001',
    ]);
    expect(clock.sleeps).toEqual([3_000]);
  });

  it('pages through a search with start and max_results up to --max', async () => {
    const papers = Array.from({ length: 7 }, (_, i) =>
      samplePaper({
        arxiv: `2401.0000${i}`,
        title: `Sparse attention study ${i}`,
        abstract: 'sparse attention',
      }),
    );
    await fake.close();
    fake = await startFakeArxivApi(papers);
    const { arxiv } = api({ pageSize: 3 });
    const result = await arxiv.search('sparse attention', { max: 5 });
    expect(result.total).toBe(7);
    expect(result.records.map((r) => r.arxiv)).toEqual([
      '2401.00000',
      '2401.00001',
      '2401.00002',
      '2401.00003',
      '2401.00004',
    ]);
    expect(fake.requests.map((r) => [r.query.get('start'), r.query.get('max_results')])).toEqual([
      ['0', '3'],
      ['3', '2'],
    ]);
    expect(fake.requests[0]?.query.get('search_query')).toBe('all:sparse AND all:attention');
  });

  it('stops at the end of the results', async () => {
    const result = await api({ pageSize: 2 }).arxiv.search('thousand prompts', { max: 100 });
    expect(result).toMatchObject({ total: 1, records: [{ arxiv: '2305.11206' }] });
    expect(fake.requests).toHaveLength(1);
  });

  it('stops when arXiv answers an empty page in the middle of a search', async () => {
    fake.failNext(atomReply(atomFeed([], 500, 0)));
    const result = await api().arxiv.search('anything', { max: 100 });
    expect(result.records).toEqual([]);
    expect(fake.requests).toHaveLength(1);
  });

  it('waits out a 503 with Retry-After and then answers', async () => {
    fake.failNext(busy('5'));
    const { arxiv, clock } = api();
    expect((await arxiv.getPaper('2305.11206'))?.arxiv).toBe('2305.11206');
    expect(clock.sleeps).toContain(5_000);
  });

  it('calls malformed Atom a BAD_RESPONSE with a sentence for the user', async () => {
    fake.failNext({ status: 200, body: '<feed><entry><title>broken</feed>' });
    const error = await api()
      .arxiv.getPaper('2305.11206')
      .catch((e: unknown) => e);
    expect(isServiceError(error) && error.code).toBe('BAD_RESPONSE');
    expect((error as Error).message).toBe(
      'arXiv sent an answer Shammie could not read; try again later.',
    );
  });

  it('calls an HTML page with status 200 a BAD_RESPONSE', async () => {
    fake.failNext({ status: 200, body: '<html><body>Down for maintenance</body></html>' });
    const error = await api()
      .arxiv.getPaper('2305.11206')
      .catch((e: unknown) => e);
    expect(isServiceError(error) && error.code).toBe('BAD_RESPONSE');
  });

  it('gives up on a hanging connection with TIMEOUT', async () => {
    fake.failNext({ fault: 'hang' });
    const error = await api({ timeoutMs: 100 })
      .arxiv.getPaper('2305.11206')
      .catch((e: unknown) => e);
    expect(isServiceError(error) && error.code).toBe('TIMEOUT');
  });

  it('caps a 2 MB title instead of storing it', async () => {
    const huge = samplePaper({ title: `${'very long title '.repeat(131_072)}end` });
    fake.failNext(atomReply(atomFeed([atomEntry(huge)], 1)));
    const record = await api().arxiv.getPaper('2305.11206');
    expect(record?.title.length).toBeLessThanOrEqual(MAX_TITLE_LENGTH);
    expect(record?.title.endsWith('…')).toBe(true);
    expect(record?.abstract).toContain('thousand carefully chosen prompts');
  });
});

describe('search queries', () => {
  it('requires every word and quoted phrase anywhere', () => {
    expect(buildSearchQuery('  long   context "state space" ')).toBe(
      'all:long AND all:context AND all:"state space"',
    );
  });

  it("sends a query in arXiv's own syntax as written", () => {
    expect(buildSearchQuery('au:levy AND cat:cs.CL')).toBe('au:levy AND cat:cs.CL');
    expect(buildSearchQuery('ti:"instruction tuning"')).toBe('ti:"instruction tuning"');
  });

  it('has nothing to search for in blank text', () => {
    expect(buildSearchQuery('   ')).toBe('');
  });
});
