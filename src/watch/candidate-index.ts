import { growingIndexFrom } from '../search/growing-index.ts';
import { type IndexedCorpus, indexedCorpus } from '../search/indexed-corpus.ts';
import { analyzeFields, buildSegmentSteps, type InvertedIndex } from '../search/inverted-index.ts';
import { createLiveNames } from '../search/live-names.ts';
import { buildNameIndex } from '../search/name-index.ts';
import { createScorer, type Scorer } from '../search/scorer.ts';
import { fieldNorm, packFrequencies, saturatedWeight } from '../search/term-frequencies.ts';
import type { Paper } from '../types.ts';
import { normalize, type SparseVector } from './sparse-vector.ts';

/**
 * A day's candidates indexed once, for every channel that watches their category: the engine's
 * indexed corpus over them (explicit terms match and score through its index, scorer and query
 * filters) and each paper as a vector of the engine's own term weights (saturated BM25F weight
 * × idf, unit length), the space the similarity models work in. A profile's papers are put into
 * the same space with the same statistics, so a library paper and a candidate compare like two
 * candidates.
 */
export interface CandidateIndex {
  readonly papers: readonly Paper[];
  /** The engine's corpus over the candidates, for its query filters (authors, phrases). */
  readonly corpus: IndexedCorpus;
  /** The candidates' built index: term ids, postings and idf (the vectors' space). */
  readonly index: InvertedIndex;
  /** BM25F scores over `index`, as a search computes them. */
  readonly scorer: Scorer;
  /** Each candidate's unit vector, by document number (the paper's position). */
  readonly vectors: readonly SparseVector[];
  /** The unit vector of any paper in the candidates' term space (cached per paper object). */
  vectorOf(paper: Paper): SparseVector;
}

/** Index a day's candidates once (shared by every channel watching the category). */
export function indexCandidates(candidates: readonly Paper[]): CandidateIndex {
  const papers = [...candidates];
  // One build serves both: the engine's corpus over it (what its query filters read), and its
  // postings with the lexicon's idf (the weights the vectors are made of).
  const steps = buildSegmentSteps(papers);
  let step = steps.next();
  while (!step.done) step = steps.next();
  const built = step.value;
  const growing = growingIndexFrom(built, papers);
  const idf = Float32Array.from(built.index.terms, (_, term) => growing.lexicon.idf(term));
  const index: InvertedIndex = { ...built.index, idf };
  const averages = fieldAverages(built.lengths, papers.length);
  const cache = new WeakMap<Paper, SparseVector>();
  return {
    papers,
    corpus: indexedCorpus(growing, createLiveNames(buildNameIndex(papers), papers.length)),
    index,
    scorer: createScorer(index),
    vectors: candidateVectors(index),
    vectorOf(paper) {
      let vector = cache.get(paper);
      if (!vector) {
        vector = profileVector(index, averages, paper);
        cache.set(paper, vector);
      }
      return vector;
    },
  };
}

/** Average field lengths as the build computes them (at least 1). */
function fieldAverages(lengths: Float64Array, count: number): number[] {
  const totals = [0, 0, 0];
  for (let i = 0; i < lengths.length; i++) totals[i % 3] = (totals[i % 3] ?? 0) + (lengths[i] ?? 0);
  const n = Math.max(count, 1);
  return totals.map((t) => Math.max(t / n, 1));
}

/** Each document's weights, read off the postings (the index is by term; models need rows). */
function candidateVectors(index: InvertedIndex): SparseVector[] {
  const rows: Array<{ terms: number[]; values: number[] }> = Array.from(
    { length: index.docCount },
    () => ({ terms: [], values: [] }),
  );
  for (let t = 0; t < index.terms.length; t++) {
    const idf = index.idf[t] ?? 0;
    const end = index.offsets[t + 1] ?? 0;
    for (let i = index.offsets[t] ?? 0; i < end; i++) {
      const row = rows[index.docs[i] ?? 0];
      row?.terms.push(t);
      row?.values.push((index.weights[i] ?? 0) * idf);
    }
  }
  return rows.map((row) => normalize(row.terms, row.values));
}

/**
 * A paper's vector with the candidates' statistics: its field frequencies saturated exactly as
 * the build saturates a candidate's, times the candidates' idf. Terms no candidate holds are
 * left out: they could never meet a candidate.
 */
function profileVector(index: InvertedIndex, averages: number[], paper: Paper): SparseVector {
  const fields = analyzeFields(paper);
  const frequencies = new Map<number, [number, number, number]>();
  fields.forEach((terms, f) => {
    for (const term of terms) {
      const id = index.termIds.get(term);
      if (id === undefined) continue;
      let counts = frequencies.get(id);
      if (!counts) {
        counts = [0, 0, 0];
        frequencies.set(id, counts);
      }
      counts[f] = (counts[f] ?? 0) + 1;
    }
  });
  const { title, abstract, authors } = index.params;
  const norms = Float64Array.from([title, abstract, authors], (field, f) =>
    fieldNorm(field, fields[f]?.length ?? 0, averages[f] ?? 1),
  );
  const terms: number[] = [];
  const values: number[] = [];
  for (const id of [...frequencies.keys()].sort((a, b) => a - b)) {
    const counts = frequencies.get(id) as [number, number, number];
    const weight = saturatedWeight(index.params.k1, packFrequencies(...counts), counts, norms, 0);
    terms.push(id);
    values.push(weight * (index.idf[id] ?? 0));
  }
  return normalize(terms, values);
}
