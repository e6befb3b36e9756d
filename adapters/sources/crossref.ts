/**
 * Crossref's REST API (`CROSSREF_API_URL`, by default https://api.crossref.org): the metadata
 * of one work, `GET /works/{doi}`. With a contact address, requests go to the "polite pool"
 * (a `mailto` parameter as well as the User-Agent). A JATS abstract, when the publisher
 * deposited one, is turned into plain text.
 */

import { z } from 'zod';
import { parseArxivId, parseDoi } from '../../src/index.ts';
import { arxivIdOfDoi } from './arxiv-ids.ts';
import {
  cleanAuthors,
  cleanText,
  MAX_ABSTRACT_LENGTH,
  MAX_SHORT_FIELD_LENGTH,
  MAX_TITLE_LENGTH,
} from './clean-text.ts';
import { type DoiServiceOptions, type DoiWork, encodeDoiPath, getWork } from './doi-work.ts';
import { jatsText } from './jats-text.ts';

/**
 * What Crossref knows of a work, cleaned: the abstract is the deposited JATS as plain text, the
 * arXiv id the one the work's relations name as the same work.
 */
export type CrossrefWork = DoiWork;

export interface Crossref {
  /** The work with this DOI, or undefined when Crossref has none. */
  work(doi: string): Promise<CrossrefWork | undefined>;
}

/** `http`'s base URL is the API (`/works/{doi}` is appended). */
export type CrossrefOptions = DoiServiceOptions;

const dateParts = z
  .object({ 'date-parts': z.array(z.array(z.number().int().nullable())).optional() })
  .passthrough();
const workSchema = z
  .object({
    message: z
      .object({
        DOI: z.string(),
        title: z.array(z.string()).optional(),
        author: z
          .array(
            z
              .object({
                given: z.string().optional(),
                family: z.string().optional(),
                name: z.string().optional(),
              })
              .passthrough(),
          )
          .optional(),
        abstract: z.string().optional(),
        'container-title': z.array(z.string()).optional(),
        published: dateParts.optional(),
        issued: dateParts.optional(),
        'published-print': dateParts.optional(),
        'published-online': dateParts.optional(),
        type: z.string().optional(),
        URL: z.string().optional(),
        // Read leniently in relatedArxiv: an odd relation must not lose the whole work.
        relation: z.record(z.string(), z.unknown()).optional(),
      })
      .passthrough(),
  })
  .passthrough();

type Message = z.infer<typeof workSchema>['message'];

/** Relations that name the same work in another place (not citations or reviews). */
const SAME_WORK = [
  'has-preprint',
  'is-preprint-of',
  'is-version-of',
  'has-version',
  'is-identical-to',
];

/** Creates the Crossref client (see the module comment). */
export function createCrossref(options: CrossrefOptions): Crossref {
  return {
    async work(doi) {
      const found = await getWork(options, `/works/${encodeDoiPath(doi)}`, workSchema);
      return found && toWork(found.message, doi);
    },
  };
}

function toWork(message: Message, asked: string): CrossrefWork {
  const doi = parseDoi(message.DOI) ?? asked;
  const title = markupText(message.title?.[0] ?? '');
  const authors = (message.author ?? []).map(
    (a) => a.name ?? [a.given, a.family].filter((part) => part).join(' '),
  );
  const date = firstDate(message);
  const abstract = message.abstract ? jatsText(message.abstract) : undefined;
  const venue = cleanText(
    markupText(message['container-title']?.[0] ?? ''),
    MAX_SHORT_FIELD_LENGTH,
  );
  const arxiv = relatedArxiv(message.relation);
  const work: CrossrefWork = {
    doi,
    title: cleanText(title, MAX_TITLE_LENGTH),
    authors: cleanAuthors(authors),
    url: `https://doi.org/${doi}`,
  };
  if (abstract) work.abstract = cleanText(abstract, MAX_ABSTRACT_LENGTH);
  if (date) {
    work.published = date;
    work.year = Number(date.slice(0, 4));
  }
  if (venue) work.venue = venue;
  if (message.type) work.type = cleanText(message.type, 100);
  if (arxiv) work.arxiv = arxiv;
  return work;
}

/** Titles may carry inline markup (`<i>`, `<sub>`); its text, or the title as is when malformed. */
function markupText(text: string): string {
  return text.includes('<') ? (jatsText(text) ?? text) : text;
}

/** The earliest precise publication date Crossref gives, as YYYY[-MM[-DD]]. */
function firstDate(message: Message): string | undefined {
  for (const field of [
    message.published,
    message['published-print'],
    message['published-online'],
    message.issued,
  ]) {
    const parts = field?.['date-parts']?.[0];
    const [year, month, day] = parts ?? [];
    if (typeof year !== 'number' || year < 1000 || year > 9999) continue;
    const pad = (n: number) => String(n).padStart(2, '0');
    if (typeof month !== 'number' || month < 1 || month > 12) return String(year);
    if (typeof day !== 'number' || day < 1 || day > 31) return `${year}-${pad(month)}`;
    return `${year}-${pad(month)}-${pad(day)}`;
  }
  return undefined;
}

function relatedArxiv(relations: Message['relation']): string | undefined {
  for (const type of SAME_WORK) {
    const list = relations?.[type];
    for (const related of Array.isArray(list) ? (list as unknown[]) : []) {
      if (typeof related !== 'object' || related === null) continue;
      const { id, 'id-type': idType } = related as { id?: unknown; 'id-type'?: unknown };
      if (typeof id !== 'string' || typeof idType !== 'string') continue;
      const kind = idType.toLowerCase();
      const arxiv =
        kind === 'arxiv' ? parseArxivId(id) : kind === 'doi' ? arxivIdOfDoi(id) : undefined;
      if (arxiv) return arxiv;
    }
  }
  return undefined;
}
