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
  const root = groupRecords(records);
  const sizes = new Int32Array(records.length);
  for (const at of root) sizes[at]! += 1;
  // Members of groups of more than one record, by root; most papers are a group of one.
  const members = new Map<number, PaperRecord[]>();
  for (let index = 0; index < records.length; index += 1) {
    const at = root[index]!;
    if (sizes[at] === 1) continue;
    let group = members.get(at);
    if (!group) {
      group = [];
      members.set(at, group);
    }
    group.push(records[index]!);
  }
  const papers: Paper[] = [];
  const problems: LoadProblem[] = [];
  const ids = createIdAllocator();
  let renamed = 0;
  for (let index = 0; index < records.length; index += 1) {
    if (root[index] !== index) continue;
    const group = members.get(index) ?? [records[index]!];
    const merged = mergeGroup(group);
    const first = group[0]!;
    if (!merged) {
      const problem: LoadProblem = {
        file: first.file,
        message: `"${first.title ?? 'untitled'}" has no abstract (no other entry supplies one)`,
      };
      if (first.line !== undefined) problem.line = first.line;
      problems.push(problem);
      continue;
    }
    const wanted = merged.id;
    const id = ids.claim(wanted);
    if (id !== wanted) {
      merged.id = id;
      renamed += 1;
      if (renamed <= MAX_RENAMES_LISTED) {
        const problem: LoadProblem = {
          file: first.file,
          message: `id "${wanted}" is already taken by another paper; this one is "${id}"`,
        };
        if (first.line !== undefined) problem.line = first.line;
        problems.push(problem);
      }
    }
    papers.push(merged);
  }
  if (renamed > MAX_RENAMES_LISTED) {
    const more = renamed - MAX_RENAMES_LISTED;
    problems.push({
      file: records[0]!.file,
      message: `${more.toLocaleString('en-US')} more papers had an id already taken and were renamed the same way (not listed)`,
    });
  }
  return { papers, problems };
}

/** Renamed papers listed one by one; beyond this, one problem counts the rest. */
const MAX_RENAMES_LISTED = 1000;

/**
 * Unique ids: the wanted id if free, else the wanted id with the first free `~2`, `~3`, …
 * Remembering the last suffix per id keeps a corpus of many entries with one id linear.
 */
function createIdAllocator(): { claim(wanted: string): string } {
  const used = new Set<string>();
  const nextSuffix = new Map<string, number>();
  return {
    claim(wanted) {
      let id = wanted;
      if (used.has(id)) {
        let n = nextSuffix.get(wanted) ?? 2;
        for (id = `${wanted}~${n}`; used.has(id); id = `${wanted}~${n}`) n += 1;
        nextSuffix.set(wanted, n + 1);
      }
      used.add(id);
      return id;
    },
  };
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
  // 30 bits: a small integer to V8, so Map keys need no boxing.
  return h & 0x3fffffff;
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

/**
 * The root of each record's group: the index of the group's first record. Records join on a
 * shared arXiv id or DOI, and on the same abstract (see {@link abstractKey}) unless they carry
 * different input ids. Every look-up is a Map, so no input makes this quadratic.
 */
function groupRecords(records: readonly PaperRecord[]): Int32Array {
  // Union-find over record indices; a root is always the lowest index of its set.
  const parent = new Int32Array(records.length);
  for (let index = 0; index < records.length; index += 1) parent[index] = index;
  // Input ids of each set, on its root: one id as a string, several as a Set.
  const inputIds: (string | Set<string> | undefined)[] = records.map((record) => record.inputId);
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
    const low = Math.min(ra, rb);
    const high = Math.max(ra, rb);
    parent[high] = low;
    inputIds[low] = joinIds(inputIds[low], inputIds[high]);
    inputIds[high] = undefined;
  };
  const compatible = (a: number, b: number) => sharesId(inputIds[find(a)], inputIds[find(b)]);
  const byArxiv = new Map<string, number>();
  const byDoi = new Map<string, number>();
  // First record of each abstract sketch; the full key is computed only when sketches clash.
  const bySketch = new Map<number, number>();
  const byKey = new Map<string, number>();
  for (let index = 0; index < records.length; index += 1) {
    const record = records[index]!;
    if (record.arxiv) joinOn(byArxiv, record.arxiv, index, union);
    if (record.doi) joinOn(byDoi, record.doi, index, union);
    if (!record.abstract) continue;
    const sketch = abstractSketch(record.abstract);
    const earlier = bySketch.get(sketch);
    if (earlier === undefined) {
      bySketch.set(sketch, index);
      continue;
    }
    const earlierKey = abstractKey(records[earlier]!.abstract);
    if (!byKey.has(earlierKey)) byKey.set(earlierKey, earlier);
    const key = abstractKey(record.abstract);
    const same = byKey.get(key);
    if (same === undefined) byKey.set(key, index);
    else if (compatible(same, index)) union(same, index);
  }
  const roots = new Int32Array(records.length);
  for (let index = 0; index < records.length; index += 1) roots[index] = find(index);
  return roots;
}

