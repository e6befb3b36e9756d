/**
 * Harvesting arXiv through OAI-PMH (`ARXIV_OAI_URL`, by default https://oaipmh.arxiv.org/oai):
 * `ListRecords` in the `arXiv` (or `arXivRaw`) metadata format, for a set, between two dates,
 * page by page through resumption tokens. Each page is yielded with the token that fetches the
 * next one, so a caller can store it and resume later; memory holds one page. Errors follow the
 * protocol: `noRecordsMatch` is an empty harvest, `badResumptionToken` an EXPIRED_TOKEN the
 * caller can act on (start again), anything else BAD_RESPONSE with the OAI code.
 */

import { parseArxivId, ShammieError } from '../../src/index.ts';
import { checkCategory, inCategory, oaiSetFor } from './arxiv-categories.ts';
import { arxivVersion } from './arxiv-ids.ts';
import { type ArxivRecord, type RawArxivFields, toArxivRecord } from './arxiv-record.ts';
import { splitAuthorList } from './author-list.ts';
import type { PoliteHttp } from './polite-http.ts';
import { ServiceError, serviceError } from './service-error.ts';
import {
  attribute,
  child,
  children,
  childText,
  isNode,
  parseXml,
  textOf,
  type XmlNode,
} from './xml-document.ts';

export type OaiMetadataPrefix = 'arXiv' | 'arXivRaw';

export interface OaiHarvestOptions {
  /**
   * Only papers of this category (`cs.CL`) or archive (`cs`): harvested through its set and
   * filtered on the records' categories.
   */
  category?: string;
  /** An OAI set to harvest as is (`cs`, `physics:hep-th`); default: the category's set. */
  set?: string;
  /** First datestamp (YYYY-MM-DD), inclusive. */
  from?: string;
  /** Last datestamp (YYYY-MM-DD), inclusive. */
  until?: string;
  metadataPrefix?: OaiMetadataPrefix;
  /** Resume an earlier harvest from this token (the other options then only filter). */
  resumptionToken?: string;
  /** Stops the harvest: a request under way is cancelled (Ctrl-C on the command line). */
  signal?: AbortSignal;
}

/** One page of a harvest. */
export interface OaiPage {
  /** The papers of the page (only those of `category`, when one was given). */
  records: ArxivRecord[];
  /** Ids of records the archive marks deleted. */
  deleted: string[];
  /** Records in the page before filtering by category. */
  harvested: number;
  /** The token that fetches the next page: store it to resume. Undefined on the last page. */
  resumptionToken?: string;
  /** Records of the whole list, when the service says. */
  completeListSize?: number;
  /** Position of this page's first record in the whole list, when the service says. */
  cursor?: number;
}

export interface ArxivOai {
  /** Pages of the harvest, fetched one at a time as the caller asks for them. */
  harvest(options: OaiHarvestOptions): AsyncGenerator<OaiPage>;
}

