import { GrowableUint32 } from './growable.ts';
import { analyze } from './text-analysis.ts';

/**
 * A BM25F inverted index in flat typed arrays. Each posting stores the term's saturated weight
 * in the document, tf′ / (k1 + tf′), where tf′ mixes the field frequencies with their weights and
 * length normalisations; a query then only sums idf × weight over the postings of its terms.
 */

/** The fields of a paper the index reads. */
export interface IndexedFields {
  title: string;
  abstract: string;
  authors: readonly string[];
}

export interface FieldParams {
  /** How much one occurrence in this field counts against one in the abstract. */
  weight: number;
  /** BM25 length normalisation of the field (0: none, 1: full). */
  b: number;
}

export interface Bm25fParams {
  k1: number;
  title: FieldParams;
  abstract: FieldParams;
  authors: FieldParams;
}

/**
 * Defaults chosen on the method, not on queries: titles say what a paper is about, so one
 * title occurrence weighs like a few in the abstract; author names are matched whole (no length
 * normalisation); the abstract takes standard BM25 normalisation.
 */
export const DEFAULT_BM25F: Bm25fParams = {
  k1: 1.2,
  title: { weight: 2.5, b: 0.5 },
  abstract: { weight: 1, b: 0.75 },
  authors: { weight: 2, b: 0 },
};

export interface InvertedIndex {
  docCount: number;
  /** Term → term id. */
  termIds: Map<string, number>;
  /** Term id → term. */
  terms: string[];
  /** Postings of term t are [offsets[t], offsets[t + 1]). */
  offsets: Uint32Array;
  /** Document number of each posting, ascending within a term. */
  docs: Uint32Array;
  /** Saturated BM25F weight of each posting. */
  weights: Float32Array;
  /** Inverse document frequency of each term. */
  idf: Float32Array;
  params: Bm25fParams;
}

const FIELD_COUNT = 3;

/** Documents analysed between two progress reports of a stepwise build. */
export const BUILD_STEP = 2000;

/** Builds the index of documents given in order; document numbers are their positions. */
export function buildIndex(
  documents: readonly IndexedFields[],
  params: Bm25fParams = DEFAULT_BM25F,
): InvertedIndex {
  const steps = buildIndexSteps(documents, params);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * The same build in steps, so a caller can report progress and let other work run between
 * steps (a bot keeps answering while a large corpus indexes). It makes two passes over the
 * documents (analysis, then postings) and yields every `BUILD_STEP` documents how many of the
 * 2 × N document steps are done.
 */
export function* buildIndexSteps(
  documents: readonly IndexedFields[],
  params: Bm25fParams = DEFAULT_BM25F,
): Generator<number, InvertedIndex, void> {
  const termIds = new Map<string, number>();
  const terms: string[] = [];
  const df: number[] = [];
  // Per document: its distinct terms and their frequency in each field.
  const docStart = new Uint32Array(documents.length + 1);
  const docTerms = new GrowableUint32();
  const docTf = new GrowableUint32(); // FIELD_COUNT entries per distinct term
  const fieldLengths = new Float64Array(documents.length * FIELD_COUNT);
  const totalLength = [0, 0, 0];
  const local = new Map<number, number>();

  for (let d = 0; d < documents.length; d++) {
    if (d > 0 && d % BUILD_STEP === 0) yield d;
    const doc = documents[d] as IndexedFields;
    local.clear();
    const start = docTerms.length;
    const fields = [analyze(doc.title), analyze(doc.abstract), analyze(doc.authors.join(' ; '))];
    fields.forEach((fieldTerms, f) => {
      fieldLengths[d * FIELD_COUNT + f] = fieldTerms.length;
      totalLength[f] = (totalLength[f] ?? 0) + fieldTerms.length;
      for (const term of fieldTerms) {
        let id = termIds.get(term);
        if (id === undefined) {
          id = terms.length;
          termIds.set(term, id);
          terms.push(term);
          df.push(0);
        }
        let slot = local.get(id);
        if (slot === undefined) {
          slot = docTerms.length - start;
          local.set(id, slot);
          docTerms.push(id);
          df[id] = (df[id] ?? 0) + 1;
          for (let k = 0; k < FIELD_COUNT; k++) docTf.push(0);
        }
        const at = (start + slot) * FIELD_COUNT + f;
        docTf.array[at] = (docTf.array[at] ?? 0) + 1;
      }
    });
    docStart[d + 1] = docTerms.length;
  }
  yield documents.length;

  const n = Math.max(documents.length, 1);
  const avg = totalLength.map((t) => Math.max(t / n, 1));
  const fieldParams = [params.title, params.abstract, params.authors];

  const offsets = new Uint32Array(terms.length + 1);
  for (let t = 0; t < terms.length; t++) offsets[t + 1] = (offsets[t] ?? 0) + (df[t] ?? 0);
  const fill = offsets.slice(0, terms.length);
  const postings = offsets[terms.length] ?? 0;
  const docs = new Uint32Array(postings);
  const weights = new Float32Array(postings);

  for (let d = 0; d < documents.length; d++) {
    if (d > 0 && d % BUILD_STEP === 0) yield documents.length + d;
    const norms = fieldParams.map((p, f) => {
      const length = fieldLengths[d * FIELD_COUNT + f] ?? 0;
      return p.weight / (1 - p.b + (p.b * length) / (avg[f] ?? 1));
    });
    for (let i = docStart[d] ?? 0; i < (docStart[d + 1] ?? 0); i++) {
      const term = docTerms.array[i] ?? 0;
      let tf = 0;
      for (let f = 0; f < FIELD_COUNT; f++)
        tf += (docTf.array[i * FIELD_COUNT + f] ?? 0) * (norms[f] ?? 0);
      const at = fill[term] ?? 0;
      fill[term] = at + 1;
      docs[at] = d;
      weights[at] = tf / (params.k1 + tf);
    }
  }

  const idf = new Float32Array(terms.length);
  for (let t = 0; t < terms.length; t++) {
    const f = df[t] ?? 0;
    idf[t] = Math.log(1 + (documents.length - f + 0.5) / (f + 0.5));
  }
  return { docCount: documents.length, termIds, terms, offsets, docs, weights, idf, params };
}

/** Number of documents that contain a term id. */
export function documentFrequency(index: InvertedIndex, term: number): number {
  return (index.offsets[term + 1] ?? 0) - (index.offsets[term] ?? 0);
}
