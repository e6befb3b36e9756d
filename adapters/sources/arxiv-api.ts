/**
 * The arXiv API (an Atom feed over HTTP GET; `ARXIV_API_URL`, by default
 * https://export.arxiv.org/api/query): papers by id (`id_list`, in batches) and searches
 * (`search_query`, paged with `start`/`max_results`). arXiv asks for one request every three
 * seconds on one connection: every client shares the process-wide "arxiv" queue.
 */

import { parseArxivId } from '../../src/index.ts';
import { arxivVersion } from './arxiv-ids.ts';
import { type ArxivRecord, toArxivRecord } from './arxiv-record.ts';
import type { PoliteHttp } from './polite-http.ts';
import { ServiceError } from './service-error.ts';
import {
  attribute,
  child,
  children,
  childText,
  parseXml,
  textOf,
  type XmlNode,
} from './xml-document.ts';

/** arXiv's own request spacing: one request every three seconds. */
export const ARXIV_SPACING_MS = 3_000;
/** Ids asked for in one `id_list` request (arXiv's URLs stay short enough at this size). */
export const DEFAULT_ID_BATCH = 100;
/** Results asked for per search request (arXiv allows up to 2,000; smaller pages fail less). */
export const DEFAULT_PAGE_SIZE = 100;
/** Results a search returns when the caller names no `max`. */
export const DEFAULT_SEARCH_MAX = 50;
/** arXiv serves no result past this offset of one search. */
export const MAX_SEARCH_RESULTS = 30_000;

const ATOM = 'application/atom+xml';

export interface ArxivApiOptions {
  /** A client whose base URL is the API endpoint (see create-sources.ts). */
  http: PoliteHttp;
  idBatch?: number;
  pageSize?: number;
}

export interface ArxivSearchOptions {
  /** Most results wanted (`--max N`), at most {@link MAX_SEARCH_RESULTS}. */
  max?: number;
  sortBy?: 'relevance' | 'lastUpdatedDate' | 'submittedDate';
  sortOrder?: 'ascending' | 'descending';
  /** Stops the search: a request under way is cancelled (Ctrl-C on the command line). */
  signal?: AbortSignal;
}

/** One page of search results. */
export interface ArxivSearchPage {
  /** Offset of the page's first result. */
  start: number;
  /** Results arXiv says the search has in all. */
  total: number;
  records: ArxivRecord[];
}

export interface ArxivPapers {
  /** The papers found, in the order asked. */
  records: ArxivRecord[];
  /** The references (as given) that name no paper arXiv has, in the order asked. */
  missing: string[];
}

export interface ArxivApi {
  /** The paper with this id (any version; the latest is returned), or undefined when none. */
  getPaper(arxiv: string): Promise<ArxivRecord | undefined>;
  /** Papers by id, asked in batches; ids that are not arXiv ids count as missing. */
  getPapers(ids: readonly string[]): Promise<ArxivPapers>;
  /** Search results page by page, up to `max` (memory holds one page). */
  searchPages(query: string, options?: ArxivSearchOptions): AsyncGenerator<ArxivSearchPage>;
  /** Search results up to `max`, collected. */
  search(
    query: string,
    options?: ArxivSearchOptions,
  ): Promise<{ total: number; records: ArxivRecord[] }>;
}

/** Creates the arXiv API client (see the module comment). */
export function createArxivApi(options: ArxivApiOptions): ArxivApi {
  const { http } = options;
  const idBatch = options.idBatch ?? DEFAULT_ID_BATCH;
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;

  async function query(
    params: Record<string, string | number>,
    signal?: AbortSignal,
  ): Promise<AtomFeed> {
    const answer = await http.getText('', {
      query: params,
      accept: ATOM,
      ...(signal ? { signal } : {}),
    });
    return readAtomFeed(answer.text, http.service);
  }

  async function getPapers(ids: readonly string[]): Promise<ArxivPapers> {
    const parsed = ids.map((id) => parseArxivId(id));
    const wanted = [...new Set(parsed.filter((id): id is string => id !== undefined))];
    const found = new Map<string, ArxivRecord>();
    for (let at = 0; at < wanted.length; at += idBatch) {
      const batch = wanted.slice(at, at + idBatch);
      const feed = await query({ id_list: batch.join(','), start: 0, max_results: batch.length });
      for (const record of feed.records) found.set(record.arxiv, record);
    }
    const records: ArxivRecord[] = [];
    const missing: string[] = [];
    const seen = new Set<string>();
    ids.forEach((id, index) => {
      const arxiv = parsed[index];
      const record = arxiv === undefined ? undefined : found.get(arxiv);
      if (record === undefined) missing.push(id);
      else if (!seen.has(record.arxiv)) {
        seen.add(record.arxiv);
        records.push(record);
      }
    });
    return { records, missing };
  }

  async function* searchPages(
    text: string,
    search: ArxivSearchOptions = {},
  ): AsyncGenerator<ArxivSearchPage> {
    const max = Math.min(
      Math.max(0, Math.floor(search.max ?? DEFAULT_SEARCH_MAX)),
      MAX_SEARCH_RESULTS,
    );
    const searchQuery = buildSearchQuery(text);
    if (searchQuery === '') return;
    for (let start = 0; start < max; ) {
      const feed = await query(
        {
          search_query: searchQuery,
          start,
          max_results: Math.min(pageSize, max - start),
          ...(search.sortBy ? { sortBy: search.sortBy } : {}),
          ...(search.sortOrder ? { sortOrder: search.sortOrder } : {}),
        },
        search.signal,
      );
      const records = feed.records.slice(0, max - start);
      // arXiv sometimes answers an empty page in the middle of a search: stop rather than loop.
      if (records.length === 0) return;
      yield { start, total: feed.total, records };
      start += feed.entryCount;
      if (start >= feed.total) return;
    }
  }

  return {
    async getPaper(arxiv) {
      const { records } = await getPapers([arxiv]);
      return records[0];
    },
    getPapers,
    searchPages,
    async search(text, search = {}) {
      let total = 0;
      const records: ArxivRecord[] = [];
      for await (const page of searchPages(text, search)) {
        total = page.total;
        records.push(...page.records);
      }
      return { total, records };
    },
  };
}

