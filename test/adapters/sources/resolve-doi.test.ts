import { afterEach, describe, expect, it } from 'vitest';
import { createCrossref } from '../../../adapters/sources/crossref.ts';
import { jatsText } from '../../../adapters/sources/jats-text.ts';
import { createOpenAlex, rebuildAbstract } from '../../../adapters/sources/openalex.ts';
import { createPoliteHttp } from '../../../adapters/sources/polite-http.ts';
import { createDoiResolver } from '../../../adapters/sources/resolve-doi.ts';
import { isServiceError } from '../../../adapters/sources/service-error.ts';
import { isShammieError } from '../../../src/index.ts';
import { fakeClock } from './fakes/fake-clock.ts';
import {
  crossrefWork,
  type FakeScholarly,
  openAlexWork,
  startFakeCrossref,
  startFakeOpenAlex,
} from './fakes/fake-scholarly.ts';

const DOI = '10.1145/3600006.3613165';
let fakes: FakeScholarly[] = [];
afterEach(async () => {
  await Promise.all(fakes.map((f) => f.close()));
  fakes = [];
});

async function resolver(
  crossrefWorks: Record<string, Record<string, unknown>>,
  openAlexWorks: Record<string, Record<string, unknown>>,
) {
  const crossrefFake = await startFakeCrossref(crossrefWorks);
  const openAlexFake = await startFakeOpenAlex(openAlexWorks);
  fakes.push(crossrefFake, openAlexFake);
  const clock = fakeClock();
  const http = (service: string, baseUrl: string) =>
    createPoliteHttp({
      service,
      baseUrl,
      queue: clock.queue,
      now: clock.now,
      retries: 1,
      backoffMs: 1,
    });
  const contactEmail = 'lab@example.org';
  return {
    doi: createDoiResolver({
      crossref: createCrossref({ http: http('Crossref', crossrefFake.apiUrl), contactEmail }),
      openalex: createOpenAlex({ http: http('OpenAlex', openAlexFake.apiUrl), contactEmail }),
    }),
    crossrefFake,
    openAlexFake,
  };
}

