import type { CorpusStats } from './engine-types.ts';
import type { Paper } from './types.ts';

/** How many of the most frequent authors `corpusStats` lists unless told otherwise. */
export const DEFAULT_TOP_AUTHORS = 5;

// Alphabetical order for ties, the same on every machine: case and accents only break ties.
const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** An author's name as compared: NFKC, spaces collapsed, case folded ("OMER  LEVY" = "Omer Levy"). */
function authorKey(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();
}

function alphabetical(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * Facts about a corpus for help and about screens: the number of papers, the first and last
 * year seen (absent when no paper has a year), the `limit` most frequent authors (most papers
 * first, ties in alphabetical order; names are compared after Unicode and case normalisation, and
 * shown in their most common spelling), and the collections' names in alphabetical order.
 */
export function corpusStats(papers: readonly Paper[], limit = DEFAULT_TOP_AUTHORS): CorpusStats {
  let from = Number.POSITIVE_INFINITY;
  let to = Number.NEGATIVE_INFINITY;
  const authors = new Map<string, { papers: number; spellings: Map<string, number> }>();
  const collections = new Set<string>();

  for (const paper of papers) {
    if (typeof paper.year === 'number' && Number.isFinite(paper.year)) {
      from = Math.min(from, paper.year);
      to = Math.max(to, paper.year);
    }
    const collection = paper.collection?.trim();
    if (collection) collections.add(collection);
    const counted = new Set<string>();
    for (const raw of paper.authors) {
      const key = authorKey(raw);
      if (key === '' || counted.has(key)) continue; // a name listed twice counts once per paper
      counted.add(key);
      const spelling = raw.normalize('NFKC').replace(/\s+/g, ' ').trim();
      const entry = authors.get(key) ?? { papers: 0, spellings: new Map<string, number>() };
      entry.papers++;
      entry.spellings.set(spelling, (entry.spellings.get(spelling) ?? 0) + 1);
      authors.set(key, entry);
    }
  }

  const topAuthors = [...authors.values()]
    .map(({ papers: count, spellings }) => ({ name: commonest(spellings), papers: count }))
    .sort((a, b) => b.papers - a.papers || alphabetical(a.name, b.name))
    .slice(0, Math.max(0, Math.floor(limit)));

  const stats: CorpusStats = {
    papers: papers.length,
    topAuthors,
    collections: [...collections].sort(alphabetical),
  };
  if (from <= to) stats.years = { from, to };
  return stats;
}

/** The most used spelling of a name; ties go to the alphabetically first. */
function commonest(spellings: Map<string, number>): string {
  let best = '';
  let bestCount = 0;
  for (const [spelling, count] of spellings) {
    if (count > bestCount || (count === bestCount && alphabetical(spelling, best) < 0)) {
      best = spelling;
      bestCount = count;
    }
  }
  return best;
}
