import { createHash } from 'node:crypto';
import { ShammieError } from '../errors.ts';
import type { Paper } from '../types.ts';
import type { Bm25fParams, InvertedIndex } from './inverted-index.ts';
import type { NameIndex } from './name-index.ts';

/** Bumped whenever the index layout or the text analysis changes: older snapshots are rebuilt. */
export const SNAPSHOT_VERSION = 1;

interface Snapshot {
  format: 'shammie-index';
  version: number;
  /** Hash of the papers the index was built from; a snapshot only serves those papers. */
  corpus: string;
  docCount: number;
  params: Bm25fParams;
  terms: string[];
  offsets: string;
  docs: string;
  weights: string;
  idf: string;
  names: { words: string[]; offsets: string; docs: string };
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

const toBase64 = (array: Uint32Array | Float32Array): string =>
  Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');

function fromBase64<T extends Uint32Array | Float32Array>(
  text: unknown,
  make: (buffer: ArrayBuffer, length: number) => T,
): T {
  if (typeof text !== 'string') throw badSnapshot('a field is missing');
  const bytes = Buffer.from(text, 'base64');
  if (bytes.byteLength % 4 !== 0) throw badSnapshot('a field is truncated');
  // Copy into an aligned buffer of its own: Buffer pools are not 4-byte aligned.
  const copy = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(copy).set(bytes);
  return make(copy, bytes.byteLength / 4);
}

function badSnapshot(why: string): ShammieError {
  return new ShammieError('BAD_ARGUMENT', `The index snapshot is unusable: ${why}.`);
}

/** A JSON-serialisable snapshot of an index built over `papers`. */
export function toSnapshot(
  index: InvertedIndex,
  names: NameIndex,
  papers: readonly Paper[],
): Snapshot {
  return {
    format: 'shammie-index',
    version: SNAPSHOT_VERSION,
    corpus: corpusFingerprint(papers),
    docCount: index.docCount,
    params: index.params,
    terms: index.terms,
    offsets: toBase64(index.offsets),
    docs: toBase64(index.docs),
    weights: toBase64(index.weights),
    idf: toBase64(index.idf),
    names: { words: names.words, offsets: toBase64(names.offsets), docs: toBase64(names.docs) },
  };
}

/**
 * The index of a snapshot, checked against the papers it must serve. Throws a ShammieError
 * when the snapshot is from another version, another corpus, or damaged — callers rebuild then.
 */
export function fromSnapshot(
  value: unknown,
  papers: readonly Paper[],
): { index: InvertedIndex; names: NameIndex } {
  const snap = (typeof value === 'string' ? safeParse(value) : value) as Partial<Snapshot> | null;
  if (!snap || typeof snap !== 'object' || snap.format !== 'shammie-index') {
    throw badSnapshot('it is not a Shammie index');
  }
  if (snap.version !== SNAPSHOT_VERSION)
    throw badSnapshot(`it is from version ${String(snap.version)}`);
  if (snap.docCount !== papers.length || snap.corpus !== corpusFingerprint(papers)) {
    throw badSnapshot('it was built from another corpus');
  }
  if (!Array.isArray(snap.terms) || !snap.params) throw badSnapshot('a field is missing');
  const offsets = fromBase64(snap.offsets, (b, n) => new Uint32Array(b, 0, n));
  const docs = fromBase64(snap.docs, (b, n) => new Uint32Array(b, 0, n));
  const weights = fromBase64(snap.weights, (b, n) => new Float32Array(b, 0, n));
  const idf = fromBase64(snap.idf, (b, n) => new Float32Array(b, 0, n));
  const terms = snap.terms;
  if (
    offsets.length !== terms.length + 1 ||
    idf.length !== terms.length ||
    docs.length !== weights.length ||
    offsets[terms.length] !== docs.length
  ) {
    throw badSnapshot('its parts do not fit together');
  }
  for (const doc of docs) if (doc >= papers.length) throw badSnapshot('it names unknown papers');
  const termIds = new Map<string, number>();
  terms.forEach((term, id) => {
    termIds.set(term, id);
  });
  return {
    index: {
      docCount: papers.length,
      termIds,
      terms,
      offsets,
      docs,
      weights,
      idf,
      params: snap.params,
    },
    names: namesFrom(snap.names, papers.length),
  };
}

function namesFrom(value: Snapshot['names'] | undefined, paperCount: number): NameIndex {
  if (!value || !Array.isArray(value.words)) throw badSnapshot('the name index is missing');
  const offsets = fromBase64(value.offsets, (b, n) => new Uint32Array(b, 0, n));
  const docs = fromBase64(value.docs, (b, n) => new Uint32Array(b, 0, n));
  if (offsets.length !== value.words.length + 1 || offsets[value.words.length] !== docs.length) {
    throw badSnapshot('its name index does not fit together');
  }
  for (const doc of docs) if (doc >= paperCount) throw badSnapshot('it names unknown papers');
  return { words: value.words, offsets, docs };
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
