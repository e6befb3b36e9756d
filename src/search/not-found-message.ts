import type { Paper } from '../types.ts';

/** A reference as quoted back to the user: one line, at most 80 characters. */
export function shorten(text: string): string {
  const line = text.replace(/\s+/g, ' ');
  return line.length > 80 ? `${line.slice(0, 80)}…` : line;
}

/**
 * "No paper matches …", with the papers the reference comes near, or a hint that fits what
 * was typed: no content word at all, one word the corpus has never seen (a typo), one it has
 * only in abstracts, or several words.
 */
export function notFoundMessage(
  text: string,
  near: readonly Paper[],
  terms: { words: number; known: number },
): string {
  const head = `No paper matches “${shorten(text)}”.`;
  if (near.length > 0) {
    const titles = near.map((paper) => `“${shorten(paper.title)}”`);
    const list =
      titles.length === 1 ? titles[0] : `${titles.slice(0, -1).join(', ')} or ${titles.at(-1)}`;
    return `${head} Did you mean ${list}?`;
  }
  if (terms.words === 0) return `${head} Give title words, an author, an arXiv id or a DOI.`;
  if (terms.words === 1 && terms.known === 0) {
    return `${head} Check the spelling, or search for it.`;
  }
  if (terms.words === 1) {
    return `${head} No title or author has that word; search for it to see the papers that use it.`;
  }
  return `${head} Try its title, short name, an author or its arXiv id, or search for the words.`;
}
