import { createHash } from 'node:crypto';
import { ShammieError } from '../errors.ts';
import type { Paper } from '../types.ts';
import { type Bm25fParams, type BuiltSegment, FIELD_COUNT } from './inverted-index.ts';
import type { NameIndex } from './name-index.ts';
import type { FieldFrequencies } from './term-frequencies.ts';

/**
 * Snapshots of an index, so a large corpus starts in seconds instead of being indexed again.
 * A snapshot holds the engine's live papers: the postings of those merged into its main
 * segment (each with its weight and raw field frequencies, so the index can grow after
 * loading), their field lengths and names; papers added since the last merge are listed by
 * count only and indexed again on load. Two encodings of the same parts: JSON
 * (`engine.snapshot()`, base64 arrays) for tools, and a compact binary file whose arrays are
 * used in place, for the bot's data directory. Either is checked against the papers it must
 * serve and refused when it does not fit.
 */

/** Bumped whenever the index layout, the text analysis or what the loader makes of a file changes: older snapshots are rebuilt. */
export const SNAPSHOT_VERSION = 5;

const MAGIC = 'SHAMIDX\u0001';

/** What a snapshot holds besides the arrays. */
interface SnapshotMeta {
  format: 'shammie-index';
  version: number;
  /** Fingerprint of the live papers, in order (see `corpusFingerprint`). */
  corpus: string;
  /** Live papers. */
  docCount: number;
  /** The first this many are in the segment; the rest are indexed again on load. */
  segmentPapers: number;
  /** Whether term ids are numbered as a fresh build over the segment's papers numbers them. */
  termsInBuildOrder: boolean;
  params: Bm25fParams;
}

const ARRAY_NAMES = [
  'offsets',
  'docs',
  'weights',
  'frequencies',
  'lengths',
  'overflow',
  'nameOffsets',
  'nameDocs',
] as const;
type ArrayName = (typeof ARRAY_NAMES)[number];
const FLOAT_ARRAYS: ReadonlySet<ArrayName> = new Set(['weights']);

/** The parts of an engine's index, as stored. */
export interface SnapshotParts {
  meta: SnapshotMeta;
  terms: string[];
  nameWords: string[];
  arrays: Record<ArrayName, Uint32Array | Float32Array>;
}

/** A fingerprint of the indexed text of a corpus, in corpus order. */
export function corpusFingerprint(papers: readonly Paper[]): string {
  const hash = createHash('sha256');
  for (const p of papers) {
    hash.update(p.id);
    hash.update('\u0000');
    hash.update(p.title);
    hash.update('\u0000');
    hash.update(p.abstract);
    hash.update('\u0000');
    hash.update(p.authors.join('\u0001'));
    hash.update('\u0002');
  }
  return hash.digest('hex');
}

function badSnapshot(why: string): ShammieError {
  return new ShammieError('BAD_ARGUMENT', `The index snapshot is unusable: ${why}.`);
}

/** What a snapshot is made from, and what loading one gives back. */
export interface SnapshotContent {
  /** The segment's postings over its papers, numbered by their place among the live papers. */
  segment: BuiltSegment;
  /** The live papers whose postings the segment holds (the first ones). */
  segmentPapers: number;
  termsInBuildOrder: boolean;
  /** The name index of the segment's papers, numbered as the segment numbers them. */
  names: NameIndex;
}

/** The parts of a snapshot of `content`, made for the live papers `papers`. */
export function snapshotParts(content: SnapshotContent, papers: readonly Paper[]): SnapshotParts {
  const { segment, names } = content;
  const overflow = new Uint32Array(segment.overflow.size * 4);
  let at = 0;
  for (const [posting, [title, abstract, authors]] of segment.overflow) {
    overflow.set([posting, title, abstract, authors], at);
    at += 4;
  }
  return {
    meta: {
      format: 'shammie-index',
      version: SNAPSHOT_VERSION,
      corpus: corpusFingerprint(papers),
      docCount: papers.length,
      segmentPapers: content.segmentPapers,
      termsInBuildOrder: content.termsInBuildOrder,
      params: segment.index.params,
    },
    terms: segment.index.terms,
    nameWords: names.words,
    arrays: {
      offsets: segment.index.offsets,
      docs: segment.index.docs,
      weights: segment.index.weights,
      frequencies: segment.frequencies,
      lengths: Uint32Array.from(segment.lengths),
      overflow,
      nameOffsets: names.offsets,
      nameDocs: names.docs,
    },
  };
}

/**
 * The content of snapshot parts, checked against the papers it must serve. Throws a
 * ShammieError when the snapshot is from another version, another corpus, or damaged.
 */