export interface ArxivOaiOptions {
  /** A client whose base URL is the OAI-PMH endpoint. */
  http: PoliteHttp;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Creates the OAI-PMH client (see the module comment). */
export function createArxivOai(options: ArxivOaiOptions): ArxivOai {
  const { http } = options;

  async function* harvest(harvestOptions: OaiHarvestOptions): AsyncGenerator<OaiPage> {
    const request = checkOptions(harvestOptions);
    let token = harvestOptions.resumptionToken;
    for (;;) {
      // A resumption token is exclusive: the protocol forbids repeating the other arguments.
      const query =
        token === undefined ? request.first : { verb: 'ListRecords', resumptionToken: token };
      const answer = await http.getText('', {
        query,
        accept: 'text/xml',
        ...(harvestOptions.signal ? { signal: harvestOptions.signal } : {}),
      });
      const page = readListRecords(answer.text, http.service, request.category);
      if (page === 'no-records') return;
      yield page;
      if (page.resumptionToken === undefined) return;
      if (page.resumptionToken === token) {
        // The same token twice would loop forever.
        throw serviceError('BAD_RESPONSE', http.service, {
          serviceCode: 'repeatedResumptionToken',
        });
      }
      token = page.resumptionToken;
    }
  }

  return { harvest };
}

/**
 * Checks a harvest's dates: each written YYYY-MM-DD and a real day, `from` not after `until`.
 * Throws a ShammieError BAD_DATE naming the option (`--from`, `--until`) otherwise.
 */
export function checkHarvestDates(dates: { from?: string; until?: string }): void {
  for (const [name, value] of [
    ['from', dates.from],
    ['until', dates.until],
  ] as const) {
    if (value !== undefined && !isCalendarDay(value)) {
      throw new ShammieError('BAD_DATE', `--${name} must be a date written YYYY-MM-DD.`);
    }
  }
  if (dates.from && dates.until && dates.from > dates.until) {
    throw new ShammieError('BAD_DATE', '--from must not be after --until.');
  }
}

/** True for YYYY-MM-DD naming a day that exists (Date.parse alone takes 2024-02-30 as 1 March). */
function isCalendarDay(text: string): boolean {
  if (!DATE.test(text)) return false;
  const at = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(at) && new Date(at).toISOString().slice(0, 10) === text;
}

interface CheckedRequest {
  first: Record<string, string>;
  category?: string;
}

function checkOptions(options: OaiHarvestOptions): CheckedRequest {
  const category = options.category === undefined ? undefined : checkCategory(options.category);
  checkHarvestDates(options);
  const set = options.set ?? (category === undefined ? undefined : oaiSetFor(category));
  const first: Record<string, string> = {
    verb: 'ListRecords',
    metadataPrefix: options.metadataPrefix ?? 'arXiv',
  };
  if (set) first.set = set;
  if (options.from) first.from = options.from;
  if (options.until) first.until = options.until;
  return category === undefined ? { first } : { first, category };
}

/**
 * Reads one `ListRecords` answer: a page, `no-records` for the protocol's `noRecordsMatch`, or
 * a ServiceError for the other protocol errors and for anything that is not OAI-PMH.
 */
export function readListRecords(
  text: string,
  service: string,
  category?: string,
): OaiPage | 'no-records' {
  const root = child(parseXml(text), 'OAI-PMH');
  if (!root) throw serviceError('BAD_RESPONSE', service);
  const errors = children(root, 'error');
  if (errors.length > 0) {
    const codes = errors.map((error) => attribute(error, 'code'));
    if (codes.includes('noRecordsMatch')) return 'no-records';
    if (codes.includes('badResumptionToken'))
      throw serviceError('EXPIRED_TOKEN', service, { serviceCode: 'badResumptionToken' });
    const code = codes[0] || 'unknown';
    const detail = textOf(errors[0]).slice(0, 200);
    throw new ServiceError(
      'BAD_RESPONSE',
      service,
      `${service} refused the harvest (${code}${detail ? `: ${detail}` : ''}).`,
      { serviceCode: code },
    );
  }
  const list = root.ListRecords;
  // An empty <ListRecords/> parses as text, not an element: a page without records.
  if (list === undefined) throw serviceError('BAD_RESPONSE', service);
  const records: ArxivRecord[] = [];
  const deleted: string[] = [];
  const all = children(list, 'record');
  for (const entry of all) {
    const header = child(entry, 'header');
    if (attribute(header, 'status') === 'deleted') {
      const id = parseArxivId(childText(header, 'identifier').replace(/^oai:arXiv\.org:/i, ''));
      if (id) deleted.push(id);
      continue;
    }
    const record = readRecord(child(entry, 'metadata'));
    if (record && (category === undefined || inCategory(record.categories, category))) {
      records.push(record);
    }
  }
  return {
    records,
    deleted,
    harvested: all.length,
    ...readToken(list),
  };
}

function readToken(
  list: unknown,
): Pick<OaiPage, 'resumptionToken' | 'completeListSize' | 'cursor'> {
  const node = isNode(list) ? list.resumptionToken : undefined;
  const token = textOf(node).trim();
  const size = Number.parseInt(attribute(node, 'completeListSize'), 10);
  const cursor = Number.parseInt(attribute(node, 'cursor'), 10);
  return {
    ...(token ? { resumptionToken: token } : {}),
    ...(Number.isSafeInteger(size) ? { completeListSize: size } : {}),
    ...(Number.isSafeInteger(cursor) ? { cursor } : {}),
  };
}

function readRecord(metadata: XmlNode | undefined): ArxivRecord | undefined {
  const arxivFormat = child(metadata, 'arXiv');
  if (arxivFormat) return fromArxivFormat(arxivFormat);
  const raw = child(metadata, 'arXivRaw');
  return raw ? fromArxivRaw(raw) : undefined;
}

/** The `arXiv` format: structured authors, `created`/`updated` dates, no version numbers. */
function fromArxivFormat(node: XmlNode): ArxivRecord | undefined {
  const arxiv = parseArxivId(childText(node, 'id'));
  if (!arxiv) return undefined;
  const authors = children(child(node, 'authors'), 'author').map((author) =>
    [childText(author, 'forenames'), childText(author, 'keyname'), childText(author, 'suffix')]
      .filter((part) => part !== '')
      .join(' '),
  );
  return toArxivRecord({
    ...commonFields(node, arxiv),
    authors,
    ...optional('published', childText(node, 'created')),
    ...optional('updated', childText(node, 'updated') || childText(node, 'created')),
  });
}

/** The `arXivRaw` format: authors as one string, every version with its date. */
function fromArxivRaw(node: XmlNode): ArxivRecord | undefined {
  const arxiv = parseArxivId(childText(node, 'id'));
  if (!arxiv) return undefined;
  const versions = children(node, 'version');
  const first = versions[0];
  const last = versions[versions.length - 1];
  const version = arxivVersion(`${arxiv}${attribute(last, 'version')}`);
  return toArxivRecord({
    ...commonFields(node, arxiv),
    authors: splitAuthorList(childText(node, 'authors')),
    ...(version === undefined ? {} : { version }),
    ...optional('published', isoDate(childText(first, 'date'))),
    ...optional('updated', isoDate(childText(last, 'date'))),
  });
}

function commonFields(node: XmlNode, arxiv: string): Omit<RawArxivFields, 'authors'> {
  const categories = childText(node, 'categories')
    .split(' ')
    .filter((c) => c !== '');
  return {
    arxiv,
    title: textOf(node.title),
    abstract: textOf(node.abstract),
    categories,
    ...optional('primaryCategory', categories[0] ?? ''),
    ...optional('doi', childText(node, 'doi')),
    ...optional('journalRef', childText(node, 'journal-ref')),
    ...optional('comment', childText(node, 'comments')),
  };
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return value ? ({ [key]: value } as { [P in K]?: string }) : {};
}

/** An RFC 2822 date ("Thu, 18 May 2023 17:45:22 GMT") as ISO 8601, or undefined. */
function isoDate(text: string): string | undefined {
  const at = Date.parse(text);
  return text === '' || Number.isNaN(at)
    ? undefined
    : new Date(at).toISOString().replace('.000Z', 'Z');
}
