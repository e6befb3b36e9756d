import { type FakeService, startFakeService, xmlEscape } from './fake-service.ts';
import type { SamplePaper } from './sample-papers.ts';

/** An Atom `<entry>` as the arXiv API writes one. */
export function atomEntry(paper: SamplePaper): string {
  const abs = `http://arxiv.org/abs/${paper.arxiv}v${paper.version}`;
  return `  <entry>
    <id>${abs}</id>
    <updated>${paper.updated}</updated>
    <published>${paper.published}</published>
    <title>${xmlEscape(paper.title)}</title>
    <summary>${xmlEscape(paper.abstract)}</summary>
${paper.authors.map((name) => `    <author>\n      <name>${xmlEscape(name)}</name>\n    </author>`).join('\n')}
${paper.doi ? `    <arxiv:doi xmlns:arxiv="http://arxiv.org/schemas/atom">${xmlEscape(paper.doi)}</arxiv:doi>\n    <link title="doi" href="http://dx.doi.org/${xmlEscape(paper.doi)}" rel="related"/>` : ''}
${paper.comment ? `    <arxiv:comment xmlns:arxiv="http://arxiv.org/schemas/atom">${xmlEscape(paper.comment)}</arxiv:comment>` : ''}
${paper.journalRef ? `    <arxiv:journal_ref xmlns:arxiv="http://arxiv.org/schemas/atom">${xmlEscape(paper.journalRef)}</arxiv:journal_ref>` : ''}
    <link href="${abs}" rel="alternate" type="text/html"/>
    <link title="pdf" href="http://arxiv.org/pdf/${paper.arxiv}v${paper.version}" rel="related" type="application/pdf"/>
    <arxiv:primary_category xmlns:arxiv="http://arxiv.org/schemas/atom" term="${paper.categories[0]}" scheme="http://arxiv.org/schemas/atom"/>
${paper.categories.map((term) => `    <category term="${term}" scheme="http://arxiv.org/schemas/atom"/>`).join('\n')}
  </entry>`;
}

/** An error entry, as arXiv answers a malformed id. */
export function atomErrorEntry(message: string): string {
  return `  <entry>
    <id>http://arxiv.org/api/errors#${xmlEscape(message.replaceAll(' ', '_'))}</id>
    <title>Error</title>
    <summary>${xmlEscape(message)}</summary>
    <updated>2024-01-01T00:00:00-05:00</updated>
    <link href="http://arxiv.org/api/errors#${xmlEscape(message.replaceAll(' ', '_'))}" rel="alternate" type="text/html"/>
    <author>
      <name>arXiv api core</name>
    </author>
  </entry>`;
}

/** A whole feed around `entries`. */
export function atomFeed(entries: string[], total: number, start = 0): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <link href="http://arxiv.org/api/query" rel="self" type="application/atom+xml"/>
  <title type="html">ArXiv Query</title>
  <id>http://arxiv.org/api/Zm9vYmFy</id>
  <updated>2024-01-01T00:00:00-05:00</updated>
  <opensearch:totalResults xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">${total}</opensearch:totalResults>
  <opensearch:startIndex xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">${start}</opensearch:startIndex>
  <opensearch:itemsPerPage xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">${entries.length}</opensearch:itemsPerPage>
${entries.join('\n')}
</feed>
`;
}

export interface FakeArxivApi extends FakeService {
  /** The API endpoint, for `ARXIV_API_URL`. */
  apiUrl: string;
}

/**
 * The arXiv API over `papers`: `id_list` answers the papers it knows (an unknown well-formed id
 * gets no entry; a malformed one an error entry), `search_query` matches every `all:` term
 * against title and abstract and pages with `start`/`max_results`.
 */
export async function startFakeArxivApi(papers: SamplePaper[]): Promise<FakeArxivApi> {
  const service = await startFakeService((request) => {
    if (request.path !== '/api/query') return { status: 404, body: 'Not Found' };
    const start = Number(request.query.get('start') ?? 0);
    const max = Number(request.query.get('max_results') ?? 10);
    const ids = request.query.get('id_list');
    if (ids) {
      const entries: string[] = [];
      for (const id of ids.split(',')) {
        const base = id.replace(/v\d+$/, '');
        const paper = papers.find((candidate) => candidate.arxiv === base);
        if (paper) entries.push(atomEntry(paper));
        else if (!/^\d{4}\.\d{4,5}$|^[a-z-]+(\.[A-Z]{2})?\/\d{7}$/.test(base)) {
          entries.push(atomErrorEntry(`incorrect id format for ${id}`));
        }
      }
      return atomReply(atomFeed(entries.slice(start, start + max), entries.length, start));
    }
    const terms = [
      ...(request.query.get('search_query') ?? '').matchAll(/all:(?:"([^"]+)"|(\S+))/g),
    ].map((match) => (match[1] ?? match[2] ?? '').toLowerCase());
    const hits = papers.filter((paper) =>
      terms.every((term) =>
        `${paper.title} ${paper.abstract}`.toLowerCase().replace(/\s+/g, ' ').includes(term),
      ),
    );
    return atomReply(atomFeed(hits.slice(start, start + max).map(atomEntry), hits.length, start));
  });
  return Object.assign(service, { apiUrl: `${service.url}/api/query` });
}

export function atomReply(body: string) {
  return { status: 200, headers: { 'content-type': 'application/atom+xml; charset=utf-8' }, body };
}
