/**
 * Entries that describe the same paper — the same arXiv id, the same DOI, or the same abstract
 * once case, punctuation and spacing are ignored — become one paper, each field taken from the
 * entry that knows most about it. Ids are made unique and stable.
 */
import { createHash } from 'node:crypto';
import type { LoadProblem, Paper } from '../types.ts';
import type { PaperRecord } from './paper-record.ts';
import { deriveTitleLabel } from './title-label.ts';

/** Papers made from records, and the records that could not become papers. */
export interface MergeResult {
  papers: Paper[];
  problems: LoadProblem[];
}

/** Length of the content-hash id given to papers with no id, arXiv id or DOI. */
const HASH_ID_LENGTH = 12;

/**
 * One paper per group of records that describe the same paper, in order of each group's first
 * record (so file order, then line order). Within a group the first real title, the longest
 * abstract, the longest author list and the first year, venue, DOI, arXiv id, url and input id
 * win; a group with no abstract at all is reported and left out. Records that carry different
 * ids of their own are not merged on the abstract alone: their source says they are distinct.
 */
export function mergePapers(records: readonly PaperRecord[]): MergeResult {
  const groups = groupRecords(records);
  const papers: Paper[] = [];
  const problems: LoadProblem[] = [];
  const usedIds = new Set<string>();
  for (const group of groups) {
    const merged = mergeGroup(group.records, group.abstractKey);
    if (!merged) {
      const first = group.records[0]!;
      const problem: LoadProblem = {
        file: first.file,
        message: `"${first.title ?? 'untitled'}" has no abstract (no other entry supplies one)`,
      };
      if (first.line !== undefined) problem.line = first.line;
      problems.push(problem);
      continue;
    }
    const wanted = merged.id;
    let id = wanted;
    for (let n = 2; usedIds.has(id); n += 1) id = `${wanted}~${n}`;
    if (id !== wanted) {
      const first = group.records[0]!;
      const problem: LoadProblem = {
        file: first.file,
        message: `id "${wanted}" is already taken by another paper; this one is "${id}"`,
      };
      if (first.line !== undefined) problem.line = first.line;
      problems.push(problem);
      merged.id = id;
    }
    usedIds.add(id);
    papers.push(merged);
  }
  return { papers, problems };
}

/**
 * The key two abstracts share when they are the same text up to case, punctuation and spacing:
 * a digest of the letters and digits, so 100,000 abstracts don't keep a second copy in memory.
 */
export function abstractKey(abstract: string): string {
  const letters = abstract.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  return createHash('sha1').update(letters).digest('hex');
}

interface Group {
  records: PaperRecord[];
  abstractKey?: string;
  shownLength?: number;
}

function groupRecords(records: readonly PaperRecord[]): Group[] {
  // Union-find over record indices; a root is always the lowest index of its set.
  const parent = records.map((_, index) => index);
  const inputIds = records.map((record) => new Set(record.inputId ? [record.inputId] : []));
  const keys: (string | undefined)[] = records.map(() => undefined);
  const find = (index: number): number => {
    let root = index;
    while (parent[root] !== root) root = parent[root]!;
    for (let at = index; parent[at] !== root; ) {
      const next = parent[at]!;
      parent[at] = root;
      at = next;
    }
    return root;
  };
  const union = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    if (ra === rb) return;
    const [low, high] = ra < rb ? [ra, rb] : [rb, ra];
    parent[high] = low;
    for (const id of inputIds[high]!) inputIds[low]!.add(id);
  };
  const compatible = (a: number, b: number) => {
    const ia = inputIds[find(a)]!;
    const ib = inputIds[find(b)]!;
    if (ia.size === 0 || ib.size === 0) return true;
    for (const id of ia) if (ib.has(id)) return true;
    return false;
  };
  const byArxiv = new Map<string, number>();
  const byDoi = new Map<string, number>();
  const byAbstract = new Map<string, number>();
  records.forEach((record, index) => {
    if (record.arxiv) joinOn(byArxiv, record.arxiv, index, union);
    if (record.doi) joinOn(byDoi, record.doi, index, union);
    if (record.abstract) {
      const key = abstractKey(record.abstract);
      keys[index] = key;
      const other = byAbstract.get(key);
      if (other === undefined) byAbstract.set(key, index);
      else if (compatible(other, index)) union(other, index);
    }
  });
  const groups = new Map<number, Group>();
  records.forEach((record, index) => {
    const root = find(index);
    let group = groups.get(root);
    if (!group) {
      group = { records: [] };
      groups.set(root, group);
    }
    group.records.push(record);
    // The hash id of a paper is the key of the abstract it shows: the longest one.
    const shown = group.abstractKey === undefined ? undefined : group.shownLength;
    if (record.abstract && (shown === undefined || record.abstract.length > shown)) {
      group.abstractKey = keys[index];
      group.shownLength = record.abstract.length;
    }
  });
  return [...groups.values()];
}

function joinOn(
  map: Map<string, number>,
  key: string,
  index: number,
  union: (a: number, b: number) => void,
): void {
  const other = map.get(key);
  if (other === undefined) map.set(key, index);
  else union(other, index);
}

function longestAbstract(records: readonly PaperRecord[]): PaperRecord | undefined {
  let best: PaperRecord | undefined;
  for (const record of records) {
    if (record.abstract && (!best || record.abstract.length > best.abstract.length)) best = record;
  }
  return best;
}

function mergeGroup(records: readonly PaperRecord[], key: string | undefined): Paper | undefined {
  const source = longestAbstract(records);
  if (!source) return undefined;
  const first = <K extends keyof PaperRecord>(field: K): PaperRecord[K] | undefined =>
    records.find((record) => record[field] !== undefined)?.[field];
  let authors = records[0]!.authors;
  for (const record of records)
    if (record.authors.length > authors.length) authors = record.authors;
  const title = first('title');
  const arxiv = first('arxiv');
  const doi = first('doi');
  const paper: Paper = {
    id: first('inputId') ?? arxiv ?? doi ?? (key ?? '').slice(0, HASH_ID_LENGTH),
    title: title ?? deriveTitleLabel(source.abstract),
    abstract: source.abstract,
    authors: [...authors],
  };
  if (!title) paper.titleDerived = true;
  const year = first('year');
  if (year !== undefined) paper.year = year;
  const venue = first('venue');
  if (venue !== undefined) paper.venue = venue;
  const url =
    first('url') ??
    (arxiv ? `https://arxiv.org/abs/${arxiv}` : doi ? `https://doi.org/${doi}` : undefined);
  if (url !== undefined) paper.url = url;
  if (arxiv !== undefined) paper.arxiv = arxiv;
  if (doi !== undefined) paper.doi = doi;
  const collection = first('collection');
  if (collection !== undefined) paper.collection = collection;
  return paper;
}
