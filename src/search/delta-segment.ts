import { GrowableUint32 } from './growable.ts';
import type { LiveStatistics } from './live-statistics.ts';
import {
  type FieldFrequencies,
  FREQUENCIES_OVERFLOW,
  packFrequencies,
} from './term-frequencies.ts';

/**
 * The small second segment of a growing index: postings of the papers added since the last
 * merge, appended as they arrive (document numbers only grow, so every list stays ascending).
 * It stores raw field frequencies, not weights: its weights are computed at query time under
 * the current statistics.
 */
export interface DeltaList {
  docs: GrowableUint32;
  frequencies: GrowableUint32;
  /** Frequencies too large to pack, by document number. */
  exact?: Map<number, FieldFrequencies>;
  /** Saturated weights of the postings, valid under statistics version `validFor`. */
  weights: Float32Array;
  validFor: number;
}

/**
 * The saturated weights of a list under the current statistics, computed again only when they
 * changed since the last query read them (a steady index pays nothing more than a built one).
 */
export function deltaWeights(list: DeltaList, stats: LiveStatistics): Float32Array {
  if (list.validFor !== stats.version) {
    if (list.weights.length < list.docs.length) {
      list.weights = new Float32Array(list.docs.array.length);
    }
    const exact = list.exact;
    stats.saturate(
      list.docs.array,
      list.frequencies.array,
      0,
      list.docs.length,
      list.weights,
      (_, doc) => exact?.get(doc),
    );
    list.validFor = stats.version;
  }
  return list.weights;
}

export interface DeltaSegment {
  /** The postings of a term, or undefined when no added paper holds it. */
  list(term: number): DeltaList | undefined;
  /** Appends a document's postings (its number must exceed every number already in). */
  append(doc: number, terms: ReadonlyMap<number, FieldFrequencies>): void;
  /** Drops the postings of documents below `doc` (they were merged into the main segment). */
  dropBelow(doc: number): void;
  /** Documents appended and not dropped. */
  readonly docCount: number;
  /** Postings held. */
  readonly postings: number;
}

/** An empty delta segment. */
export function createDeltaSegment(): DeltaSegment {
  let lists = new Map<number, DeltaList>();
  // Numbers of the documents appended, ascending (a document may hold no term at all).
  let appended = growableOf(new Uint32Array(64), 0);
  let postings = 0;
  return {
    list: (term) => lists.get(term),
    append(doc, terms) {
      for (const [term, [title, abstract, authors]] of terms) {
        let list = lists.get(term);
        if (!list) {
          list = {
            docs: growableOf(new Uint32Array(4), 0),
            frequencies: growableOf(new Uint32Array(4), 0),
            weights: new Float32Array(0),
            validFor: 0,
          };
          lists.set(term, list);
        }
        const packed = packFrequencies(title, abstract, authors);
        list.docs.push(doc);
        list.frequencies.push(packed);
        list.validFor = 0;
        if (packed === FREQUENCIES_OVERFLOW) {
          list.exact ??= new Map();
          list.exact.set(doc, [title, abstract, authors]);
        }
      }
      appended.push(doc);
      postings += terms.size;
    },
    dropBelow(doc) {
      const kept = new Map<number, DeltaList>();
      postings = 0;
      for (const [term, list] of lists) {
        const from = lowerBound(list.docs.array, list.docs.length, doc);
        if (from === list.docs.length) continue;
        const next: DeltaList = {
          docs: tailOf(list.docs, from),
          frequencies: tailOf(list.frequencies, from),
          weights: new Float32Array(0),
          validFor: 0,
        };
        if (list.exact) {
          for (const [d, exact] of list.exact) {
            if (d < doc) continue;
            next.exact ??= new Map();
            next.exact.set(d, exact);
          }
        }
        postings += next.docs.length;
        kept.set(term, next);
      }
      lists = kept;
      appended = tailOf(appended, lowerBound(appended.array, appended.length, doc));
    },
    get docCount() {
      return appended.length;
    },
    get postings() {
      return postings;
    },
  };
}

/** The first position in `array[0, length)` holding a value ≥ `value` (the array ascends). */
function lowerBound(array: Uint32Array, length: number, value: number): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((array[mid] ?? 0) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A growable array over `array`, of which the first `length` values are filled. */
function growableOf(array: Uint32Array, length: number): GrowableUint32 {
  const growable = new GrowableUint32(0);
  growable.array = array;
  growable.length = length;
  return growable;
}

/** The values of `growable` from position `from` on, in an array of their own. */
function tailOf(growable: GrowableUint32, from: number): GrowableUint32 {
  const length = growable.length - from;
  const array = new Uint32Array(Math.max(length, 4));
  array.set(growable.array.subarray(from, growable.length));
  return growableOf(array, length);
}
