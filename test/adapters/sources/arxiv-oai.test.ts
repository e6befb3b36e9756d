import { afterEach, describe, expect, it } from 'vitest';
import { inCategory, oaiSetFor } from '../../../adapters/sources/arxiv-categories.ts';
import { createArxivOai, type OaiPage } from '../../../adapters/sources/arxiv-oai.ts';
import { splitAuthorList } from '../../../adapters/sources/author-list.ts';
import { createPoliteHttp } from '../../../adapters/sources/polite-http.ts';
import { isServiceError } from '../../../adapters/sources/service-error.ts';
import { isShammieError } from '../../../src/index.ts';
import {
  type FakeArxivOai,
  type OaiItem,
  oaiEnvelope,
  oaiError,
  oaiToken,
  startFakeArxivOai,
  xml,
} from './fakes/fake-arxiv-oai.ts';
import { fakeClock } from './fakes/fake-clock.ts';
import { busy } from './fakes/fake-service.ts';
import { samplePaper } from './fakes/sample-papers.ts';

const ITEMS: OaiItem[] = [
  {
    paper: samplePaper({ arxiv: '2401.00001', categories: ['cs.CL', 'cs.AI'] }),
    datestamp: '2024-01-02',
    setSpec: 'cs',
  },
  {
    paper: samplePaper({ arxiv: '2401.00002', categories: ['cs.CV'] }),
    datestamp: '2024-01-02',
    setSpec: 'cs',
  },
  {
    paper: samplePaper({ arxiv: '2401.00003', categories: ['cs.LG', 'cs.CL'] }),
    datestamp: '2024-01-03',
    setSpec: 'cs',
  },
  {
    paper: samplePaper({ arxiv: '2401.00004', categories: ['cs.CL'] }),
    datestamp: '2024-01-03',
    setSpec: 'cs',
    deleted: true,
  },
  {
    paper: samplePaper({ arxiv: '2401.00005', categories: ['cs.CL'] }),
    datestamp: '2024-01-05',
    setSpec: 'cs',
  },
  {
    paper: samplePaper({ arxiv: '2401.00006', categories: ['hep-th'] }),
    datestamp: '2024-01-03',
    setSpec: 'physics:hep-th',
  },
];

let fake: FakeArxivOai | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function oai(items = ITEMS, pageSize = 2) {
  fake = await startFakeArxivOai(items, pageSize);
  const clock = fakeClock();
  const http = createPoliteHttp({
    service: 'arXiv',
    baseUrl: fake.oaiUrl,
    queue: clock.queue,
    now: clock.now,
    spacingMs: 3_000,
  });
  return { client: createArxivOai({ http }), fake, clock };
}

async function collect(pages: AsyncGenerator<OaiPage>): Promise<OaiPage[]> {
  const all: OaiPage[] = [];
  for await (const page of pages) all.push(page);
  return all;
}

