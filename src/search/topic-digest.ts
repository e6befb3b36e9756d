import type { Digest, Summary } from '../engine-types.ts';
import type { Paper } from '../types.ts';
import { readReference } from './paper-reference.ts';
import type { Search } from './ranked-search.ts';

/** Papers a digest lists unless asked otherwise. */
export const DEFAULT_DIGEST_SIZE = 3;

/** The best matches of a topic (a `topic:` prefix dropped), each with its one-sentence summary. */
export function topicDigest(
  search: Search,
  summarize: (paper: Paper) => Summary,
  topic: string,
  limit = DEFAULT_DIGEST_SIZE,
): Digest {
  const { text } = readReference(topic);
  const result = search(text, { limit });
  return {
    topic: text,
    total: result.total,
    items: result.hits.map((hit) => ({ paper: hit.paper, tldr: summarize(hit.paper).tldr })),
  };
}
