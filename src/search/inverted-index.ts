import { GrowableUint32 } from './growable.ts';
import {
  type FieldFrequencies,
  FREQUENCIES_OVERFLOW,
  fieldNorm,
  packFrequencies,
} from './term-frequencies.ts';
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

/** Title, abstract, authors. */
export const FIELD_COUNT = 3;

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
  return (yield* buildSteps(documents, params, undefined, false)).index;
}

/** An index without its idf (a growing index computes idf from statistics it keeps). */
export type SegmentIndex = Omit<InvertedIndex, 'idf'>;

/** A built index with what a growing index needs besides: the raw term frequencies. */
export interface BuiltSegment {
  index: SegmentIndex;
  /** Each posting's frequency in title, abstract and authors, packed (see term-frequencies.ts). */
  frequencies: Uint32Array;
  /** Frequencies too large to pack, by posting number. */
  overflow: Map<number, FieldFrequencies>;
  /** Terms in title, abstract and authors of each document, three per document. */
  lengths: Float64Array;
}

/** An existing vocabulary a build numbers its terms by (it must hold every term it meets). */
export interface SeedVocabulary {
  termIds: ReadonlyMap<string, number>;
  terms: readonly string[];
}

/**
 * A stepwise build that also keeps each posting's field frequencies and each document's field
 * lengths, so saturated weights can be computed again when the corpus statistics change. Given a
 * `vocabulary`, terms keep its ids (a merge of a growing index, whose papers were all analysed
 * when they were added).
 */
export function* buildSegmentSteps(
  documents: readonly IndexedFields[],
  params: Bm25fParams = DEFAULT_BM25F,
  vocabulary?: SeedVocabulary,
): Generator<number, BuiltSegment, void> {
  return yield* buildSteps(documents, params, vocabulary, true);
}

function* buildSteps(
  documents: readonly IndexedFields[],
  params: Bm25fParams,
  vocabulary: SeedVocabulary | undefined,
  keepFrequencies: boolean,
): Generator<number, BuiltSegment & { index: InvertedIndex }, void> {
  const termIds = (vocabulary?.termIds ?? new Map<string, number>()) as Map<string, number>;
  const terms = (vocabulary?.terms ?? []) as string[];
  const termCount = terms.length;
  const df: number[] = new Array(termCount).fill(0);
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
    const fields = analyzeFields(doc);
    fields.forEach((fieldTerms, f) => {
      fieldLengths[d * FIELD_COUNT + f] = fieldTerms.length;
      totalLength[f] = (totalLength[f] ?? 0) + fieldTerms.length;
      for (const term of fieldTerms) {
        let id = termIds.get(term);
        if (vocabulary && (id === undefined || id >= termCount)) {
          throw new Error(`the term “${term}” is not in the vocabulary the build was given`);
        }
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
  const vocabularySize = vocabulary ? termCount : terms.length;

  const offsets = new Uint32Array(vocabularySize + 1);
  for (let t = 0; t < vocabularySize; t++) offsets[t + 1] = (offsets[t] ?? 0) + (df[t] ?? 0);
  const fill = offsets.slice(0, vocabularySize);
  const postings = offsets[vocabularySize] ?? 0;
  const docs = new Uint32Array(postings);
  const weights = new Float32Array(postings);
  const frequencies = new Uint32Array(keepFrequencies ? postings : 0);
  const overflow = new Map<number, FieldFrequencies>();

  for (let d = 0; d < documents.length; d++) {
    if (d > 0 && d % BUILD_STEP === 0) yield documents.length + d;
    const norms = fieldParams.map((p, f) =>
      fieldNorm(p, fieldLengths[d * FIELD_COUNT + f] ?? 0, avg[f] ?? 1),
    );
    for (let i = docStart[d] ?? 0; i < (docStart[d + 1] ?? 0); i++) {
      const term = docTerms.array[i] ?? 0;
      let tf = 0;
      for (let f = 0; f < FIELD_COUNT; f++)
        tf += (docTf.array[i * FIELD_COUNT + f] ?? 0) * (norms[f] ?? 0);
      const at = fill[term] ?? 0;
      fill[term] = at + 1;
      docs[at] = d;
      weights[at] = tf / (params.k1 + tf);
      if (keepFrequencies) {
        const k = i * FIELD_COUNT;
        const title = docTf.array[k] ?? 0;
        const abstract = docTf.array[k + 1] ?? 0;
        const authors = docTf.array[k + 2] ?? 0;
        const packed = packFrequencies(title, abstract, authors);
        frequencies[at] = packed;
        if (packed === FREQUENCIES_OVERFLOW) overflow.set(at, [title, abstract, authors]);
      }
    }
  }

  const idf = new Float32Array(vocabularySize);
  for (let t = 0; t < vocabularySize; t++) {
    const f = df[t] ?? 0;
    idf[t] = Math.log(1 + (documents.length - f + 0.5) / (f + 0.5));
  }
  return {
    index: { docCount: documents.length, termIds, terms, offsets, docs, weights, idf, params },
    frequencies,
    overflow,
    lengths: fieldLengths,
  };
}

/** The terms of a document's fields, in the order the index numbers them: title, abstract, authors. */
export function analyzeFields(doc: IndexedFields): [string[], string[], string[]] {
  return [analyze(doc.title), analyze(doc.abstract), analyze(doc.authors.join(' ; '))];
}

/** Number of documents that contain a term id. */
export function documentFrequency(index: InvertedIndex, term: number): number {
  return (index.offsets[term + 1] ?? 0) - (index.offsets[term] ?? 0);
}
