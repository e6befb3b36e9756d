import type { Paper } from '../types.ts';
import { clampInt, type IndexedCorpus } from './indexed-corpus.ts';
import { readReference } from './paper-reference.ts';
import { MAX_QUERY_LENGTH } from './query-parser.ts';
import type { Search } from './ranked-search.ts';
import { suggestDocs } from './suggest.ts';

/** Papers an autocomplete box offers when nothing is asked for a number. */
export const DEFAULT_SUGGESTIONS = 25;

/**
 * The engine's autocomplete: the paper the text names exactly, then title and author words
 * starting with what was typed, then (for a typo or abstract words) the search's best matches;
 * with nothing typed, the newest papers.
 */
export function createAutocomplete(
  corpus: IndexedCorpus,
  search: Search,
): (text: string, limit?: number) => Paper[] {
  const { directory, paperAt } = corpus;

  return (text, limit = DEFAULT_SUGGESTIONS) => {
    const n = clampInt(limit, 0, 100);
    // A forcing prefix (paper:, topic:) is not part of any title.
    const trimmed = readReference(text).text.slice(0, MAX_QUERY_LENGTH);
    if (trimmed === '') {
      return corpus
        .livePapers()
        .map((paper, doc) => ({ paper, doc }))
        .sort((a, b) => (b.paper.year ?? 0) - (a.paper.year ?? 0) || a.doc - b.doc)
        .slice(0, n)
        .map((x) => x.paper);
    }
    const out: Paper[] = [];
    const add = (doc: number | undefined): void => {
      const paper = doc === undefined ? undefined : paperAt(doc);
      if (paper && out.length < n && !out.includes(paper)) out.push(paper);
    };
    add(directory.find(trimmed));
    for (const doc of suggestDocs(corpus.nameSource(), trimmed, n)) add(doc);
    if (out.length < n && trimmed.length >= 3) {
      // Nothing starts with what was typed: a typo, or words from the abstract. Search instead.
      try {
        for (const hit of search(trimmed, { limit: n }).hits) add(directory.find(hit.paper.id));
      } catch {
        // An unsearchable text ("year:soon") simply has no suggestions.
      }
    }
    return out;
  };
}
