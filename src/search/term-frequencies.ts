import type { FieldParams } from './inverted-index.ts';

/**
 * A term's frequency in each field of a paper, kept per posting so that its saturated BM25F
 * weight can be computed again when the corpus statistics (average field lengths) change.
 * Packed in 32 bits: abstract in the low 16, title in the next 8, authors in the top 8. Larger
 * counts (a hostile 2 MB title) are marked `FREQUENCIES_OVERFLOW` and kept exactly beside.
 */

/** Frequencies in title, abstract and authors. */
export type FieldFrequencies = [title: number, abstract: number, authors: number];

/** The packed value of frequencies too large to pack. */
export const FREQUENCIES_OVERFLOW = 0xffffffff;

/** Frequencies packed into one 32-bit number, or `FREQUENCIES_OVERFLOW`. */
export function packFrequencies(title: number, abstract: number, authors: number): number {
  if (title >= 0xff || abstract >= 0xffff || authors >= 0xff) return FREQUENCIES_OVERFLOW;
  return (abstract | (title << 16) | (authors << 24)) >>> 0;
}

/**
 * A field's length normalisation, w / (1 − b + b · length / average): the build and a growing
 * index both compute it here, so the two agree to the last bit.
 */
export function fieldNorm(field: FieldParams, length: number, average: number): number {
  return field.weight / (1 - field.b + (field.b * length) / average);
}

/**
 * The saturated weight tf′ / (k1 + tf′) of packed frequencies under a document's norms (at
 * `at` in `norms`), in the build's order of operations, so the two agree to the last bit.
 */
export function saturatedWeight(
  k1: number,
  packed: number,
  exact: FieldFrequencies | undefined,
  norms: Float64Array,
  at: number,
): number {
  let title: number;
  let abstract: number;
  let authors: number;
  if (packed === FREQUENCIES_OVERFLOW && exact) {
    [title, abstract, authors] = exact;
  } else {
    abstract = packed & 0xffff;
    title = (packed >>> 16) & 0xff;
    authors = packed >>> 24;
  }
  let tf = 0;
  tf += title * (norms[at] ?? 0);
  tf += abstract * (norms[at + 1] ?? 0);
  tf += authors * (norms[at + 2] ?? 0);
  return tf / (k1 + tf);
}
