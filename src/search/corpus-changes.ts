import type { Engine } from '../engine-types.ts';
import type { Paper } from '../types.ts';
import type { IndexedCorpus } from './indexed-corpus.ts';

/** The engine's methods that change its corpus. */
export type CorpusChanges = Pick<Engine, 'add' | 'remove' | 'needsMerge' | 'merge'>;

/**
 * Adding and removing papers without a rebuild: an added paper goes to the growing index's
 * second segment, the directory and the names, and is found by every method when `add`
 * returns; a removed one is hidden by the live set at once. `merge` folds the changes into the
 * main segment and the name index in steps, one merge at a time.
 */
export function createCorpusChanges(corpus: IndexedCorpus): CorpusChanges {
  const { index, directory, names, paperAt } = corpus;
  let merging: Promise<void> | undefined;

  /** Whether a live paper, or one earlier in the batch, has the paper's id, arXiv id or DOI. */
  const heldAlready = (paper: Paper, batch: Set<string>): boolean =>
    batch.has(`id:${paper.id}`) ||
    (paper.arxiv !== undefined && batch.has(`arxiv:${paper.arxiv}`)) ||
    (paper.doi !== undefined && batch.has(`doi:${paper.doi.toLowerCase()}`)) ||
    directory.withId(paper.id, paperAt).length > 0 ||
    (paper.arxiv !== undefined && directory.byArxiv(paper.arxiv) !== undefined) ||
    (paper.doi !== undefined && directory.byDoi(paper.doi.toLowerCase()) !== undefined);

  return {
    add(papers) {
      const batch = new Set<string>();
      const fresh: Paper[] = [];
      for (const paper of papers) {
        if (heldAlready(paper, batch)) continue;
        fresh.push(paper);
        batch.add(`id:${paper.id}`);
        if (paper.arxiv !== undefined) batch.add(`arxiv:${paper.arxiv}`);
        if (paper.doi !== undefined) batch.add(`doi:${paper.doi.toLowerCase()}`);
      }
      corpus.add(fresh);
      return fresh;
    },
    remove(ids) {
      const docs = new Set<number>();
      for (const id of new Set(ids)) for (const doc of directory.withId(id, paperAt)) docs.add(doc);
      return corpus.remove([...docs]);
    },
    needsMerge: () => index.needsMerge(),
    merge(options = {}) {
      merging ??= (async () => {
        try {
          await index.merge(options);
          await options.pause?.();
          // The name index is made again over the merged papers (those added since stay apart).
          names.rebuild(index.segments().main, [...index.liveDocs()], paperAt);
        } finally {
          merging = undefined;
        }
      })();
      return merging;
    },
  };
}
