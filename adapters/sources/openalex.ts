/**
 * OpenAlex (`OPENALEX_API_URL`, by default https://api.openalex.org): one work by DOI,
 * `GET /works/doi:{doi}`, read mostly for its abstract, which OpenAlex publishes as an inverted
 * index (word → positions) that is rebuilt into text here. With a contact address, requests
 * carry `mailto` (OpenAlex's polite pool).
 */

import { z } from 'zod';
import { parseArxivId, parseDoi } from '../../src/index.ts';
import { arxivIdOfDoi } from './arxiv-ids.ts';
import {
  cleanAuthors,
  cleanDate,
  cleanText,
  MAX_ABSTRACT_LENGTH,
  MAX_SHORT_FIELD_LENGTH,
  MAX_TITLE_LENGTH,
} from './clean-text.ts';
import { type DoiServiceOptions, type DoiWork, encodeDoiPath, getWork } from './doi-work.ts';

/** Most word positions rebuilt from an inverted index (a real abstract has a few hundred). */
export const MAX_ABSTRACT_WORDS = 10_000;

/**
 * What OpenAlex knows of a work, cleaned: the abstract is rebuilt from its inverted index, the
 * arXiv id found among the work's locations or ids.
 */
export interface OpenAlexWork extends DoiWork {
  /** OpenAlex's id (`https://openalex.org/W…`). */
  openalexId?: string;
}

export interface OpenAlex {
  /** The work with this DOI, or undefined when OpenAlex has none. */
  work(doi: string): Promise<OpenAlexWork | undefined>;
}

/** `http`'s base URL is the API (`/works/doi:{doi}` is appended). */
export type OpenAlexOptions = DoiServiceOptions;

const source = z.object({ display_name: z.string().nullish() }).passthrough().nullish();
const location = z
  .object({ landing_page_url: z.string().nullish(), pdf_url: z.string().nullish(), source })
  .passthrough();
const workSchema = z
  .object({
    id: z.string().nullish(),
    doi: z.string().nullish(),
    title: z.string().nullish(),
    display_name: z.string().nullish(),
    publication_year: z.number().int().nullish(),
    publication_date: z.string().nullish(),
    type: z.string().nullish(),
    authorships: z
      .array(
        z
          .object({
            author: z.object({ display_name: z.string().nullish() }).passthrough().nullish(),
          })
          .passthrough(),
      )
      .nullish(),
    // Checked word by word in rebuildAbstract: one odd entry must not lose the whole work.
    abstract_inverted_index: z.record(z.string(), z.unknown()).nullish(),
    primary_location: location.nullish(),
    locations: z.array(location).nullish(),
    ids: z.record(z.string(), z.unknown()).nullish(),
  })
  .passthrough();

type Work = z.infer<typeof workSchema>;

/** Creates the OpenAlex client (see the module comment). */
export function createOpenAlex(options: OpenAlexOptions): OpenAlex {
  return {
    async work(doi) {
      const found = await getWork(options, `/works/doi:${encodeDoiPath(doi)}`, workSchema);
      return found && toWork(found, doi);
    },
  };
}

/**
 * The text of an abstract published as an inverted index (`{"We": [0], "ask": [1]}` → "We
 * ask"). Positions that are not small non-negative integers are ignored; at most
 * {@link MAX_ABSTRACT_WORDS} positions are read.
 */
export function rebuildAbstract(index: Readonly<Record<string, unknown>>): string {
  const words: string[] = [];
  let placed = 0;
  for (const [word, positions] of Object.entries(index)) {
    if (!Array.isArray(positions)) continue;
    for (const position of positions as unknown[]) {
      if (placed >= MAX_ABSTRACT_WORDS) break;
      if (typeof position !== 'number' || !Number.isInteger(position)) continue;
      if (position < 0 || position >= MAX_ABSTRACT_WORDS) continue;
      words[position] = word;
      placed++;
    }
  }
  // Holes (positions nobody claimed) are skipped by join over a filtered list.
  return words.filter((word) => word !== undefined).join(' ');
}

function toWork(work: Work, asked: string): OpenAlexWork {
  const doi = (work.doi && parseDoi(work.doi)) || asked;
  const abstract = work.abstract_inverted_index
    ? rebuildAbstract(work.abstract_inverted_index)
    : '';
  const published = cleanDate(work.publication_date ?? undefined);
  const venue = cleanText(
    work.primary_location?.source?.display_name ?? '',
    MAX_SHORT_FIELD_LENGTH,
  );
  const arxiv = arxivOf(work);
  const result: OpenAlexWork = {
    doi,
    title: cleanText(work.title ?? work.display_name ?? '', MAX_TITLE_LENGTH),
    authors: cleanAuthors((work.authorships ?? []).map((a) => a.author?.display_name ?? '')),
    url: `https://doi.org/${doi}`,
  };
  const text = cleanText(abstract, MAX_ABSTRACT_LENGTH);
  if (text) result.abstract = text;
  const year = work.publication_year ?? undefined;
  if (year !== undefined && year >= 1000 && year <= 9999) result.year = year;
  if (published) result.published = published;
  if (venue) result.venue = venue;
  if (work.type) result.type = cleanText(work.type, 100);
  if (arxiv) result.arxiv = arxiv;
  if (work.id) result.openalexId = cleanText(work.id, 100);
  return result;
}

/** An arXiv id among the work's ids or the places it is hosted (arXiv's landing page or DOI). */
function arxivOf(work: Work): string | undefined {
  const fromIds = work.ids?.arxiv;
  if (typeof fromIds === 'string') {
    const id = parseArxivId(fromIds);
    if (id) return id;
  }
  if (work.doi) {
    const own = arxivIdOfDoi(work.doi);
    if (own) return own;
  }
  for (const place of [work.primary_location, ...(work.locations ?? [])]) {
    for (const url of [place?.landing_page_url, place?.pdf_url]) {
      if (!url) continue;
      const id = /arxiv\.org\//i.test(url) ? parseArxivId(url) : arxivIdOfDoi(url);
      if (id) return id;
    }
  }
  return undefined;
}