describe('the arXiv OAI-PMH harvester', () => {
  it('harvests a category through its set, page by page, keeping only that category', async () => {
    const { client, fake, clock } = await oai();
    const pages = await collect(
      client.harvest({ category: 'cs.CL', from: '2024-01-01', until: '2024-01-31' }),
    );
    expect(pages.map((p) => p.records.map((r) => r.arxiv))).toEqual([
      ['2401.00001'],
      ['2401.00003'],
      ['2401.00005'],
    ]);
    expect(pages.map((p) => p.harvested)).toEqual([2, 2, 1]);
    expect(pages[1]?.deleted).toEqual(['2401.00004']);
    expect(pages.at(-1)?.resumptionToken).toBeUndefined();
    expect(pages[0]).toMatchObject({ completeListSize: 5, cursor: 0 });
    const first = fake.requests[0]!.query;
    expect(Object.fromEntries(first)).toEqual({
      verb: 'ListRecords',
      metadataPrefix: 'arXiv',
      set: 'cs',
      from: '2024-01-01',
      until: '2024-01-31',
    });
    // Later requests carry the token alone, as the protocol requires.
    expect([...fake.requests[1]!.query.keys()].sort()).toEqual(['resumptionToken', 'verb']);
    expect(clock.sleeps).toEqual([3_000, 3_000]);
  });

  it('reads the arXiv format into full records', async () => {
    const { client } = await oai();
    const [page] = await collect(client.harvest({ category: 'cs.CL' }));
    expect(page?.records[0]).toMatchObject({
      arxiv: '2401.00001',
      title: 'Small Instruction Sets Go a Long Way: Tuning Language Models on a Thousand Prompts',
      authors: ['Ada Quill', 'Bertrand Okafor', 'Chen Wei'],
      categories: ['cs.CL', 'cs.AI'],
      primaryCategory: 'cs.CL',
      published: '2023-05-18',
      year: 2023,
      url: 'https://arxiv.org/abs/2401.00001',
    });
    expect(page?.records[0]?.abstract).toMatch(/^We ask how much instruction data/);
  });

  it('reads the arXivRaw format with versions and dates', async () => {
    const { client, fake } = await oai();
    const [page] = await collect(client.harvest({ category: 'cs.CL', metadataPrefix: 'arXivRaw' }));
    expect(fake.requests[0]?.query.get('metadataPrefix')).toBe('arXivRaw');
    expect(page?.records[0]).toMatchObject({
      arxiv: '2401.00001',
      version: 2,
      authors: ['Ada Quill', 'Bertrand Okafor', 'Chen Wei'],
      published: '2023-05-18T17:45:22Z',
      updated: '2023-06-01T09:12:03Z',
    });
  });

  it('resumes from a stored token and filters the same way', async () => {
    const { client } = await oai();
    const first = await client.harvest({ category: 'cs.CL' }).next();
    const token = (first.value as OaiPage).resumptionToken;
    expect(token).toBeDefined();
    const rest = await collect(client.harvest({ category: 'cs.CL', resumptionToken: token! }));
    expect(rest.flatMap((p) => p.records.map((r) => r.arxiv))).toEqual([
      '2401.00003',
      '2401.00005',
    ]);
  });

  it('reports an expired token as EXPIRED_TOKEN the caller can act on', async () => {
    const { client, fake } = await oai();
    const first = await client.harvest({ category: 'cs' }).next();
    fake.expireTokens();
    const error = await collect(
      client.harvest({ resumptionToken: (first.value as OaiPage).resumptionToken! }),
    ).catch((e: unknown) => e);
    expect(isServiceError(error) && error.code).toBe('EXPIRED_TOKEN');
    expect((error as Error).message).toBe(
      'arXiv no longer accepts the saved harvest position; start the harvest again.',
    );
  });

  it('treats noRecordsMatch as an empty harvest', async () => {
    const { client } = await oai();
    expect(await collect(client.harvest({ category: 'cs.CL', from: '2030-01-01' }))).toEqual([]);
  });

  it('harvests a physics archive through its physics:archive set', async () => {
    const { client, fake } = await oai();
    const pages = await collect(client.harvest({ category: 'hep-th' }));
    expect(fake.requests[0]?.query.get('set')).toBe('physics:hep-th');
    expect(pages.flatMap((p) => p.records.map((r) => r.arxiv))).toEqual(['2401.00006']);
  });

  it('goes on through a page with no records', async () => {
    const { client, fake } = await oai();
    const token = oaiToken(0, { verb: 'ListRecords', metadataPrefix: 'arXiv', set: 'cs' });
    fake.failNext(
      xml(
        oaiEnvelope(
          `<ListRecords><resumptionToken cursor="0" completeListSize="5">${token}</resumptionToken></ListRecords>`,
        ),
      ),
    );
    const pages = await collect(client.harvest({ category: 'cs.CL' }));
    expect(pages[0]).toMatchObject({ records: [], harvested: 0, resumptionToken: token });
    expect(pages.flatMap((p) => p.records.map((r) => r.arxiv))).toEqual([
      '2401.00001',
      '2401.00003',
      '2401.00005',
    ]);
  });

  it('stops with BAD_RESPONSE when the service repeats a token', async () => {
    const { client, fake } = await oai();
    const page = xml(
      oaiEnvelope('<ListRecords><resumptionToken>same</resumptionToken></ListRecords>'),
    );
    fake.failNext(page, page);
    const error = await collect(client.harvest({ category: 'cs' })).catch((e: unknown) => e);
    expect(isServiceError(error) && error.code).toBe('BAD_RESPONSE');
  });

  it('names other OAI errors with their code', async () => {
    const { client, fake } = await oai();
    fake.failNext(xml(oaiError('badArgument', 'Illegal set')));
    const error = await collect(client.harvest({ set: 'nonsense' })).catch((e: unknown) => e);
    expect(isServiceError(error) && error.serviceCode).toBe('badArgument');
    expect((error as Error).message).toBe('arXiv refused the harvest (badArgument: Illegal set).');
  });

  it('waits out flow control (503 with Retry-After) in the middle of a harvest', async () => {
    const { client, fake, clock } = await oai();
    const pages = client.harvest({ category: 'cs.CL' });
    await pages.next();
    fake.failNext(busy('30'));
    const second = await pages.next();
    expect((second.value as OaiPage).records.map((r) => r.arxiv)).toEqual(['2401.00003']);
    expect(clock.sleeps).toContain(30_000);
  });

  it('calls a body that is not OAI-PMH a BAD_RESPONSE', async () => {
    const { client, fake } = await oai();
    fake.failNext(xml('<html><body>oops</body></html>'), xml('<OAI-PMH><ListRecords><record>'));
    for (let i = 0; i < 2; i++) {
      const error = await collect(client.harvest({ category: 'cs' })).catch((e: unknown) => e);
      expect(isServiceError(error) && error.code).toBe('BAD_RESPONSE');
    }
  });

  it('refuses a bad category or date before asking arXiv', async () => {
    const { client, fake } = await oai();
    for (const options of [
      { category: 'cs/CL' },
      { from: '2024-13-45' },
      { from: '2024-02-01', until: '2024-01-01' },
    ]) {
      const error = await collect(client.harvest(options)).catch((e: unknown) => e);
      expect(isShammieError(error)).toBe(true);
    }
    expect(fake.requests).toEqual([]);
  });
});

