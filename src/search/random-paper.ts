import type { Paper } from '../types.ts';
import type { Search } from './ranked-search.ts';

/** Papers a topic's random pick is drawn from. */
export const RANDOM_TOPIC_POOL = 20;

/**
 * A paper drawn with the injected `source` (a number in [0, 1); anything else is clamped or
 * read as 0): from every paper, or from a topic's best matches; undefined when none match.
 */
export function randomPaper(
  papers: readonly Paper[],
  search: Search,
  source: () => number,
  topic?: string,
): Paper | undefined {
  const pick = <T>(items: readonly T[]): T | undefined => {
    if (items.length === 0) return undefined;
    const r = source();
    const unit = Number.isFinite(r) ? Math.min(Math.max(r, 0), 1 - Number.EPSILON) : 0;
    return items[Math.floor(unit * items.length)];
  };
  if (topic === undefined || topic.trim() === '') return pick(papers);
  return pick(search(topic, { limit: RANDOM_TOPIC_POOL }).hits.map((h) => h.paper));
}