export function contentFromParts(
  parts: SnapshotParts,
  papers: readonly Paper[],
  corpusChecked = false,
): SnapshotContent {
  const { meta, terms, nameWords, arrays } = parts;
  if (meta?.format !== 'shammie-index') throw badSnapshot('it is not a Shammie index');
  if (meta.version !== SNAPSHOT_VERSION)
    throw badSnapshot(`it is from version ${String(meta.version)}`);
  if (
    meta.docCount !== papers.length ||
    (!corpusChecked && meta.corpus !== corpusFingerprint(papers))
  ) {
    throw badSnapshot('it was built from another corpus');
  }
  const count = meta.segmentPapers;
  if (
    !Array.isArray(terms) ||
    !Array.isArray(nameWords) ||
    !meta.params ||
    !Number.isSafeInteger(count) ||
    count < 0 ||
    count > papers.length
  ) {
    throw badSnapshot('a part is missing');
  }
  const u32 = (name: ArrayName): Uint32Array => {
    const a = arrays[name];
    if (!(a instanceof Uint32Array)) throw badSnapshot(`${name} is missing`);
    return a;
  };
  const weights = arrays.weights;
  if (!(weights instanceof Float32Array)) throw badSnapshot('weights is missing');
  const offsets = u32('offsets');
  const docs = u32('docs');
  const frequencies = u32('frequencies');
  const lengths = u32('lengths');
  const overflowList = u32('overflow');
  const nameOffsets = u32('nameOffsets');
  const nameDocs = u32('nameDocs');
  if (
    offsets.length === 0 ||
    offsets.length > terms.length + 1 ||
    docs.length !== weights.length ||
    docs.length !== frequencies.length ||
    offsets[offsets.length - 1] !== docs.length ||
    lengths.length !== count * FIELD_COUNT ||
    overflowList.length % 4 !== 0 ||
    nameOffsets.length !== nameWords.length + 1 ||
    nameOffsets[nameWords.length] !== nameDocs.length
  ) {
    throw badSnapshot('its parts do not fit together');
  }
  for (const list of [docs, nameDocs]) {
    for (let i = 0; i < list.length; i++) {
      if ((list[i] ?? 0) >= count) throw badSnapshot('it names unknown papers');
    }
  }
  const overflow = new Map<number, FieldFrequencies>();
  for (let i = 0; i < overflowList.length; i += 4) {
    const posting = overflowList[i] ?? 0;
    if (posting >= docs.length) throw badSnapshot('it names unknown postings');
    overflow.set(posting, [
      overflowList[i + 1] ?? 0,
      overflowList[i + 2] ?? 0,
      overflowList[i + 3] ?? 0,
    ]);
  }
  const termIds = new Map<string, number>();
  for (let id = 0; id < terms.length; id++) termIds.set(terms[id] as string, id);
  return {
    segment: {
      index: { docCount: count, termIds, terms, offsets, docs, weights, params: meta.params },
      frequencies,
      overflow,
      lengths: Float64Array.from(lengths),
    },
    segmentPapers: count,
    termsInBuildOrder: meta.termsInBuildOrder === true,
    names: { words: nameWords, offsets: nameOffsets, docs: nameDocs },
  };
}

// ---- JSON encoding (engine.snapshot / loadEngine) ----

const toBase64 = (array: Uint32Array | Float32Array): string =>
  Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');

function fromBase64(text: unknown, float: boolean): Uint32Array | Float32Array {
  if (typeof text !== 'string') throw badSnapshot('a part is missing');
  const bytes = Buffer.from(text, 'base64');
  if (bytes.byteLength % 4 !== 0) throw badSnapshot('a part is truncated');
  // Copy into an aligned buffer of its own: Buffer pools are not 4-byte aligned.
  const copy = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(copy).set(bytes);
  return float ? new Float32Array(copy) : new Uint32Array(copy);
}

/** Snapshot parts as a JSON-serialisable value. */
export function partsToJson(parts: SnapshotParts): Record<string, unknown> {
  const arrays: Record<string, string> = {};
  for (const name of ARRAY_NAMES) arrays[name] = toBase64(parts.arrays[name]);
  return { ...parts.meta, terms: parts.terms, nameWords: parts.nameWords, arrays };
}

