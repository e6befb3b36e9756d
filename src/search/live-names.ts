import type { Paper } from '../types.ts';
import { addNameWords, buildNameIndex, type NameIndex, nameIndexOf } from './name-index.ts';

/**
 * The title and author words autocomplete reads, for a corpus that grows: the name index made at
 * the build (or the last merge) over the papers numbered below `upTo`, and the papers added
 * since, kept by word and packed into a small second index when next read. Removed papers stay
 * in both until the next merge; readers skip them.
 */
export interface LiveNames {
  /** The name indexes to read, in document order (the second holds the papers added since). */
  indexes(): readonly NameIndex[];
  /** The built index and the document number it ends at (for snapshots). */
  readonly main: NameIndex;
  readonly upTo: number;
  /** Adds a paper numbered above every other. */
  add(paper: Pick<Paper, 'title' | 'authors'>, doc: number): void;
  /** Rebuilds the main index over the live papers numbered below `upTo` (at a merge). */
  rebuild(upTo: number, liveDocs: readonly number[], paperAt: (doc: number) => Paper): void;
}

/** Names over a built index ending at `upTo`. */
export function createLiveNames(first: NameIndex, firstUpTo: number): LiveNames {
  let main = first;
  let upTo = firstUpTo;
  let added = new Map<string, number[]>();
  let packed: NameIndex | undefined;
  return {
    indexes() {
      if (added.size === 0) return [main];
      packed ??= nameIndexOf(added);
      return [main, packed];
    },
    get main() {
      return main;
    },
    get upTo() {
      return upTo;
    },
    add(paper, doc) {
      addNameWords(added, paper, doc);
      packed = undefined;
    },
    rebuild(nextUpTo, liveDocs, paperAt) {
      const below = liveDocs.filter((doc) => doc < nextUpTo);
      main = buildNameIndex(below.map(paperAt), (position) => below[position] ?? 0);
      upTo = nextUpTo;
      const kept = new Map<string, number[]>();
      for (const [word, docs] of added) {
        const after = docs.filter((doc) => doc >= nextUpTo);
        if (after.length > 0) kept.set(word, after);
      }
      added = kept;
      packed = undefined;
    },
  };
}
