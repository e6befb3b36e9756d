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
  const withArxiv = <T extends Publication>(p: T): T => (arxiv ? { ...p, arxiv } : p);
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