/** Snapshot parts from `partsToJson`'s value, or from its JSON text. */
export function partsFromJson(value: unknown): SnapshotParts {
  const json = typeof value === 'string' ? safeParse(value) : value;
  if (!json || typeof json !== 'object') throw badSnapshot('it is not a Shammie index');
  const v = json as Record<string, unknown>;
  const raw = (v.arrays ?? {}) as Record<string, unknown>;
  const meta = {
    format: v.format,
    version: v.version,
    corpus: v.corpus,
    docCount: v.docCount,
    segmentPapers: v.segmentPapers,
    termsInBuildOrder: v.termsInBuildOrder,
    params: v.params,
  } as SnapshotMeta;
  if (meta.format !== 'shammie-index') throw badSnapshot('it is not a Shammie index');
  if (meta.version !== SNAPSHOT_VERSION)
    throw badSnapshot(`it is from version ${String(meta.version)}`);
  const arrays = {} as SnapshotParts['arrays'];
  for (const name of ARRAY_NAMES) arrays[name] = fromBase64(raw[name], FLOAT_ARRAYS.has(name));
  return { meta, terms: v.terms as string[], nameWords: v.nameWords as string[], arrays };
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

// ---- Binary encoding (the data directory) ----
// Layout: MAGIC, u32 header length, header JSON, then each section at a 4-byte boundary:
// the terms and the name words as '\n'-joined UTF-8, then the arrays' raw bytes. The header
// lists every section's byte length, so a truncated or padded file is recognised.

const pad4 = (n: number): number => (n + 3) & ~3;

/** Snapshot parts as one binary buffer. */
export function encodeSnapshot(parts: SnapshotParts): Uint8Array {
  const strings = [parts.terms.join('\n'), parts.nameWords.join('\n')].map((s) =>
    Buffer.from(s, 'utf8'),
  );
  const arrays = ARRAY_NAMES.map((name) => parts.arrays[name]);
  const header = Buffer.from(
    JSON.stringify({
      meta: parts.meta,
      counts: { terms: parts.terms.length, nameWords: parts.nameWords.length },
      sections: [...strings.map((s) => s.byteLength), ...arrays.map((a) => a.byteLength)],
    }),
    'utf8',
  );
  const start = pad4(MAGIC.length + 4 + header.byteLength);
  let size = start;
  for (const s of strings) size = pad4(size + s.byteLength);
  for (const a of arrays) size += a.byteLength;
  const out = Buffer.alloc(size);
  out.write(MAGIC, 0, 'latin1');
  out.writeUInt32LE(header.byteLength, MAGIC.length);
  header.copy(out, MAGIC.length + 4);
  let at = start;
  for (const s of strings) {
    s.copy(out, at);
    at = pad4(at + s.byteLength);
  }
  for (const a of arrays) {
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), at);
    at += a.byteLength;
  }
  return out;
}

/** Snapshot parts from `encodeSnapshot`'s bytes; arrays are views into `bytes` when aligned. */
export function decodeSnapshot(bytes: Uint8Array): SnapshotParts {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.byteLength < MAGIC.length + 4 || buf.toString('latin1', 0, MAGIC.length) !== MAGIC) {
    throw badSnapshot('it is not a Shammie index');
  }
  const headerLength = buf.readUInt32LE(MAGIC.length);
  if (MAGIC.length + 4 + headerLength > buf.byteLength) throw badSnapshot('it is truncated');
  let header: {
    meta: SnapshotMeta;
    counts: { terms: number; nameWords: number };
    sections: number[];
  };
  try {
    header = JSON.parse(buf.toString('utf8', MAGIC.length + 4, MAGIC.length + 4 + headerLength));
  } catch {
    throw badSnapshot('its header is damaged');
  }
  // The version first: another version's sections differ, and it is rebuilt, not "damaged".
  if (header?.meta?.version !== SNAPSHOT_VERSION) {
    throw badSnapshot(`it is from version ${String(header?.meta?.version)}`);
  }
  const sections = header.sections;
  if (!Array.isArray(sections) || sections.length !== 2 + ARRAY_NAMES.length) {
    throw badSnapshot('its header is damaged');
  }
  let at = pad4(MAGIC.length + 4 + headerLength);
  const take = (length: unknown): [number, number] => {
    if (typeof length !== 'number' || length < 0 || at + length > buf.byteLength) {
      throw badSnapshot('it is truncated');
    }
    const range: [number, number] = [at, at + length];
    at += length;
    return range;
  };
  const readWords = (length: unknown, count: number): string[] => {
    const [from, to] = take(length);
    at = pad4(at);
    if (count === 0) return [];
    const words = buf.toString('utf8', from, to).split('\n');
    if (words.length !== count) throw badSnapshot('its word lists are damaged');
    return words;
  };
  const terms = readWords(sections[0], header.counts?.terms ?? -1);
  const nameWords = readWords(sections[1], header.counts?.nameWords ?? -1);
  const arrays = {} as SnapshotParts['arrays'];
  ARRAY_NAMES.forEach((name, i) => {
    const length = sections[2 + i];
    if (typeof length !== 'number' || length % 4 !== 0) throw badSnapshot('it is damaged');
    const [from] = take(length);
    const offset = buf.byteOffset + from;
    // Views share the file's memory when it is aligned; otherwise the section is copied.
    const source =
      offset % 4 === 0
        ? { buffer: buf.buffer, offset }
        : { buffer: new Uint8Array(buf.subarray(from, from + length)).buffer, offset: 0 };
    arrays[name] = FLOAT_ARRAYS.has(name)
      ? new Float32Array(source.buffer, source.offset, length / 4)
      : new Uint32Array(source.buffer, source.offset, length / 4);
  });
  if (at !== buf.byteLength) throw badSnapshot('it has trailing bytes');
  return { meta: header.meta, terms, nameWords, arrays };
}
