import type { Paper } from '../../src/index.ts';
import type { CorpusLookup } from './add-papers.ts';

/** Finds a corpus-file paper by any of its identifiers (for `add` and `remove`). */
export function corpusLookupOf(papers: readonly Paper[]): CorpusLookup {
  const byKey = new Map<string, Paper>();
  for (const paper of papers) {
    byKey.set(`id:${paper.id}`, paper);
    if (paper.arxiv) byKey.set(`arxiv:${paper.arxiv}`, paper);
    if (paper.doi) byKey.set(`doi:${paper.doi}`, paper);
  }
  return (keys) =>
    (keys.id === undefined ? undefined : byKey.get(`id:${keys.id}`)) ??
    (keys.arxiv === undefined ? undefined : byKey.get(`arxiv:${keys.arxiv}`)) ??
    (keys.doi === undefined ? undefined : byKey.get(`doi:${keys.doi}`));
}
