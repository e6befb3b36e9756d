import { parseArxivId, parseDoi } from '../corpus/paper-ids.ts';
import type { YearRange } from '../engine-types.ts';
import { ShammieError } from '../errors.ts';

/** Longest query accepted, in characters: longer text is a paste, not a question. */
export const MAX_QUERY_LENGTH = 500;

/** The words of a refusal of text that cannot be searched, in the caller's own terms. */
export interface QueryTextRefusals {
  /** Said for empty text. */
  empty: string;
  /** Said for text of `length` characters, past the limit. */
  tooLong: (length: number) => string;
}

/**
 * `text` when it can be searched. Throws ShammieError `EMPTY_QUERY` for empty text and
 * `QUERY_TOO_LONG` past `max` characters (default {@link MAX_QUERY_LENGTH}), with `refusals`' words.
 */
export function checkQueryText(
  text: string,
  refusals: QueryTextRefusals,
  max = MAX_QUERY_LENGTH,
): string {
  if (text === '') throw new ShammieError('EMPTY_QUERY', refusals.empty);
  if (text.length > max) throw new ShammieError('QUERY_TOO_LONG', refusals.tooLong(text.length));
  return text;
}

/** A search query taken apart. */
export interface ParsedQuery {
  /** Free text, filters, quotes and ids removed. */
  text: string;
  /** Each "quoted phrase", as typed. */
  phrases: string[];
  /** author: filters (each must match). */
  authors: string[];
  year?: YearRange;
  arxivIds: string[];
  dois: string[];
}

const FILTER = /(^|\s)(author|by|year):(?:"([^"]*)"|(\S*))/gi;
const PHRASE = /"([^"]+)"/g;

/** Reads `2023`, `2023..2024`, `2023-2024`, `2023..`, `..2024`, `>=2023`, `<2024`. */
export function parseYearRange(value: string): YearRange | undefined {
  const v = value.trim();
  let m = /^(\d{4})$/.exec(v);
  if (m) return { from: Number(m[1]), to: Number(m[1]) };
  m = /^(\d{4})?\s*(?:\.\.|-|–|to)\s*(\d{4})?$/.exec(v);
  if (m && (m[1] || m[2])) {
    const from = m[1] ? Number(m[1]) : 0;
    const to = m[2] ? Number(m[2]) : 9999;
    return from <= to ? { from, to } : { from: to, to: from };
  }
  m = /^(>=|>|<=|<)\s*(\d{4})$/.exec(v);
  if (m) {
    const y = Number(m[2]);
    if (m[1] === '>=') return { from: y, to: 9999 };
    if (m[1] === '>') return { from: y + 1, to: 9999 };
    if (m[1] === '<=') return { from: 0, to: y };
    return { from: 0, to: y - 1 };
  }
  return undefined;
}

function badYear(value: string): ShammieError {
  return new ShammieError(
    'BAD_ARGUMENT',
    `“${value}” is not a year. Try year:2023 or year:2023..2024.`,
  );
}

/** Takes a raw query apart: filters, phrases, arXiv ids, URLs and DOIs, and the free text. */
export function parseQuery(raw: string): ParsedQuery {
  if (raw.length > MAX_QUERY_LENGTH) {
    throw new ShammieError(
      'QUERY_TOO_LONG',
      `That query is ${raw.length} characters long; please keep it under ${MAX_QUERY_LENGTH}.`,
    );
  }
  const parsed: ParsedQuery = { text: '', phrases: [], authors: [], arxivIds: [], dois: [] };
  let rest = raw.replace(
    FILTER,
    (_all, lead: string, key: string, quoted?: string, bare?: string) => {
      const value = (quoted ?? bare ?? '').trim();
      if (value === '') return lead;
      if (key.toLowerCase() === 'year') {
        const range = parseYearRange(value);
        if (!range) throw badYear(value);
        parsed.year = range;
      } else {
        parsed.authors.push(value);
      }
      return lead;
    },
  );
  rest = rest.replace(PHRASE, (_all, phrase: string) => {
    if (phrase.trim() !== '') parsed.phrases.push(phrase.trim());
    return ` ${phrase} `;
  });
  const words: string[] = [];
  for (const token of rest.split(/\s+/)) {
    if (token === '') continue;
    const arxiv = parseArxivId(token);
    const doi = arxiv ? undefined : parseDoi(token);
    if (arxiv) parsed.arxivIds.push(arxiv);
    else if (doi) parsed.dois.push(doi);
    else words.push(token);
  }
  parsed.text = words.join(' ').replace(/"/g, ' ').trim();
  return parsed;
}

/** A filter as typed: `author:levy` → { key: 'author', value: 'levy' } (`by:` is `author:`). */
export interface TypedFilter {
  key: 'author' | 'year';
  value: string;
}

/** The query's filters as typed, and its text without them (phrases and ids kept). */
export function splitFilters(raw: string): { text: string; filters: TypedFilter[] } {
  const filters: TypedFilter[] = [];
  const text = raw.replace(
    FILTER,
    (_all, lead: string, key: string, quoted?: string, bare?: string) => {
      const value = (quoted ?? bare ?? '').trim();
      if (value !== '')
        filters.push({ key: key.toLowerCase() === 'year' ? 'year' : 'author', value });
      return lead;
    },
  );
  return { text: text.replace(/\s+/g, ' ').trim(), filters };
}

/** True when the query asks for something: words, a phrase, an id or a filter. */
export function hasContent(query: ParsedQuery): boolean {
  return (
    query.text !== '' ||
    query.phrases.length > 0 ||
    query.arxivIds.length > 0 ||
    query.dois.length > 0 ||
    query.authors.length > 0 ||
    query.year !== undefined
  );
}
