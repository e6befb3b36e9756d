/**
 * One arXiv paper as Shammie keeps it, whichever arXiv service it came from (the search API,
 * OAI-PMH). Fields are cleaned and capped (see clean-text.ts).
 */

import { parseDoi } from '../../src/index.ts';
import { arxivAbsUrl } from './arxiv-ids.ts';
import {
  cleanAuthors,
  cleanDate,
  cleanText,
  MAX_ABSTRACT_LENGTH,
  MAX_CATEGORIES,
  MAX_SHORT_FIELD_LENGTH,
  MAX_TITLE_LENGTH,
  yearOf,
} from './clean-text.ts';

export interface ArxivRecord {
  /** The id without version: `2305.11206`, `hep-th/9901001`. */
  arxiv: string;
  /** The latest version's number, when the service said (OAI's `arXiv` format does not). */
  version?: number;
  title: string;
  abstract: string;
  authors: string[];
  /** Year of the first version. */
  year?: number;
  /** When the first version was submitted (ISO 8601 date or date-time). */
  published?: string;
  /** When the latest version was submitted (ISO 8601 date or date-time). */
  updated?: string;
  /** Every category, the primary one first. */
  categories: string[];
  primaryCategory?: string;
  /** The DOI of the published version, when the authors registered one (lower-cased). */
  doi?: string;
  journalRef?: string;
  /** The authors' comment ("10 pages, 3 figures"; "Accepted at ACL 2023"). */
  comment?: string;
  /** True when the paper has been withdrawn (its comment or abstract says so). */
  withdrawn: boolean;
  /** The abstract page, without version. */
  url: string;
}

/**
 * Raw fields as a service gave them, before cleaning: a record's own fields, without those
 * derived from them (year, withdrawn, url).
 */
export type RawArxivFields = Omit<ArxivRecord, 'year' | 'withdrawn' | 'url'>;

/** "This paper has been withdrawn", "withdrawn by the author", "Paper withdrawn": arXiv's words. */
const WITHDRAWN = /\bwithdrawn\b/i;
const ABSTRACT_WITHDRAWN =
  /^(?:this|the) (?:paper|article|manuscript|submission|work) (?:has been|is|was) withdrawn\b/i;

/** A record from raw fields: text cleaned and capped, optional fields only when present. */
export function toArxivRecord(raw: RawArxivFields): ArxivRecord {
  const title = cleanText(raw.title, MAX_TITLE_LENGTH);
  const abstract = cleanText(raw.abstract, MAX_ABSTRACT_LENGTH);
  const comment = cleanText(raw.comment ?? '', MAX_SHORT_FIELD_LENGTH);
  const journalRef = cleanText(raw.journalRef ?? '', MAX_SHORT_FIELD_LENGTH);
  const categories = [
    ...new Set(
      [raw.primaryCategory ?? '', ...raw.categories]
        .map((category) => cleanText(category, 100))
        .filter((category) => category !== ''),
    ),
  ].slice(0, MAX_CATEGORIES);
  const doi = raw.doi ? parseDoi(raw.doi) : undefined;
  const published = cleanDate(raw.published);
  const updated = cleanDate(raw.updated);
  const year = yearOf(published);
  const record: ArxivRecord = {
    arxiv: raw.arxiv,
    title,
    abstract,
    authors: cleanAuthors(raw.authors),
    categories,
    withdrawn: WITHDRAWN.test(comment) || ABSTRACT_WITHDRAWN.test(abstract),
    url: arxivAbsUrl(raw.arxiv),
  };
  if (raw.version !== undefined) record.version = raw.version;
  if (year !== undefined) record.year = year;
  if (published) record.published = published;
  if (updated) record.updated = updated;
  if (categories[0] !== undefined) record.primaryCategory = categories[0];
  if (doi) record.doi = doi;
  if (journalRef) record.journalRef = journalRef;
  if (comment) record.comment = comment;
  return record;
}
