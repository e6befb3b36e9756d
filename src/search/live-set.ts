/**
 * Which document numbers of a growing index are hidden (removed). Removal only marks a number:
 * scoring and every listing of papers skip it at once, and a merge leaves its postings out.
 * Document numbers are never reused, so a number names the same paper for the index's life.
 */
export interface LiveSet {
  /** Whether a document number is present and not removed. */
  isLive(doc: number): boolean;
  /** Whether a document number was removed. */
  isRemoved(doc: number): boolean;
  /** Marks a number removed; false when it already was or does not exist. */
  remove(doc: number): boolean;
  /** Makes room for numbers below `size` (new documents are live). */
  grow(size: number): void;
  /** Document numbers that exist. */
  readonly size: number;
  /** How many of them are removed. */
  readonly removedCount: number;
  /** The removed flags, one byte per document (read-only view for tight loops). */
  readonly flags: Uint8Array;
}

/** A live set of `size` documents, none removed. */
export function createLiveSet(size = 0): LiveSet {
  let flags = new Uint8Array(Math.max(size, 16));
  let count = size;
  let removed = 0;
  return {
    isLive: (doc) => doc >= 0 && doc < count && flags[doc] === 0,
    isRemoved: (doc) => flags[doc] === 1,
    remove(doc) {
      if (!(doc >= 0 && doc < count) || flags[doc] === 1) return false;
      flags[doc] = 1;
      removed++;
      return true;
    },
    grow(size) {
      if (size > flags.length) {
        const next = new Uint8Array(Math.max(size, flags.length * 2));
        next.set(flags);
        flags = next;
      }
      count = Math.max(count, size);
    },
    get size() {
      return count;
    },
    get removedCount() {
      return removed;
    },
    get flags() {
      return flags;
    },
  };
}
