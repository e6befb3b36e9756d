import { type Bm25fParams, FIELD_COUNT, type FieldParams } from './inverted-index.ts';
import {
  type FieldFrequencies,
  FREQUENCIES_OVERFLOW,
  fieldNorm,
  saturatedWeight,
} from './term-frequencies.ts';

/**
 * The corpus-wide statistics BM25F reads — how many papers, how many hold each term, the
 * average length of each field — kept exact over the live papers of a growing index as papers
 * are added and removed, so its scores are those of an index built afresh over the same papers.
 * Lengths are whole numbers, so their sums are exact in any order.
 */
export interface LiveStatistics {
  readonly params: Bm25fParams;
  /** Live papers. */
  readonly liveCount: number;
  /** Bumped by every change; weights computed under one version hold until the next. */
  readonly version: number;
  /** Live papers holding a term. */
  frequency(term: number): number;
  /** The idf an index built over the live papers would store (a 32-bit float). */
  idf(term: number): number;
  /** Average field lengths as a build computes them. */
  averages(): number[];
  /** Each document's field lengths, three per document number. */
  lengths(): Float64Array;
  /**
   * Each document's field normalisations under the current averages, three per document
   * number, computed for the whole corpus once per version (when a query first needs them).
   */
  norms(): Float64Array;
  /**
   * Writes the saturated weights of postings [from, to) — their documents and packed field
   * frequencies — into `weights`, under the current statistics. `exact` gives the frequencies
   * of a posting marked `FREQUENCIES_OVERFLOW`.
   */
  saturate(
    docs: Uint32Array,
    frequencies: Uint32Array,
    from: number,
    to: number,
    weights: Float32Array,
    exact: (posting: number, doc: number) => FieldFrequencies | undefined,
  ): void;
  /** Counts a document in: its field lengths and distinct terms. */
  add(doc: number, lengths: readonly number[], terms: Iterable<number>): void;
  /** Counts a live document out. */
  remove(doc: number, terms: Iterable<number>): void;
  /** Ends a batch of changes: weights must be computed again. */
  bump(): void;
}

/** Statistics starting from a build's: its field lengths and each term's document frequency. */
export function createLiveStatistics(
  params: Bm25fParams,
  built: { docCount: number; lengths: Float64Array; frequencies: ArrayLike<number> },
): LiveStatistics {
  let lengths = new Float64Array(Math.max(built.lengths.length, 48));
  lengths.set(built.lengths);
  let docSpace = built.docCount;
  let df = new Uint32Array(Math.max(built.frequencies.length, 1024));
  df.set(built.frequencies);
  const totals = [0, 0, 0];
  for (let d = 0; d < built.docCount; d++) {
    for (let f = 0; f < FIELD_COUNT; f++) {
      totals[f] = (totals[f] ?? 0) + (lengths[d * FIELD_COUNT + f] ?? 0);
    }
  }
  let liveCount = built.docCount;
  let version = 1;
  let norms = new Float64Array(0);
  let normsVersion = 0;

  const averages = (): number[] => {
    const n = Math.max(liveCount, 1);
    return totals.map((t) => Math.max(t / n, 1));
  };

  return {
    params,
    get liveCount() {
      return liveCount;
    },
    get version() {
      return version;
    },
    frequency: (term) => df[term] ?? 0,
    idf(term) {
      const f = df[term] ?? 0;
      return Math.fround(Math.log(1 + (liveCount - f + 0.5) / (f + 0.5)));
    },
    averages,
    lengths: () => lengths,
    norms() {
      if (norms.length < docSpace * FIELD_COUNT) {
        norms = new Float64Array(
          Math.max(docSpace, (norms.length / FIELD_COUNT) * 2) * FIELD_COUNT,
        );
        normsVersion = 0;
      }
      if (normsVersion !== version) {
        writeAllNorms(params, lengths, docSpace, averages(), norms);
        normsVersion = version;
      }
      return norms;
    },
    saturate(docs, frequencies, from, to, weights, exact) {
      const table = this.norms();
      const k1 = params.k1;
      // The common case inline (this loop runs over every posting of a term after a change).
      for (let i = from; i < to; i++) {
        const doc = docs[i] ?? 0;
        const at = doc * FIELD_COUNT;
        const packed = frequencies[i] ?? 0;
        if (packed === FREQUENCIES_OVERFLOW) {
          weights[i] = saturatedWeight(k1, packed, exact(i, doc), table, at);
          continue;
        }
        let tf = 0;
        tf += ((packed >>> 16) & 0xff) * (table[at] as number);
        tf += (packed & 0xffff) * (table[at + 1] as number);
        tf += (packed >>> 24) * (table[at + 2] as number);
        weights[i] = tf / (k1 + tf);
      }
    },
    add(doc, docLengths, terms) {
      docSpace = Math.max(docSpace, doc + 1);
      if (docSpace * FIELD_COUNT > lengths.length) {
        const next = new Float64Array(Math.max(docSpace * FIELD_COUNT, lengths.length * 2));
        next.set(lengths);
        lengths = next;
      }
      for (let f = 0; f < FIELD_COUNT; f++) {
        const length = docLengths[f] ?? 0;
        lengths[doc * FIELD_COUNT + f] = length;
        totals[f] = (totals[f] ?? 0) + length;
      }
      for (const term of terms) {
        if (term >= df.length) {
          const next = new Uint32Array(Math.max(term + 1, df.length * 2));
          next.set(df);
          df = next;
        }
        df[term] = (df[term] ?? 0) + 1;
      }
      liveCount++;
    },
    remove(doc, terms) {
      for (let f = 0; f < FIELD_COUNT; f++) {
        totals[f] = (totals[f] ?? 0) - (lengths[doc * FIELD_COUNT + f] ?? 0);
      }
      for (const term of terms) df[term] = (df[term] ?? 0) - 1;
      liveCount--;
    },
    bump() {
      version++;
    },
  };
}

/** Field lengths below this have their normalisation looked up in a table made per change. */
export const NORM_TABLE_SIZE = 2048;

/**
 * Every document's three field normalisations into `out`. A field length is a whole number,
 * mostly small, so each field's normalisations are computed once per length (below
 * `NORM_TABLE_SIZE`) and looked up, instead of divided per document.
 */
function writeAllNorms(
  params: Bm25fParams,
  lengths: Float64Array,
  docCount: number,
  averages: readonly number[],
  out: Float64Array,
): void {
  const fields = [params.title, params.abstract, params.authors];
  const end = docCount * FIELD_COUNT;
  for (let f = 0; f < FIELD_COUNT; f++) {
    const field = fields[f] as FieldParams;
    const average = averages[f] ?? 1;
    const table = new Float64Array(NORM_TABLE_SIZE);
    for (let length = 0; length < NORM_TABLE_SIZE; length++) {
      table[length] = fieldNorm(field, length, average);
    }
    for (let at = f; at < end; at += FIELD_COUNT) {
      const length = lengths[at] ?? 0;
      out[at] = length < NORM_TABLE_SIZE ? (table[length] ?? 0) : fieldNorm(field, length, average);
    }
  }
}
