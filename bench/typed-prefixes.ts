/**
 * What people type into an autocomplete box while looking for a paper: the first characters of
 * its title, one keystroke after another, and then whole words.
 */
import { type Random, shuffled } from './seeded-order.ts';

/** Lengths, in characters, of the partial titles typed before a word is complete. */
export const PREFIX_LENGTHS: readonly number[] = [1, 2, 3, 5, 8];
/** How many whole leading words of a title are typed (1, 2, … up to this many). */
export const PREFIX_WORDS = 3;

/** One typed text and the kind of typing it stands for (the report gives each kind's figures). */
export interface TypedPrefix {
  text: string;
  kind: 'chars' | 'words';
}

/**
 * The prefixes typed for one title: its first 1, 2, 3, 5 and 8 characters, then its first one,
 * two and three whole words. Prefixes that repeat a shorter one (a short title) are left out,
 * and so are blank ones.
 */
export function prefixesOf(title: string): TypedPrefix[] {
  const clean = title.replace(/\s+/g, ' ').trim();
  const out: TypedPrefix[] = [];
  const seen = new Set<string>();
  const add = (text: string, kind: TypedPrefix['kind']): void => {
    const t = text.trimEnd();
    if (t === '' || seen.has(t)) return;
    seen.add(t);
    out.push({ text: t, kind });
  };
  for (const n of PREFIX_LENGTHS)
    if (n <= clean.length) add([...clean].slice(0, n).join(''), 'chars');
  const words = clean.split(' ');
  for (let n = 1; n <= Math.min(PREFIX_WORDS, words.length); n++) {
    add(words.slice(0, n).join(' '), 'words');
  }
  return out;
}

/**
 * The typed prefixes of `count` titles drawn without replacement (seeded), in a shuffled order so
 * that one title's keystrokes are not timed back to back.
 */
export function typedPrefixes(
  titles: readonly string[],
  count: number,
  random: Random,
): TypedPrefix[] {
  const chosen = shuffled(titles, random).slice(0, Math.max(0, count));
  return shuffled(
    chosen.flatMap((title) => prefixesOf(title)),
    random,
  );
}
