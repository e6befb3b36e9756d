import { type FakeService, startFakeService, xmlEscape } from './fake-service.ts';
import type { SamplePaper } from './sample-papers.ts';

/** An item of an announcement feed, as rss.arxiv.org writes one. */
export interface FeedItem {
  paper: SamplePaper;
  announceType: string;
}

export function rssItem({ paper, announceType }: FeedItem): string {
  const versioned = `${paper.arxiv}v${paper.version}`;
  return `<item>
  <title>${xmlEscape(paper.title)}</title>
  <link>https://arxiv.org/abs/${versioned}</link>
  <description>${xmlEscape(`arXiv:${versioned} Announce Type: ${announceType} \nAbstract: ${paper.abstract}`)}</description>
  <guid isPermaLink="false">oai:arXiv.org:${versioned}</guid>
${paper.categories.map((c) => `  <category>${c}</category>`).join('\n')}
  <pubDate>Fri, 23 Feb 2024 00:00:00 -0500</pubDate>
  <arxiv:announce_type>${announceType}</arxiv:announce_type>
  <dc:rights>http://creativecommons.org/licenses/by/4.0/</dc:rights>
  <dc:creator>${xmlEscape(paper.authors.join(', '))}</dc:creator>
</item>`;
}

/** A whole feed for `category` announced on `pubDate` (RFC 822). */
export function rssFeed(
  category: string,
  items: FeedItem[],
  pubDate = 'Fri, 23 Feb 2024 00:00:00 -0500',
): string {
  return `<?xml version='1.0' encoding='UTF-8'?>
<rss xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" version="2.0">
<channel>
  <title>${category} updates on arXiv.org</title>
  <link>http://rss.arxiv.org/rss/${category}</link>
  <description>${category} updates on the arXiv.org e-print archive.</description>
  <atom:link href="http://rss.arxiv.org/rss/${category}" rel="self" type="application/rss+xml"/>
  <docs>http://www.rssboard.org/rss-specification</docs>
  <language>en-us</language>
  <lastBuildDate>${pubDate.replace('00:00:00 -0500', '05:00:11 +0000')}</lastBuildDate>
  <managingEditor>rss-help@arxiv.org</managingEditor>
  <pubDate>${pubDate}</pubDate>
  <skipDays>
    <day>Saturday</day>
    <day>Sunday</day>
  </skipDays>
${items.map(rssItem).join('\n')}
</channel>
</rss>
`;
}

export interface FakeArxivRss extends FakeService {
  /** The feed base, for `ARXIV_RSS_URL` (the category is appended). */
  rssUrl: string;
}

/** rss.arxiv.org over `feeds` (category → its feed); an unknown category gets an empty feed. */
export async function startFakeArxivRss(feeds: Record<string, string>): Promise<FakeArxivRss> {
  const service = await startFakeService((request) => {
    const category = request.path.replace(/^\/rss\//, '');
    return {
      status: 200,
      headers: { 'content-type': 'application/rss+xml; charset=utf-8' },
      body: feeds[category] ?? rssFeed(category, [], 'Sat, 24 Feb 2024 00:00:00 -0500'),
    };
  });
  return Object.assign(service, { rssUrl: `${service.url}/rss/` });
}
