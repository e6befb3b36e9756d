/**
 * arXiv's category names (`cs.CL`, `hep-th`, `cond-mat.stat-mech`) and the OAI-PMH sets that
 * hold them. A set is a whole archive (`cs`) or, for physics, `physics:<archive>`; a single
 * category is harvested through its archive's set and filtered on the records' categories.
 */

import { ShammieError } from '../../src/index.ts';

/** An archive with an optional subject class, as arXiv writes them. */
const CATEGORY = /^[a-z]+(?:-[a-z]+)?(?:\.[A-Za-z]+(?:-[A-Za-z]+)?)?$/;

/** Archives that OAI-PMH groups under the `physics` set. */
const PHYSICS_ARCHIVES = new Set([
  'astro-ph',
  'cond-mat',
  'gr-qc',
  'hep-ex',
  'hep-lat',
  'hep-ph',
  'hep-th',
  'math-ph',
  'nlin',
  'nucl-ex',
  'nucl-th',
  'physics',
  'quant-ph',
]);

/** True when `text` is written like an arXiv category or archive. */
export function isCategory(text: string): boolean {
  return text.length <= 40 && CATEGORY.test(text);
}

/** `text` as a category, or a BAD_ARGUMENT the user can act on. */
export function checkCategory(text: string): string {
  const category = text.trim();
  if (!isCategory(category)) {
    throw new ShammieError(
      'BAD_ARGUMENT',
      `"${category.slice(0, 40)}" is not an arXiv category; write it like cs.CL or hep-th.`,
    );
  }
  return category;
}

/** The archive part of a category (`cs.CL` → `cs`). */
export function archiveOf(category: string): string {
  const dot = category.indexOf('.');
  return dot === -1 ? category : category.slice(0, dot);
}

/** The OAI-PMH set that holds `category` (`cs.CL` → `cs`, `hep-th` → `physics:hep-th`). */
export function oaiSetFor(category: string): string {
  const archive = archiveOf(category);
  return PHYSICS_ARCHIVES.has(archive) ? `physics:${archive}` : archive;
}

/**
 * True when a paper filed under `categories` belongs to `category`: the same category, or any
 * category of the archive when `category` names a whole archive. Case does not matter.
 */
export function inCategory(categories: readonly string[], category: string): boolean {
  const wanted = category.toLowerCase();
  const wholeArchive = !wanted.includes('.');
  return categories.some((candidate) => {
    const name = candidate.toLowerCase();
    return name === wanted || (wholeArchive && name.startsWith(`${wanted}.`));
  });
}
