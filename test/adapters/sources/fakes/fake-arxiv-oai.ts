import { type FakeReply, type FakeService, startFakeService, xmlEscape } from './fake-service.ts';
import type { SamplePaper } from './sample-papers.ts';

/** A record in the fake archive: a paper, or a deleted one, with its datestamp and set. */
export interface OaiItem {
  paper: SamplePaper;
  datestamp: string;
  setSpec: string;
  deleted?: boolean;
}

function header(item: OaiItem): string {
  return `<header${item.deleted ? ' status="deleted"' : ''}>
  <identifier>oai:arXiv.org:${item.paper.arxiv}</identifier>
  <datestamp>${item.datestamp}</datestamp>
  <setSpec>${item.setSpec}</setSpec>
</header>`;
}

/** The `arXiv` metadata format: authors split into keyname and forenames. */
function arxivMetadata(paper: SamplePaper): string {
  const authors = paper.authors
    .map((name) => {
      const space = name.lastIndexOf(' ');
      return `<author><keyname>${xmlEscape(name.slice(space + 1))}</keyname><forenames>${xmlEscape(name.slice(0, Math.max(0, space)))}</forenames></author>`;
    })
    .join('');
  return `<arXiv xmlns="http://arxiv.org/OAI/arXiv/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <id>${paper.arxiv}</id>
  <created>${paper.published.slice(0, 10)}</created>
  <updated>${paper.updated.slice(0, 10)}</updated>
  <authors>${authors}</authors>
  <title>${xmlEscape(paper.title)}</title>
  <categories>${paper.categories.join(' ')}</categories>
  ${paper.comment ? `<comments>${xmlEscape(paper.comment)}</comments>` : ''}
  ${paper.journalRef ? `<journal-ref>${xmlEscape(paper.journalRef)}</journal-ref>` : ''}
  ${paper.doi ? `<doi>${xmlEscape(paper.doi)}</doi>` : ''}
  <license>http://creativecommons.org/licenses/by/4.0/</license>
  <abstract>${xmlEscape(paper.abstract)}</abstract>
</arXiv>`;
}

/** The `arXivRaw` format: authors as one string, every version with an RFC 2822 date. */
function arxivRawMetadata(paper: SamplePaper): string {
  const versions = Array.from({ length: paper.version }, (_, i) => {
    const date = new Date(
      i === 0 ? paper.published : i === paper.version - 1 ? paper.updated : paper.published,
    );
    return `<version version="v${i + 1}"><date>${date.toUTCString()}</date><size>512kb</size></version>`;
  }).join('');
  const authors =
    paper.authors.length > 1
      ? `${paper.authors.slice(0, -1).join(', ')} and ${paper.authors.at(-1)}`
      : (paper.authors[0] ?? '');
  return `<arXivRaw xmlns="http://arxiv.org/OAI/arXivRaw/">
  <id>${paper.arxiv}</id>
  <submitter>${xmlEscape(paper.authors[0] ?? '')}</submitter>
  ${versions}
  <title>${xmlEscape(paper.title)}</title>
  <authors>${xmlEscape(authors)}</authors>
  <categories>${paper.categories.join(' ')}</categories>
  ${paper.comment ? `<comments>${xmlEscape(paper.comment)}</comments>` : ''}
  <abstract>${xmlEscape(paper.abstract)}</abstract>
</arXivRaw>`;
}

export function oaiEnvelope(inner: string, request = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/ http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd">
<responseDate>2024-01-15T12:00:00Z</responseDate>
<request verb="ListRecords"${request}>http://export.arxiv.org/oai2</request>
${inner}
</OAI-PMH>
`;
}

export function oaiError(code: string, message: string): string {
  return oaiEnvelope(`<error code="${code}">${xmlEscape(message)}</error>`);
}

export interface FakeArxivOai extends FakeService {
  /** The endpoint, for `ARXIV_OAI_URL`. */
  oaiUrl: string;
  /** Makes every resumption token issued so far invalid (as when a harvest waits too long). */
  expireTokens(): void;
}

/**
 * arXiv's OAI-PMH over `items`: `ListRecords` by set and datestamp range, `pageSize` records a
 * page, resumption tokens that carry the offset and a generation (expired ones get
 * `badResumptionToken`), `noRecordsMatch` when nothing matches, `badArgument` for a bad date.
 */
export async function startFakeArxivOai(items: OaiItem[], pageSize = 2): Promise<FakeArxivOai> {
  let generation = 1;
  const respond = (query: URLSearchParams): FakeReply => {
    if (query.get('verb') !== 'ListRecords') return xml(oaiError('badVerb', 'Illegal verb'));
    let offset = 0;
    let original = query;
    const token = query.get('resumptionToken');
    if (token !== null) {
      const known = readToken(token);
      if (!known || known.generation !== generation || query.size > 2) {
        return xml(oaiError('badResumptionToken', 'Invalid or expired resumption token'));
      }
      offset = known.offset;
      original = new URLSearchParams(known.query);
    }
    const prefix = original.get('metadataPrefix');
    if (prefix !== 'arXiv' && prefix !== 'arXivRaw') {
      return xml(oaiError('cannotDisseminateFormat', `Unknown format ${prefix}`));
    }
    const from = original.get('from') ?? '0000-00-00';
    const until = original.get('until') ?? '9999-99-99';
    const set = original.get('set');
    const matching = items.filter(
      (item) =>
        item.datestamp >= from &&
        item.datestamp <= until &&
        (set === null || item.setSpec === set || item.setSpec.startsWith(`${set}:`)),
    );
    if (matching.length === 0) return xml(oaiError('noRecordsMatch', 'No records match'));
    const page = matching.slice(offset, offset + pageSize);
    const next = offset + pageSize;
    let resumption = `<resumptionToken cursor="${offset}" completeListSize="${matching.length}"/>`;
    if (next < matching.length) {
      const nextToken = oaiToken(next, Object.fromEntries(original), generation);
      resumption = `<resumptionToken cursor="${offset}" completeListSize="${matching.length}">${nextToken}</resumptionToken>`;
    }
    const records = page
      .map(
        (item) =>
          `<record>${header(item)}${item.deleted ? '' : `<metadata>${prefix === 'arXiv' ? arxivMetadata(item.paper) : arxivRawMetadata(item.paper)}</metadata>`}</record>`,
      )
      .join('\n');
    return xml(oaiEnvelope(`<ListRecords>\n${records}\n${resumption}\n</ListRecords>`));
  };
  const service = await startFakeService((request) =>
    request.path === '/oai' ? respond(request.query) : { status: 404, body: 'Not Found' },
  );
  return Object.assign(service, {
    oaiUrl: `${service.url}/oai`,
    expireTokens: () => {
      generation++;
    },
  });
}

/**
 * A resumption token of the fake: where the next page starts, the first request's arguments and
 * the generation it was issued in (tokens of an older generation have expired).
 */
export function oaiToken(offset: number, query: Record<string, string>, generation = 1): string {
  return Buffer.from(JSON.stringify({ offset, query, generation })).toString('base64url');
}

function readToken(
  token: string,
): { offset: number; query: Record<string, string>; generation: number } | undefined {
  try {
    return JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

export function xml(body: string): FakeReply {
  return { status: 200, headers: { 'content-type': 'text/xml; charset=utf-8' }, body };
}
