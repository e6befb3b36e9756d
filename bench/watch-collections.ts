import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type CandidateIndex, indexCandidates, loadCorpus, type Paper } from '../src/index.ts';

/**
 * The judged collections of the watch-ranking benchmark, each read and indexed once: its papers,
 * the index every query's profile is ranked against, and the queries that qualify.
 */
export interface WatchCollection {
  name: string;
  papers: Paper[];
  /** The whole collection indexed once; every query ranks against it. */
  index: CandidateIndex;
  /** Query id → judged paper id (in the collection) → gain > 0. */
  judgments: Map<string, Map<string, number>>;
}

/** Where each collection lives under the data folder, and its judgments file. */
export const COLLECTIONS = {
  cranfield: { name: 'Cranfield', folder: 'cranfield', qrels: 'qrels.tsv' },
  scifact: { name: 'SciFact train', folder: 'scifact', qrels: 'qrels_train.tsv' },
} as const;

export type CollectionKey = keyof typeof COLLECTIONS;

/** Parses a TREC-style qrels file (`query doc gain`, tab or space separated); gains ≤ 0 dropped. */
export function parseJudgments(text: string): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const line of text.split('\n')) {
    const [qid, doc, gain] = line.trim().split(/\s+/);
    if (!qid || !doc || !(Number(gain) > 0)) continue;
    const gains = out.get(qid) ?? new Map<string, number>();
    gains.set(doc, Number(gain));
    out.set(qid, gains);
  }
  return out;
}

/** Reads and indexes one collection; judgments of papers not in its corpus are dropped. */
export async function readCollection(data: string, key: CollectionKey): Promise<WatchCollection> {
  const { name, folder, qrels } = COLLECTIONS[key];
  const { papers } = await loadCorpus(join(data, folder, 'corpus.jsonl'));
  const ids = new Set(papers.map((p) => p.id));
  const judgments = parseJudgments(await readFile(join(data, folder, qrels), 'utf8'));
  for (const gains of judgments.values()) {
    for (const id of gains.keys()) if (!ids.has(id)) gains.delete(id);
  }
  return { name, papers, index: indexCandidates(papers), judgments };
}

/** The queries with at least `minRelevant` relevant papers, in numeric id order. */
export function qualifyingQueries(
  collection: WatchCollection,
  minRelevant: number,
): Array<[string, Map<string, number>]> {
  return [...collection.judgments]
    .filter(([, gains]) => gains.size >= minRelevant)
    .sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }));
}