describe('categories and sets', () => {
  it('maps a category to the set that holds it', () => {
    expect(oaiSetFor('cs.CL')).toBe('cs');
    expect(oaiSetFor('math')).toBe('math');
    expect(oaiSetFor('astro-ph.CO')).toBe('physics:astro-ph');
    expect(oaiSetFor('cond-mat.stat-mech')).toBe('physics:cond-mat');
  });

  it('matches a category exactly and an archive by prefix', () => {
    expect(inCategory(['cs.LG', 'cs.CL'], 'cs.CL')).toBe(true);
    expect(inCategory(['cs.CLX'], 'cs.CL')).toBe(false);
    expect(inCategory(['cs.LG'], 'cs')).toBe(true);
    expect(inCategory(['csx.LG'], 'cs')).toBe(false);
  });
});

describe('author lists written as one string', () => {
  it('splits on commas and the last "and", not inside parentheses', () => {
    expect(splitAuthorList('A. One, B. Two and C. Three')).toEqual([
      'A. One',
      'B. Two',
      'C. Three',
    ]);
    expect(splitAuthorList('A. One (Univ. X, Y and Z), B. Two')).toEqual([
      'A. One (Univ. X, Y and Z)',
      'B. Two',
    ]);
    expect(splitAuthorList('')).toEqual([]);
  });
});
