import type { Engine } from '../engine-types.ts';
import { ShammieError } from '../errors.ts';
import type { Paper } from '../types.ts';
import type { IndexedCorpus } from './indexed-corpus.ts';
import { notFoundMessage, shorten } from './not-found-message.ts';
import {
  type NamedCandidate,
  nameAmong,
  PAPER_PREFIX,
  paperIdentity,
  readReference,
  withoutCitationFiller,
} from './paper-reference.ts';
import type { QueryFilter } from './query-filter.ts';
import { checkQueryText, MAX_QUERY_LENGTH, type ParsedQuery, parseQuery } from './query-parser.ts';
import { queryTerms } from './query-terms.ts';
import type { Search } from './ranked-search.ts';
import { topK } from './scorer.ts';
import { analyze } from './text-analysis.ts';

/**
 * A reference's best matches whose identity is checked: among them, one alone must hold every
 * word of the reference for it to name a paper (papers holding them all in their titles rank
 * near the top, so a few dozen suffice).
 */
export const LOOKUP_CANDIDATES = 50;
/** Papers a "no paper matches …" answer suggests. */
export const NOT_FOUND_SUGGESTIONS = 3;

/** The engine's answers to "which paper is this reference?". */
export type PaperLookup = Pick<Engine, 'lookup' | 'resolve'>;

/**
 * Finds the paper a reference names: exactly (id, arXiv id, DOI, URL, title, short name), by
 * force (`paper:`, the best search match), or by words that are all in one paper's identity
 * and specific enough; `resolve` says what to try when none is named.
 */
export function createPaperLookup(
  corpus: IndexedCorpus,
  filterOf: (query: ParsedQuery) => QueryFilter,
  search: Search,
): PaperLookup {
  const { index, directory, paperAt } = corpus;
  const { lexicon, vocabulary } = index;
  // Rarity among the live papers, as a fresh build over them would count it.
  const rarity = {
    get docCount() {
      return index.liveCount;
    },
    frequency: (term: string): number => {
      const id = lexicon.idOf(term);
      return id === undefined ? 0 : lexicon.frequency(id);
    },
  };

  /** The paper a reference names, and the papers it comes near (for suggestions). */
  function named(text: string): NamedCandidate {
    let query: ParsedQuery;
    try {
      query = parseQuery(withoutCitationFiller(text));
    } catch {
      return { near: [] };
    }
    if (query.text === '') return { near: [] };
    const terms = queryTerms(query.text, lexicon, vocabulary);
    if (terms.typed.length === 0) return { near: [] };
    const { accept, verify } = filterOf(query);
    const candidates = topK(index.accumulate(terms.terms), LOOKUP_CANDIDATES, accept, verify);
    return nameAmong(candidates.docs, terms, (doc) => paperIdentity(paperAt(doc)), rarity);
  }

  function lookup(ref: string): Paper | undefined {
    const { intent, text } = readReference(ref);
    if (intent === 'topic' || text === '' || text.length > MAX_QUERY_LENGTH) return undefined;
    const exact = directory.find(text);
    if (exact !== undefined) return paperAt(exact);
    if (intent === 'paper') {
      // Forced: the best match, whatever the words.
      try {
        return search(text, { limit: 1 }).hits[0]?.paper;
      } catch {
        return undefined;
      }
    }
    const doc = named(text).named;
    return doc === undefined ? undefined : paperAt(doc);
  }

  function resolve(ref: string): Paper {
    const { intent, text } = readReference(ref);
    checkQueryText(text, {
      empty: 'Which paper? Give title words, an arXiv id, a DOI or a URL.',
      tooLong: () => `Please name the paper in under ${MAX_QUERY_LENGTH} characters.`,
    });
    if (intent === 'topic') {
      throw new ShammieError(
        'PAPER_NOT_FOUND',
        `“${shorten(ref.trim())}” asks for a topic, and this needs one paper. Use ${PAPER_PREFIX}${shorten(text)} for the best-matching paper.`,
      );
    }
    const paper = lookup(ref);
    if (paper) return paper;
    const near = named(text).near.slice(0, NOT_FOUND_SUGGESTIONS);
    const words = analyze(withoutCitationFiller(text));
    const known = words.filter((word) => lexicon.idOf(word) !== undefined).length;
    throw new ShammieError(
      'PAPER_NOT_FOUND',
      notFoundMessage(text, near.map(paperAt), { words: words.length, known }),
    );
  }

  return { lookup, resolve };
}
