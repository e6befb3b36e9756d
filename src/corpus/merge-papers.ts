/**
 * Entries that describe the same paper — the same arXiv id, the same DOI, or the same abstract
 * once case, punctuation and spacing are ignored — become one paper, each field taken from the
 * entry that knows most about it. Ids are made unique and stable.
 */
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
  const { groups, keyOf } = groupRecords(records);
  const papers: Paper[] = [];
  const problems: LoadProblem[] = [];
  const usedIds = new Set<string>();
  for (const group of groups) {
    const shown = group.shown;
    const merged = shown === undefined ? undefined : mergeGroup(group.records, () => keyOf(shown));
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
 * 64 bits of two FNV-style hashes over the letters and digits (16 hex digits). A plain loop
 * rather than a regex and a digest: it may run for each of 100,000 abstracts.
 */
export function abstractKey(abstract: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x9747b28c;
  for (let i = 0; i < abstract.length; i += 1) {
    const c = keptCode(abstract.charCodeAt(i));
    if (c < 0) continue;
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  return hex8(h1) + hex8(h2);
}

/** Letters and digits an abstract is compared by, from each end; enough to tell most apart. */
const SKETCH_LENGTH = 48;

/**
 * A cheap 32-bit hash of an abstract's first and last letters and digits: abstracts with
 * different sketches differ, so the full {@link abstractKey} is computed only on a clash.
 */
function abstractSketch(abstract: string): number {
  let h = 0x811c9dc5;
  let kept = 0;
  let i = 0;
  for (; i < abstract.length && kept < SKETCH_LENGTH; i += 1) {
    const c = keptCode(abstract.charCodeAt(i));
    if (c < 0) continue;
    h = Math.imul(h ^ c, 0x01000193);
    kept += 1;
  }
  kept = 0;
  for (let j = abstract.length - 1; j >= i && kept < SKETCH_LENGTH; j -= 1) {
    const c = keptCode(abstract.charCodeAt(j));
    if (c < 0) continue;
    h = Math.imul(h ^ c, 0x01000193);
    kept += 1;
  }
  return h;
}

/** The code of a character compared in abstracts, lower-cased; -1 for spaces and punctuation. */
function keptCode(c: number): number {
  if (c >= 97 && c <= 122) return c;
  if (c >= 65 && c <= 90) return c + 32;
  if (c >= 48 && c <= 57) return c;
  if (c < 0xc0 || c === 0xd7 || c === 0xf7) return -1;
  // General punctuation, arrows, maths symbols, CJK punctuation: not words.
  if ((c >= 0x2000 && c <= 0x2bff) || (c >= 0x3000 && c <= 0x303f)) return -1;
  return String.fromCharCode(c).toLowerCase().charCodeAt(0);
}

function hex8(value: number): string {
  return (value >>> 0).toString(16).padStart(8, '0');
}

interface Group {
  records: PaperRecord[];
  /** Index of the record whose abstract the paper shows (the longest), if any has one. */
  shown?: number;
}

interface Grouping {
  groups: Group[];
  keyOf(index: number): string;
}

function groupRecords(records: readonly PaperRecord[]): Grouping {
  // Union-find over record indices; a root is always the lowest index of its set.
  const parent = Int32Array.from(records, (_, index) => index);
  // Input ids of each set, on its root; most records have one id, kept without a Set.
  const inputIds: (string[] | undefined)[] = records.map((record) =>
    record.inputId ? [record.inputId] : undefined,
  );
  const keys: (string | undefined)[] = [];
  const keyOf = (index: number) => {
    keys[index] ??= abstractKey(records[index]!.abstract);
    return keys[index]!;
  };
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
    const moved = inputIds[high];
    if (moved) inputIds[low] = [...new Set([...(inputIds[low] ?? []), ...moved])];
  };
  const compatible = (a: number, b: number) => {
    const ia = inputIds[find(a)];
    const ib = inputIds[find(b)];
    return !ia || !ib || ia.some((id) => ib.includes(id));
  };
  const byArxiv = new Map<string, number>();
  const byDoi = new Map<string, number>();
  const bySketch = new Map<number, number[]>();
  records.forEach((record, index) => {
    if (record.arxiv) joinOn(byArxiv, record.arxiv, index, union);
    if (record.doi) joinOn(byDoi, record.doi, index, union);
    if (!record.abstract) return;
    const sketch = abstractSketch(record.abstract);
    const bucket = bySketch.get(sketch);
    if (!bucket) {
      bySketch.set(sketch, [index]);
      return;
    }
    const key = keyOf(index);
    const same = bucket.find((other) => keyOf(other) === key);
    if (same === undefined) bucket.push(index);
    else if (compatible(same, index)) union(same, index);
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
    const shown = group.shown === undefined ? -1 : records[group.shown]!.abstract.length;
    if (record.abstract && record.abstract.length > shown) group.shown = index;
  });
  return { groups: [...groups.values()], keyOf };
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

function mergeGroup(records: readonly PaperRecord[], hashId: () => string): Paper | undefined {
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
    id: first('inputId') ?? arxiv ?? doi ?? hashId().slice(0, HASH_ID_LENGTH),
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
