/**
 * One paper as one source entry describes it, before duplicates from other entries are merged:
 * every format (seed text, BibTeX, JSON) maps its own fields onto {@link RecordFields} and gets
 * back a {@link PaperRecord} with LaTeX cleaned and ids parsed, all in one place.
 */
import type { Paper } from '../types.ts';
import { parseAuthors } from './author-names.ts';
import { cleanLatex } from './latex-clean.ts';
import { findArxivId, findDoi, parseArxivId, parseDoi } from './paper-ids.ts';

/**
 * One entry of one file, cleaned, before merging; becomes (part of) a {@link Paper}: the
 * paper's fields but its id and title, which merging settles, and where the entry was read.
 */
export interface PaperRecord extends Omit<Paper, 'id' | 'title' | 'titleDerived'> {
  /** The entry's own id (JSON `id`), kept as the paper's id. */
  inputId?: string;
  /** Title as given, cleaned; absent when the source has none (one is derived later). */
  title?: string;
  /** Abstract, cleaned; '' when the entry has none (it may still enrich a duplicate). */
  abstract: string;
  /** Where the entry was read, for problems and for a deterministic merge order. */
  file: string;
  line?: number;
}

/** Loosely typed fields as a source holds them; anything of the wrong type is ignored. */
export interface RecordFields {
  id?: unknown;
  title?: unknown;
  abstract?: unknown;
  authors?: unknown;
  year?: unknown;
  venue?: unknown;
  url?: unknown;
  arxiv?: unknown;
  doi?: unknown;
  citationKey?: unknown;
  volume?: unknown;
  number?: unknown;
  pages?: unknown;
  /** Free text that may mention an arXiv id or DOI (Google Scholar's journal, Zotero's note). */
  mentions?: unknown[];
  collection?: unknown;
}

/** Where an entry was read, and the collection its file stands for. */
export interface RecordOrigin {
  file: string;
  line?: number;
  /** Collection name used when the entry names none. */
  collection?: string;
}

/** A venue that only says "it is on arXiv" is no venue: the arXiv link says that already. */
const ARXIV_ONLY_VENUE =
  /^(?:arxiv(?:\.org)?(?:\s+e-prints)?(?:\s+preprint)?(?:\s*,?\s*arxiv\s*:\s*\S+)?|corr|preprint)$/i;
const YEAR = /\b(1[5-9]\d\d|2[01]\d\d)\b/;

/**
 * The record for one entry, or a message saying why it cannot be one (no title and no
 * abstract). A field whose value is of the wrong type (`"year": "nineteen"`, `"authors": 42`)
 * is left out and `warn` is told why, so the format can report it with its file and line.
 * Never throws, whatever the field values are.
 */
export function buildRecord(
  fields: RecordFields,
  origin: RecordOrigin,
  warn: (message: string) => void = () => {},
): PaperRecord | string {
  const title = cleanText(fields.title);
  const abstract = cleanText(fields.abstract) ?? '';
  if (!title && !abstract) return 'no title and no abstract';
  for (const message of wrongTypes(fields)) warn(message);
  const record: PaperRecord = {
    abstract,
    authors: parseAuthors(fields.authors),
    file: origin.file,
  };
  if (origin.line !== undefined) record.line = origin.line;
  const inputId = idText(fields.id);
  if (inputId) record.inputId = inputId;
  if (title) record.title = title;
  const year = parseYear(fields.year);
  if (year !== undefined) record.year = year;
  const venue = cleanText(fields.venue);
  if (venue && !ARXIV_ONLY_VENUE.test(venue)) record.venue = venue;
  const url = plainText(fields.url);
  if (url) record.url = url;
  const doi = textOf(fields.doi, parseDoi) ?? textOf(url, findDoi);
  if (doi) record.doi = doi;
  const arxiv =
    textOf(fields.arxiv, parseArxivId) ??
    textOf(url, findArxivId) ??
    (doi ? parseArxivId(doi) : undefined) ??
    firstMention(fields.mentions);
  if (arxiv) record.arxiv = arxiv;
  const citationKey = plainText(fields.citationKey);
  if (citationKey) record.citationKey = citationKey;
  for (const name of ['volume', 'number', 'pages'] as const) {
    const raw = fields[name];
    const value = Number.isFinite(raw) ? String(raw) : cleanText(raw);
    if (value) record[name] = value;
  }
  const collection = plainText(fields.collection) ?? origin.collection;
  if (collection) record.collection = collection;
  return record;
}

