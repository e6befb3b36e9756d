/**
 * Which papers removals hide. A removal is kept under each identifier the paper had (its id,
 * arXiv id and DOI), so a corpus-file paper stays hidden whichever identifier the corpus uses.
 */

import type { PaperKeys, Tombstone } from './library-store.ts';

/** A test of whether a tombstone hides a paper, built once for many papers. */
export function hiddenBy(tombstones: readonly Tombstone[]): (paper: PaperKeys) => boolean {
  if (tombstones.length === 0) return () => false;
  const keys = new Set(tombstones.map((t) => `${t.kind}:${t.value}`));
  return (paper) =>
    (paper.id !== undefined && keys.has(`id:${paper.id}`)) ||
    (paper.arxiv !== undefined && keys.has(`arxiv:${paper.arxiv}`)) ||
    (paper.doi !== undefined && keys.has(`doi:${paper.doi}`));
}