function joinIds(
  a: string | Set<string> | undefined,
  b: string | Set<string> | undefined,
): string | Set<string> | undefined {
  if (a === undefined) return b;
  if (b === undefined || a === b) return a;
  // The larger set absorbs the smaller, so many merges stay linear overall.
  const [big, small] =
    typeof a !== 'string' && (typeof b === 'string' || a.size >= b.size) ? [a, b] : [b, a];
  const into = typeof big === 'string' ? new Set([big]) : big;
  if (typeof small === 'string') into.add(small);
  else for (const id of small) into.add(id);
  return into;
}

/** Two groups may merge when either has no input id or they share one. */
function sharesId(a: string | Set<string> | undefined, b: string | Set<string> | undefined) {
  if (a === undefined || b === undefined) return true;
  if (typeof a === 'string') return typeof b === 'string' ? a === b : b.has(a);
  if (typeof b === 'string') return a.has(b);
  const [small, big] = a.size <= b.size ? [a, b] : [b, a];
  for (const id of small) if (big.has(id)) return true;
  return false;
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

/** Fields a paper takes from the first of its records that gives them. */
const FIRST_GIVEN = [
  'inputId',
  'title',
  'year',
  'venue',
  'url',
  'arxiv',
  'doi',
  'collection',
  'citationKey',
  'volume',
  'number',
  'pages',
] as const;

/** The optional fields of a paper, in the order they are set on it. */
const OPTIONAL_FIELDS = [
  'year',
  'venue',
  'url',
  'arxiv',
  'doi',
  'citationKey',
  'volume',
  'number',
  'pages',
  'collection',
] as const;

type FirstGiven = Pick<PaperRecord, (typeof FIRST_GIVEN)[number]>;

/**
 * The paper a group of records describes, or undefined when none has an abstract. Plain loops:
 * this runs once per paper of the corpus.
 */
function mergeGroup(records: readonly PaperRecord[]): Paper | undefined {
  const source = longestAbstract(records);
  if (!source) return undefined;
  const given = firstGiven(records);
  let authors = records[0]!.authors;
  for (let i = 1; i < records.length; i += 1) {
    if (records[i]!.authors.length > authors.length) authors = records[i]!.authors;
  }
  const { inputId, title, arxiv, doi } = given;
  const paper: Paper = {
    id: inputId ?? arxiv ?? doi ?? abstractKey(source.abstract).slice(0, HASH_ID_LENGTH),
    title: title ?? deriveTitleLabel(source.abstract),
    abstract: source.abstract,
    // Records are the loader's own, discarded after merging: their lists need no copy.
    authors,
  };
  if (!title) paper.titleDerived = true;
  given.url ??= arxiv
    ? `https://arxiv.org/abs/${arxiv}`
    : doi
      ? `https://doi.org/${doi}`
      : undefined;
  const optional = paper as Record<(typeof OPTIONAL_FIELDS)[number], unknown>;
  for (const key of OPTIONAL_FIELDS) {
    if (given[key] !== undefined) optional[key] = given[key];
  }
  return paper;
}

/** Each of the {@link FIRST_GIVEN} fields from the first record that has it. */
function firstGiven(records: readonly PaperRecord[]): FirstGiven {
  const given: Record<string, unknown> = {};
  for (const key of FIRST_GIVEN) {
    for (const record of records) {
      if (record[key] !== undefined) {
        given[key] = record[key];
        break;
      }
    }
  }
  return given as FirstGiven;
}