describe('resolving a DOI', () => {
  it("takes Crossref's metadata and its JATS abstract as plain text", async () => {
    const { doi, crossrefFake, openAlexFake } = await resolver(
      { [DOI]: crossrefWork() },
      { [DOI]: openAlexWork() },
    );
    const result = await doi.resolveDoi(`https://doi.org/${DOI.toUpperCase()}`);
    expect(result).toEqual({
      kind: 'found',
      record: {
        doi: DOI,
        title: 'Serving Small Models Quickly on Shared Accelerators',
        abstract:
          'We serve many small models on one accelerator by sharing its memory & batching requests across models. Latency stays under 50 ms at p99.',
        authors: ['Ines Moreau', 'Tariq Haddad', 'The Example Consortium'],
        year: 2023,
        published: '2023-10-23',
        venue: 'Proceedings of an Invented Symposium on Systems',
        type: 'proceedings-article',
        url: `https://doi.org/${DOI}`,
        metadataSource: 'crossref',
        abstractSource: 'crossref',
      },
    });
    expect(crossrefFake.requests[0]?.path).toBe(`/works/${DOI}`);
    expect(crossrefFake.requests[0]?.query.get('mailto')).toBe('lab@example.org');
    expect(openAlexFake.requests[0]?.path).toBe(`/works/doi:${DOI}`);
    expect(openAlexFake.requests[0]?.query.get('mailto')).toBe('lab@example.org');
  });

  it("rebuilds OpenAlex's abstract when Crossref has none", async () => {
    const { doi } = await resolver(
      { [DOI]: crossrefWork({ abstract: undefined }) },
      {
        [DOI]: openAlexWork(
          {},
          'Sharing memory lets one accelerator serve many small models at low latency.',
        ),
      },
    );
    const result = await doi.resolveDoi(DOI);
    expect(result.kind).toBe('found');
    if (result.kind !== 'found') return;
    expect(result.record.abstract).toBe(
      'Sharing memory lets one accelerator serve many small models at low latency.',
    );
    expect(result.record).toMatchObject({ metadataSource: 'crossref', abstractSource: 'openalex' });
  });

  it('falls back on OpenAlex metadata when Crossref does not know the DOI', async () => {
    const { doi } = await resolver({}, { [DOI]: openAlexWork() });
    const result = await doi.resolveDoi(DOI);
    expect(result).toMatchObject({
      kind: 'found',
      record: { metadataSource: 'openalex', authors: ['Ines Moreau', 'Tariq Haddad'] },
    });
  });

  it('says so when no service has an abstract', async () => {
    const { doi } = await resolver(
      { [DOI]: crossrefWork({ abstract: undefined }) },
      { [DOI]: openAlexWork({}, '') },
    );
    const result = await doi.resolveDoi(DOI);
    expect(result).toMatchObject({
      kind: 'no-abstract',
      record: { abstract: '', title: 'Serving Small Models Quickly on Shared Accelerators' },
    });
  });

  it('answers not-found when neither service knows the DOI', async () => {
    const { doi } = await resolver({}, {});
    expect(await doi.resolveDoi('10.9999/nothing.here')).toEqual({
      kind: 'not-found',
      doi: '10.9999/nothing.here',
    });
  });

  it("sends arXiv's own DOIs to arXiv without asking anyone", async () => {
    const { doi, crossrefFake, openAlexFake } = await resolver({}, {});
    expect(await doi.resolveDoi('doi:10.48550/arXiv.2305.11206')).toEqual({
      kind: 'arxiv',
      doi: '10.48550/arxiv.2305.11206',
      arxiv: '2305.11206',
    });
    expect(crossrefFake.requests).toEqual([]);
    expect(openAlexFake.requests).toEqual([]);
  });

  it('gives the arXiv preprint a Crossref relation names', async () => {
    const { doi } = await resolver(
      {
        [DOI]: crossrefWork({
          relation: {
            'has-preprint': [
              { 'id-type': 'arxiv', id: 'arXiv:2305.11206v2', 'asserted-by': 'subject' },
            ],
            cites: 'odd',
          },
        }),
      },
      { [DOI]: openAlexWork() },
    );
    const result = await doi.resolveDoi(DOI);
    expect(result.kind === 'found' && result.record.arxiv).toBe('2305.11206');
  });

  it('gives the arXiv preprint among OpenAlex locations', async () => {
    const { doi } = await resolver(
      { [DOI]: crossrefWork() },
      {
        [DOI]: openAlexWork({
          locations: [
            {
              landing_page_url: 'https://arxiv.org/abs/2408.11039v1',
              source: { display_name: 'arXiv (Cornell University)' },
            },
          ],
        }),
      },
    );
    const result = await doi.resolveDoi(DOI);
    expect(result.kind === 'found' && result.record.arxiv).toBe('2408.11039');
  });

  it('does not call a DOI missing when one service is down', async () => {
    const { doi, crossrefFake } = await resolver({}, {});
    crossrefFake.failNext({ status: 503 }, { status: 503 });
    const error = await doi.resolveDoi(DOI).catch((e: unknown) => e);
    expect(isServiceError(error) && error.code).toBe('SERVICE_DOWN');
    expect((error as Error).message).toBe('Crossref did not answer; try again later.');
  });

  it('uses OpenAlex alone when Crossref is down', async () => {
    const { doi, crossrefFake } = await resolver({}, { [DOI]: openAlexWork() });
    crossrefFake.failNext({ fault: 'drop' }, { fault: 'drop' });
    const result = await doi.resolveDoi(DOI);
    expect(result).toMatchObject({ kind: 'found', record: { metadataSource: 'openalex' } });
  });

  it('calls a Crossref answer of the wrong shape a BAD_RESPONSE', async () => {
    const { doi, crossrefFake, openAlexFake } = await resolver({}, {});
    crossrefFake.failNext({
      status: 200,
      body: '{"status":"ok","message":{"title":"not a list"}}',
    });
    openAlexFake.failNext({ status: 200, body: 'not json' });
    const error = await doi.resolveDoi(DOI).catch((e: unknown) => e);
    expect(isServiceError(error) && error.code).toBe('BAD_RESPONSE');
  });

  it('refuses text that is not a DOI', async () => {
    const { doi } = await resolver({}, {});
    const error = await doi.resolveDoi('not a doi').catch((e: unknown) => e);
    expect(isShammieError(error)).toBe(true);
  });
});

describe('abstract text', () => {
  it('reads JATS with the XML parser: headings dropped, entities decoded, paragraphs spaced, every space a plain one', () => {
    expect(
      jatsText(
        '<jats:title>Abstract</jats:title><jats:p>A &lt; B</jats:p><jats:p>C&#8201;D</jats:p>',
      ),
    ).toBe('A < B C D');
    expect(jatsText('<jats:p>unclosed')).toBeUndefined();
  });

  it('rebuilds an inverted index in word order, ignoring bad positions', () => {
    expect(
      rebuildAbstract({
        world: [1],
        hello: [0, 2],
        odd: [-1, 1.5, 1e9],
        bad: 'x' as unknown as number[],
      }),
    ).toBe('hello world hello');
  });
});
