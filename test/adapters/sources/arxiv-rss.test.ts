import { afterEach, describe, expect, it } from 'vitest';
import { announcementDate, createArxivRss } from '../../../adapters/sources/arxiv-rss.ts';
import { createPoliteHttp } from '../../../adapters/sources/polite-http.ts';
import { isServiceError } from '../../../adapters/sources/service-error.ts';
import { isShammieError } from '../../../src/index.ts';
import { type FakeArxivRss, rssFeed, startFakeArxivRss } from './fakes/fake-arxiv-rss.ts';
import { fakeClock } from './fakes/fake-clock.ts';
import { SAMPLE_PAPERS, samplePaper } from './fakes/sample-papers.ts';

let fake: FakeArxivRss | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function rss(feeds: Record<string, string>) {
  fake = await startFakeArxivRss(feeds);
  const clock = fakeClock();
  const http = createPoliteHttp({
    service: 'arXiv',
    baseUrl: fake.rssUrl,
    queue: clock.queue,
    now: clock.now,
  });
  return { client: createArxivRss({ http }), fake };
}

const CS_CL = rssFeed('cs.CL', [
  { paper: SAMPLE_PAPERS[0]!, announceType: 'new' },
  {
    paper: samplePaper({ arxiv: '2402.00002', version: 1, categories: ['cs.AI', 'cs.CL'] }),
    announceType: 'cross',
  },
  { paper: samplePaper({ arxiv: '2311.00003', version: 3 }), announceType: 'replace' },
  {
    paper: samplePaper({ arxiv: '2310.00004', version: 2, categories: ['cs.LG', 'cs.CL'] }),
    announceType: 'replace-cross',
  },
]);

describe('the arXiv announcement feed', () => {
  it("reads the day's items with their announce type, the category appended to the base", async () => {
    const { client, fake } = await rss({ 'cs.CL': CS_CL });
    const announcement = await client.announcements('cs.CL');
    expect(fake.requests[0]?.path).toBe('/rss/cs.CL');
    expect(announcement.date).toBe('2024-02-23');
    expect(announcement.items.map((i) => [i.arxiv, i.announceType])).toEqual([
      ['2305.11206', 'new'],
      ['2402.00002', 'cross'],
      ['2311.00003', 'replace'],
      ['2310.00004', 'replace-cross'],
    ]);
    expect(announcement.items[0]).toEqual({
      arxiv: '2305.11206',
      version: 2,
      title: 'Small Instruction Sets Go a Long Way: Tuning Language Models on a Thousand Prompts',
      abstract:
        'We ask how much instruction data a pretrained language model needs. Tuning on a thousand carefully chosen prompts and answers, with no reinforcement learning, gives a model that people prefer in most head-to-head comparisons.',
      authors: ['Ada Quill', 'Bertrand Okafor', 'Chen Wei'],
      categories: ['cs.CL', 'cs.AI', 'cs.LG'],
      announceType: 'new',
      url: 'https://arxiv.org/abs/2305.11206',
    });
  });

  it('answers a day without announcement (empty feed) with no items', async () => {
    const { client } = await rss({});
    expect(await client.announcements('cs.CL')).toEqual({ date: '2024-02-24', items: [] });
  });

  it('asks for several categories joined by +', async () => {
    const { client, fake } = await rss({ 'cs.CL+cs.AI': CS_CL });
    expect((await client.announcements('cs.CL+cs.AI')).items).toHaveLength(4);
    expect(fake.requests[0]?.path).toBe('/rss/cs.CL+cs.AI');
  });

  it('refuses something that is not a category before asking', async () => {
    const { client, fake } = await rss({});
    const error = await client.announcements('../../etc/passwd').catch((e: unknown) => e);
    expect(isShammieError(error)).toBe(true);
    expect(fake.requests).toEqual([]);
  });

  it('calls a page that is not RSS a BAD_RESPONSE', async () => {
    const { client, fake } = await rss({});
    fake.failNext({ status: 200, body: '<html><head><title>arXiv</title></head></html>' });
    const error = await client.announcements('cs.CL').catch((e: unknown) => e);
    expect(isServiceError(error) && error.code).toBe('BAD_RESPONSE');
  });

  it('reads the announcement date as written, not in UTC', () => {
    expect(announcementDate('Mon, 26 Feb 2024 00:00:00 -0500')).toBe('2024-02-26');
    expect(announcementDate('3 Mar 2025 00:00:00 GMT')).toBe('2025-03-03');
    expect(announcementDate('yesterday')).toBeUndefined();
  });
});
