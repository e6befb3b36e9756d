/**
 * Removing a paper by reference (`remove REF`): the reference may be an arXiv id or URL, a DOI,
 * or a paper's own id (what `/remove`'s autocomplete offers). The paper is looked for in the
 * library and among the corpus files, and hidden under each of its identifiers; adding it
 * again undoes the removal.
 */

import type { Paper } from '../../src/index.ts';
import { parsePaperRef } from '../sources/arxiv-ids.ts';
import type { CorpusLookup } from './add-papers.ts';
import { isLibraryStoreError } from './library-errors.ts';
import { actorOf } from './library-paper.ts';
import type { LibraryStore, PaperKeys } from './library-store.ts';

/** What happened to the reference. */
export interface RemoveResult {
  ref: string;
  status: 'removed' | 'already-removed' | 'not-found' | 'failed';
  id?: string;
  arxiv?: string;
  doi?: string;
  title?: string;
  message: string;
  /** The paper removed, for its card. */
  paper?: Paper;
}

export interface RemovePaperOptions {
  store: LibraryStore;
  /** Finds a paper among the corpus files (any of its identifiers). */
  inCorpus?: CorpusLookup;
  /** The user removing, and where (recorded with the removal). */
  who?: string;
  where?: { platform: string; channel?: string };
  /** The clock, epoch ms. */
  now: () => number;
}

/** Longest reference echoed back. */
const MAX_ECHO = 300;

/** Hides the paper `ref` names (see the module comment). */
export function removePaperByRef(ref: string, options: RemovePaperOptions): RemoveResult {
  const text = ref.trim().slice(0, MAX_ECHO);
  const parsed = parsePaperRef(text);
  const keys: PaperKeys =
    parsed === undefined
      ? { id: text }
      : parsed.kind === 'arxiv'
        ? { arxiv: parsed.arxiv }
        : { doi: parsed.doi };
  try {
    const paper = options.store.findPaper(keys) ?? options.inCorpus?.(keys);
    if (!paper) {
      return {
        ref: text,
        status: 'not-found',
        message: 'No paper in the library has that id, arXiv id or DOI.',
      };
    }
    const removed = options.store.removePaper(
      keysOf(paper),
      actorOf(options.who, options.where),
      options.now(),
    );
    return {
      ref: text,
      status: removed ? 'removed' : 'already-removed',
      id: paper.id,
      title: paper.title,
      ...(paper.arxiv ? { arxiv: paper.arxiv } : {}),
      ...(paper.doi ? { doi: paper.doi } : {}),
      message: removed
        ? 'Removed from the library; add it again to undo.'
        : 'It was removed already; add it again to bring it back.',
      paper,
    };
  } catch (error) {
    if (isLibraryStoreError(error)) return { ref: text, status: 'failed', message: error.message };
    throw error;
  }
}

function keysOf(paper: Paper): PaperKeys {
  return {
    id: paper.id,
    ...(paper.arxiv ? { arxiv: paper.arxiv } : {}),
    ...(paper.doi ? { doi: paper.doi } : {}),
  };
}
