/**
 * What a user may type to name a paper — an arXiv id or URL, a DOI or doi.org URL — turned into
 * one normalized reference. The parsing itself is the core's (`parseArxivId`, `parseDoi`, which
 * the search engine also uses); this adds the version a reference asked for and arXiv's DOIs.
 */

import { parseArxivId, parseDoi } from '../../src/index.ts';

/** A paper reference: an arXiv paper (id without version) or a DOI (lower-cased). */
export type PaperRef =
  | {
      kind: 'arxiv';
      /** `2305.11206`, `hep-th/9901001`, `cs.CL/0112017`: no version. */
      arxiv: string;
      /** The version the reference named (`v2` → 2), when it named one. */
      version?: number;
    }
  | { kind: 'doi'; doi: string };

/** The DOI prefix arXiv registers every paper under (with DataCite, not Crossref). */
export const ARXIV_DOI_PREFIX = '10.48550/arxiv.';

/** A version suffix after a new-style or old-style id, at the end of the reference. */
const VERSION = /(?:\d{4}\.\d{4,5}|\/\d{7})v(\d{1,4})(?:\.pdf)?\/?(?:[?#].*)?$/i;

/**
 * The paper `text` names, or undefined when it names none. Accepts `2305.11206`,
 * `2305.11206v2`, `arXiv:2305.11206`, arxiv.org `/abs/` and `/pdf/` URLs, old-style ids
 * (`hep-th/9901001`, `cs.CL/0112017`), DOIs (`10.1145/…`, `doi:10.…`, `https://doi.org/10.…`),
 * and arXiv's own DOIs (`10.48550/arXiv.2305.11206`), which name the arXiv paper.
 */
export function parsePaperRef(text: string): PaperRef | undefined {
  const arxiv = parseArxivId(text);
  if (arxiv !== undefined) {
    const version = arxivVersion(text.trim());
    return version === undefined ? { kind: 'arxiv', arxiv } : { kind: 'arxiv', arxiv, version };
  }
  const doi = parseDoi(text);
  return doi === undefined ? undefined : { kind: 'doi', doi };
}

/** The version number at the end of an arXiv reference or entry id (`…/2305.11206v3` → 3). */
export function arxivVersion(text: string): number | undefined {
  const match = VERSION.exec(text);
  if (!match) return undefined;
  const version = Number(match[1]);
  return version >= 1 ? version : undefined;
}

/** The arXiv id an arXiv DOI names (`10.48550/arXiv.2305.11206` → `2305.11206`), if it is one. */
export function arxivIdOfDoi(doi: string): string | undefined {
  const normalized = parseDoi(doi);
  if (normalized === undefined || !normalized.startsWith(ARXIV_DOI_PREFIX)) return undefined;
  return parseArxivId(normalized);
}

/** The DOI arXiv registered for a paper (`2305.11206` → `10.48550/arXiv.2305.11206`). */
export function arxivDoi(arxiv: string): string {
  return `10.48550/arXiv.${arxiv}`;
}

/** The paper's abstract page, without version (always the latest). */
export function arxivAbsUrl(arxiv: string): string {
  return `https://arxiv.org/abs/${arxiv}`;
}