/** Field prefixes and operators of arXiv's query syntax: a query using them is sent as written. */
const QUERY_SYNTAX =
  /(?:^|[\s(])(?:ti|au|abs|co|jr|cat|rn|id|all|submittedDate):|\b(?:AND|OR|ANDNOT)\b/;

/**
 * arXiv's `search_query` for what a user typed: sent as written when it already uses arXiv's
 * syntax (`ti:`, `au:`, `cat:`, AND/OR/ANDNOT), else every word and "quoted phrase" must match
 * anywhere (`all:word AND all:"a phrase"`).
 */
export function buildSearchQuery(text: string): string {
  const trimmed = text.trim().slice(0, 1_000);
  if (QUERY_SYNTAX.test(trimmed)) return trimmed;
  const terms: string[] = [];
  for (const match of trimmed.matchAll(/"([^"]*)"|(\S+)/g)) {
    const phrase = (match[1] ?? '').replace(/\s+/g, ' ').trim();
    const word = (match[2] ?? '').replace(/["()]/g, '');
    if (phrase !== '') terms.push(`all:"${phrase}"`);
    else if (word !== '') terms.push(`all:${word}`);
  }
  return terms.join(' AND ');
}

/** One arXiv API answer, read. */
export interface AtomFeed {
  total: number;
  /** Entries in the page, counting ones that were not papers (for paging). */
  entryCount: number;
  records: ArxivRecord[];
}

/**
 * Reads an arXiv API answer. Entries that are errors (`…/api/errors#…`) or empty (an id arXiv
 * does not have) are left out; anything that is not an Atom feed is BAD_RESPONSE.
 */
export function readAtomFeed(text: string, service = 'arXiv'): AtomFeed {
  const feed = child(parseXml(text), 'feed');
  if (!feed) {
    throw new ServiceError(
      'BAD_RESPONSE',
      service,
      `${service} sent an answer Shammie could not read; try again later.`,
    );
  }
  const entries = children(feed, 'entry');
  const records: ArxivRecord[] = [];
  for (const entry of entries) {
    const record = readEntry(entry);
    if (record) records.push(record);
  }
  const total = Number.parseInt(childText(feed, 'totalResults'), 10);
  return {
    total: Number.isSafeInteger(total) && total >= 0 ? total : records.length,
    entryCount: entries.length,
    records,
  };
}

function readEntry(entry: unknown): ArxivRecord | undefined {
  const entryId = childText(entry, 'id');
  if (entryId.includes('/api/errors')) return undefined;
  const arxiv = parseArxivId(entryId);
  const title = textOf((entry as XmlNode | undefined)?.title);
  // arXiv has answered unknown ids with an entry that has an id but no title or abstract.
  if (arxiv === undefined || (title.trim() === '' && childText(entry, 'summary') === '')) {
    return undefined;
  }
  const version = arxivVersion(entryId);
  const doi = childText(entry, 'doi');
  const journalRef = childText(entry, 'journal_ref');
  const comment = childText(entry, 'comment');
  const published = childText(entry, 'published');
  const updated = childText(entry, 'updated');
  const primaryCategory = attribute(child(entry, 'primary_category'), 'term');
  return toArxivRecord({
    arxiv,
    title,
    abstract: textOf((entry as XmlNode).summary),
    authors: children(entry, 'author').map((author) => childText(author, 'name')),
    categories: children(entry, 'category').map((category) => attribute(category, 'term')),
    ...(version === undefined ? {} : { version }),
    ...(primaryCategory ? { primaryCategory } : {}),
    ...(published ? { published } : {}),
    ...(updated ? { updated } : {}),
    ...(doi ? { doi } : {}),
    ...(journalRef ? { journalRef } : {}),
    ...(comment ? { comment } : {}),
  });
}