/** A year from a number, "2023", or a date like "2023-05-18"; undefined otherwise. */
export function parseYear(value: unknown): number | undefined {
  if (typeof value === 'number') {
    return Number.isInteger(value) && value >= 1500 && value < 2200 ? value : undefined;
  }
  if (typeof value !== 'string') return undefined;
  const match = YEAR.exec(value);
  return match ? Number(match[1]) : undefined;
}

/** What a field must hold, said the way a problem message says it. */
const FIELD_KINDS: ReadonlyArray<[keyof RecordFields, string, (value: unknown) => boolean]> = [
  ['id', 'text or a number', (v) => typeof v === 'string' || Number.isFinite(v)],
  ['title', 'text', isText],
  ['abstract', 'text', isText],
  [
    'authors',
    'a list of names or one string of names',
    (v) => typeof v === 'string' || Array.isArray(v),
  ],
  ['year', 'a year', (v) => parseYear(v) !== undefined],
  ['venue', 'text', isText],
  ['url', 'text', (v) => typeof v === 'string'],
  ['arxiv', 'text', (v) => typeof v === 'string'],
  ['doi', 'text', (v) => typeof v === 'string'],
  ['collection', 'text', (v) => typeof v === 'string'],
  ['citationKey', 'text', (v) => typeof v === 'string'],
  ['volume', 'text or a number', (v) => typeof v === 'string' || Number.isFinite(v)],
  ['number', 'text or a number', (v) => typeof v === 'string' || Number.isFinite(v)],
  ['pages', 'text or a number', (v) => typeof v === 'string' || Number.isFinite(v)],
];

/** One message per field that is present (not null) but holds something of the wrong type. */
function wrongTypes(fields: RecordFields): string[] {
  const messages: string[] = [];
  for (const [name, kind, fits] of FIELD_KINDS) {
    const value = fields[name];
    if (value === undefined || value === null || value === '' || fits(value)) continue;
    messages.push(`${name} ${shown(value)} is not ${kind}: left out`);
  }
  if (Array.isArray(fields.authors)) {
    fields.authors.forEach((item, index) => {
      if (typeof item === 'string' || (item !== null && typeof item === 'object')) return;
      messages.push(`author ${index + 1} ${shown(item)} is not a name: left out`);
    });
  }
  return messages;
}

function isText(value: unknown): boolean {
  return (
    typeof value === 'string' ||
    (Array.isArray(value) && value.every((item) => typeof item === 'string'))
  );
}

/** A value quoted briefly for a problem message: `"nineteen"`, `42`, `a list`, `an object`. */
function shown(value: unknown): string {
  if (Array.isArray(value)) return '(a list)';
  if (typeof value === 'object') return '(an object)';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function cleanText(value: unknown): string | undefined {
  if (Array.isArray(value)) {
    const pieces = value.filter((item): item is string => typeof item === 'string');
    return pieces.length > 0 ? cleanText(pieces.join(' ')) : undefined;
  }
  if (typeof value !== 'string') return undefined;
  const text = cleanLatex(value);
  return text.length > 0 ? text : undefined;
}

function plainText(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  return text.length > 0 ? text : undefined;
}

function idText(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return plainText(value);
}

function textOf(value: unknown, parse: (text: string) => string | undefined): string | undefined {
  return typeof value === 'string' ? parse(value) : undefined;
}

function firstMention(mentions: unknown[] | undefined): string | undefined {
  for (const mention of mentions ?? []) {
    const arxiv = textOf(mention, findArxivId);
    if (arxiv) return arxiv;
  }
  return undefined;
}
