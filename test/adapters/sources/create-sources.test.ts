import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSources, type Sources } from '../../../adapters/sources/create-sources.ts';
import { loadServiceConfig } from '../../../adapters/sources/service-config.ts';
import packageJson from '../../../package.json' with { type: 'json' };
import { type FakeArxivApi, startFakeArxivApi } from './fakes/fake-arxiv-api.ts';
import { type FakeArxivOai, startFakeArxivOai } from './fakes/fake-arxiv-oai.ts';
import { type FakeArxivRss, rssFeed, startFakeArxivRss } from './fakes/fake-arxiv-rss.ts';
import { fakeClock } from './fakes/fake-clock.ts';
import {
  crossrefWork,
  type FakeScholarly,
  openAlexWork,
  startFakeCrossref,
  startFakeOpenAlex,
} from './fakes/fake-scholarly.ts';
import { SAMPLE_PAPERS } from './fakes/sample-papers.ts';

const DOI = '10.1145/3600006.3613165';
let api: FakeArxivApi;
let oai: FakeArxivOai;
let rss: FakeArxivRss;
let crossref: FakeScholarly;
let openalex: FakeScholarly;
let sources: Sources;
const clock = fakeClock();

beforeAll(async () => {
  api = await startFakeArxivApi(SAMPLE_PAPERS);
  oai = await startFakeArxivOai([
    { paper: SAMPLE_PAPERS[0]!, datestamp: '2024-01-02', setSpec: 'cs' },
  ]);
  rss = await startFakeArxivRss({
    'cs.CL': rssFeed('cs.CL', [{ paper: SAMPLE_PAPERS[0]!, announceType: 'new' }]),
  });
  crossref = await startFakeCrossref({ [DOI]: crossrefWork() });
  openalex = await startFakeOpenAlex({ [DOI]: openAlexWork() });
  const config = loadServiceConfig({
    ARXIV_API_URL: api.apiUrl,
    ARXIV_OAI_URL: oai.oaiUrl,
    ARXIV_RSS_URL: rss.rssUrl,
    CROSSREF_API_URL: crossref.apiUrl,
    OPENALEX_API_URL: openalex.apiUrl,
    SHAMMIE_CONTACT_EMAIL: 'lab@example.org',
  });
  sources = createSources(config, { queue: clock.queue, now: clock.now });
});
afterAll(() => Promise.all([api, oai, rss, crossref, openalex].map((f) => f.close())));

describe('every service client built from the environment', () => {
  it("reaches each configured base, names Shammie with the contact address, and spaces arXiv's services as one", async () => {
    expect((await sources.arxiv.getPaper('2305.11206'))?.arxiv).toBe('2305.11206');
    const harvested: string[] = [];
    for await (const page of sources.oai.harvest({ category: 'cs.CL' })) {
      harvested.push(...page.records.map((r) => r.arxiv));
    }
    expect(harvested).toEqual(['2305.11206']);
    expect((await sources.rss.announcements('cs.CL')).items).toHaveLength(1);
    expect((await sources.dois.resolveDoi(DOI)).kind).toBe('found');
    const agent = `Shammie/${packageJson.version} (mailto:lab@example.org)`;
    for (const fake of [api, oai, rss, crossref, openalex]) {
      expect(fake.requests[0]?.headers['user-agent']).toBe(agent);
    }
    // arXiv's three services share one lane: three requests, two gaps of arXiv's spacing.
    expect(clock.sleeps.filter((ms) => ms === 3_000)).toHaveLength(2);
  });
});
