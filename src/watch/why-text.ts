import type { WatchReason } from './watch-types.ts';

/**
 * The one line that says why a paper is in a watch post:
 * `matches "long context"; close to your Megalodon (attention, chunk); author Omer Levy`.
 */

/** Titles longer than this are cut (at a word) in an explanation. */
export const WHY_TITLE_LENGTH = 60;

/** The reasons as one line, in the order given; empty when there are none. */
export function whyText(reasons: readonly WatchReason[]): string {
  const matched = reasons.filter((r) => r.kind === 'keyword' || r.kind === 'phrase');
  const similar = reasons.filter((r) => r.kind === 'similar');
  const authors = reasons.filter((r) => r.kind === 'author');
  const parts: string[] = [];
  if (matched.length > 0) parts.push(`matches ${matched.map((r) => `"${r.text}"`).join(', ')}`);
  for (const r of similar) {
    const words = r.terms && r.terms.length > 0 ? ` (${r.terms.join(', ')})` : '';
    parts.push(`close to your ${shortTitle(r.text)}${words}`);
  }
  if (authors.length > 0) {
    parts.push(
      `${authors.length === 1 ? 'author' : 'authors'} ${authors.map((r) => r.text).join(', ')}`,
    );
  }
  return parts.join('; ');
}

/**
 * A title short enough for a line: the name before a colon ("Megalodon: Efficient LLM…" →
 * "Megalodon") when there is one, else the title cut at a word.
 */
export function shortTitle(title: string): string {
  const clean = title.replace(/\s+/g, ' ').trim();
  const colon = clean.indexOf(':');
  if (colon >= 3 && colon <= 40) return clean.slice(0, colon);
  if (clean.length <= WHY_TITLE_LENGTH) return clean;
  const cut = clean.slice(0, WHY_TITLE_LENGTH - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > 20 ? cut.slice(0, space) : cut).replace(/[\s,;:.-]+$/, '')}…`;
}
