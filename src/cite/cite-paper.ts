import { CITATION_FORMATS, type CitationFormat } from '../engine-types.ts';
import { ShammieError } from '../errors.ts';
import type { Paper } from '../types.ts';
import { toApa } from './apa.ts';
import { toBibtex } from './bibtex.ts';
import { toMla } from './mla.ts';

const FORMATTERS: Record<CitationFormat, (paper: Paper) => string> = {
  bibtex: toBibtex,
  apa: toApa,
  mla: toMla,
};

// Papers are immutable values shared by the whole engine, so a citation computed once per paper
// object and format can be handed out again (APA is the costly one).
const cache = new WeakMap<Paper, Partial<Record<CitationFormat, string>>>();

/** The format a citation takes when none is asked for. */
export const DEFAULT_CITATION_FORMAT: CitationFormat = 'bibtex';

/**
 * A citation of a paper: a BibTeX entry (`bibtex`), an APA 7 reference (`apa`) or an MLA 9
 * works-cited entry (`mla`). The format name is matched case-insensitively (`BibTeX` works);
 * anything else throws `ShammieError('BAD_FORMAT')`. Deterministic, and fast enough per request:
 * BibTeX and MLA take well under a millisecond, APA a few milliseconds once citation-js is loaded
 * (about 0.2 s, once per process, on the first APA citation); a repeated request for the same
 * paper object is served from a cache.
 */
export function citePaper(
  paper: Paper,
  format: CitationFormat | string = DEFAULT_CITATION_FORMAT,
): string {
  const wanted = format.trim().toLowerCase();
  if (!isCitationFormat(wanted)) {
    throw new ShammieError('BAD_FORMAT', 'Citation formats: bibtex, apa, mla.');
  }
  let cited = cache.get(paper);
  if (!cited) {
    cited = {};
    cache.set(paper, cited);
  }
  cited[wanted] ??= FORMATTERS[wanted](paper);
  return cited[wanted];
}

/** True for the names `citePaper` understands (lower case). */
export function isCitationFormat(value: string): value is CitationFormat {
  return (CITATION_FORMATS as readonly string[]).includes(value);
}
