/**
 * A DOI turned into a paper: metadata from Crossref, the abstract from Crossref's JATS when the
 * publisher deposited one, else rebuilt from OpenAlex; the arXiv id when the DOI is arXiv's own
 * (10.48550/arXiv.…, registered with DataCite, so Crossref does not know it: fetch it from the
 * arXiv API instead) or when either service links the work to its arXiv preprint.
 */

import { parseDoi, ShammieError } from '../../src/index.ts';
import { arxivIdOfDoi } from './arxiv-ids.ts';
import type { Crossref, CrossrefWork } from './crossref.ts';
import type { DoiWork } from './doi-work.ts';
import type { OpenAlex, OpenAlexWork } from './openalex.ts';

/** A paper found by DOI: the work's fields from both services together. */
export interface DoiRecord extends Omit<DoiWork, 'abstract'> {
  /** '' when neither service has one (kind `no-abstract`). */
  abstract: string;
  /** Which service the metadata came from. */
  metadataSource: 'crossref' | 'openalex';
  /** Which service the abstract came from. */
  abstractSource?: 'crossref' | 'openalex';
}

/**
 * What a DOI resolved to. `arxiv`: the DOI is arXiv's own; fetch the paper from the arXiv API.
 * `no-abstract`: the work exists but neither service has its abstract.
 */
export type DoiResolution =
  | { kind: 'found'; record: DoiRecord }
  | { kind: 'no-abstract'; record: DoiRecord }
  | { kind: 'arxiv'; doi: string; arxiv: string }
  | { kind: 'not-found'; doi: string };

export interface DoiResolver {
  /**
   * Resolves `doi` (any form `parseDoi` reads: `10.…`, `doi:10.…`, a doi.org URL). Throws a
   * ShammieError BAD_ARGUMENT for text that is not a DOI, and a ServiceError when the services
   * could not answer well enough to decide.
   */
  resolveDoi(doi: string): Promise<DoiResolution>;
}

export interface DoiResolverOptions {
  crossref: Crossref;
  openalex: OpenAlex;
}

type Outcome<T> = { ok: true; value: T | undefined } | { ok: false; error: unknown };

async function settle<T>(promise: Promise<T | undefined>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await promise };
  } catch (error) {
    return { ok: false, error };
  }
}

/** Creates the resolver (see the module comment). */
export function createDoiResolver(options: DoiResolverOptions): DoiResolver {
  return {
    async resolveDoi(text) {
      const doi = parseDoi(text);
      if (doi === undefined) {
        throw new ShammieError(
          'BAD_ARGUMENT',
          `"${text.slice(0, 80)}" is not a DOI; write it like 10.1145/3442188.3445922.`,
        );
      }
      const arxiv = arxivIdOfDoi(doi);
      if (arxiv) return { kind: 'arxiv', doi, arxiv };
      // Both at once: different hosts, and OpenAlex is needed whenever Crossref lacks the abstract.
      const [crossref, openalex] = await Promise.all([
        settle(options.crossref.work(doi)),
        settle(options.openalex.work(doi)),
      ]);
      return combine(doi, crossref, openalex);
    },
  };
}

function combine(
  doi: string,
  crossref: Outcome<CrossrefWork>,
  openalex: Outcome<OpenAlexWork>,
): DoiResolution {
  const fromCrossref = crossref.ok ? crossref.value : undefined;
  const fromOpenAlex = openalex.ok ? openalex.value : undefined;
  const main = fromCrossref ?? fromOpenAlex;
  if (main === undefined) {
    // Not found only when both services said so; one that failed may know the DOI.
    if (!crossref.ok) throw crossref.error;
    if (!openalex.ok) throw openalex.error;
    return { kind: 'not-found', doi };
  }
  let abstract = fromCrossref?.abstract;
  let abstractSource: DoiRecord['abstractSource'] = abstract ? 'crossref' : undefined;
  if (!abstract && fromOpenAlex?.abstract) {
    abstract = fromOpenAlex.abstract;
    abstractSource = 'openalex';
  }
  // Without an abstract from Crossref, an OpenAlex failure leaves the answer unknown, not empty.
  if (!abstract && !openalex.ok) throw openalex.error;
  const record: DoiRecord = {
    doi: main.doi,
    title: main.title || fromOpenAlex?.title || '',
    abstract: abstract ?? '',
    authors: main.authors.length > 0 ? main.authors : (fromOpenAlex?.authors ?? []),
    url: main.url,
    metadataSource: fromCrossref ? 'crossref' : 'openalex',
  };
  const year = main.year ?? fromOpenAlex?.year;
  const published = main.published ?? fromOpenAlex?.published;
  const venue = main.venue ?? fromOpenAlex?.venue;
  const arxiv = fromCrossref?.arxiv ?? fromOpenAlex?.arxiv;
  if (year !== undefined) record.year = year;
  if (published) record.published = published;
  if (venue) record.venue = venue;
  if (main.type) record.type = main.type;
  if (arxiv) record.arxiv = arxiv;
  if (abstractSource) record.abstractSource = abstractSource;
  return abstract ? { kind: 'found', record } : { kind: 'no-abstract', record };
}
