import type { Paper } from '../types.ts';

/** What a paper's venue says about how to cite it. */
export type VenueKind = 'conference' | 'journal' | 'preprint' | 'unpublished';

/** How a paper was published, from its venue and arXiv id. */
export interface Publication {
  kind: VenueKind;
  /** Journal or proceedings name for `conference` and `journal`; the server ("arXiv") for `preprint`. */
  container?: string;
  /** arXiv id without version, when known. */
  arxiv?: string;
  /**
   * The year the work is cited by: for a published paper the year its venue names ("ICLR 2025"),
   * which can be later than the paper's own year (that of its arXiv version); else the paper's.
   */
  year?: number;
}

const PREPRINT_SERVERS =
  /^(?:arxiv|corr|biorxiv|medrxiv|chemrxiv|ssrn|psyarxiv|osf preprints|techrxiv|preprints)\b/i;
const ARXIV_VENUE = /^(?:arxiv|corr)\b/i;
const CONFERENCE_WORDS = /\b(?:conference|workshops?|symposium|findings|meeting|congress)\b/i;
// Checked before conference acronyms: "Proceedings of the National Academy of Sciences" is a journal.
const JOURNAL_WORDS =
  /\b(?:journal|transactions|letters|reviews?|magazine|nature|science|cell|neuron|pnas|national academy|proceedings of the ieee|tacl|jmlr|tmlr|plos|elife|frontiers|annals|bioinformatics|quarterly)\b/i;
const CONFERENCE_NAMES =
  /\b(?:proceedings|proc\.|neurips|nips|iclr|icml|acl|emnlp|naacl|eacl|aacl|ijcnlp|coling|lrec|conll|semeval|cvpr|iccv|eccv|wacv|bmvc|aaai|ijcai|kdd|sigir|sigmod|vldb|www|wsdm|cikm|recsys|aistats|uai|colt|corl|rss|icra|iros|interspeech|icassp|sigdial|chi|uist|siggraph|icse|osdi|sosp|nsdi|mlsys|colm|icde|ecir|miccai)\b/i;
// An unknown name shaped like "XYZ 2024" or "XYZ '24" is almost always a conference.
const ACRONYM_AND_YEAR = /^[A-Z][A-Za-z&-]*\s+'?\d{2}(?:\d{2})?$/;
/** A year in a venue name: "ICLR 2025", "Findings of EMNLP 2023", "NeurIPS '23". */
const VENUE_YEAR = /(?<![\p{L}\p{N}])(?:(1[89]\d\d|20\d\d)|'(\d\d))(?!\p{N})/gu;
const ARXIV_URL = /arxiv\.org\/(?:abs|pdf)\/([a-z-]+(?:\.[A-Z]{2})?\/\d{7}|\d{4}\.\d{4,5})/i;

/**
 * Classifies a paper's venue: a known preprint server or no venue with an arXiv id → `preprint`;
 * conference and workshop names (including "Findings of …" and the usual acronyms) →
 * `conference`; journals → `journal`; no venue and no arXiv id → `unpublished`. An unknown venue is
 * a conference when it looks like "ACRONYM YEAR", else a journal.
 */
export function publicationOf(paper: Paper): Publication {
  const arxiv = paper.arxiv ?? ARXIV_URL.exec(paper.url ?? '')?.[1];
  const venue = paper.venue?.replace(/\s+/g, ' ').trim() ?? '';
  const withArxiv = <T extends Publication>(p: T): T => {
    const year = p.kind === 'conference' || p.kind === 'journal' ? venueYear(venue) : undefined;
    const cited = year ?? paper.year;
    return { ...p, ...(arxiv && { arxiv }), ...(cited !== undefined && { year: cited }) };
  };
  if (venue === '') {
    return withArxiv({
      kind: arxiv ? 'preprint' : 'unpublished',
      ...(arxiv && { container: 'arXiv' }),
    });
  }
  if (PREPRINT_SERVERS.test(venue)) {
    const server = ARXIV_VENUE.test(venue) ? 'arXiv' : venue.split(/[\s,:]/)[0]!;
    return withArxiv({ kind: 'preprint', container: server });
  }
  const kind: VenueKind = CONFERENCE_WORDS.test(venue)
    ? 'conference'
    : JOURNAL_WORDS.test(venue)
      ? 'journal'
      : CONFERENCE_NAMES.test(venue) || ACRONYM_AND_YEAR.test(venue)
        ? 'conference'
        : 'journal';
  return withArxiv({ kind, container: venue });
}

/** The one year a venue name gives, or undefined when it gives none or several different ones. */
function venueYear(venue: string): number | undefined {
  const years = new Set(
    [...venue.matchAll(VENUE_YEAR)].map(([, full, short]) =>
      full ? Number(full) : Number(short) + (Number(short) < 70 ? 2000 : 1900),
    ),
  );
  return years.size === 1 ? [...years][0] : undefined;
}
