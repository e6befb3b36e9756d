/**
 * Text fields from outside services, made safe to store and show: whitespace collapsed (arXiv
 * wraps titles and abstracts at 80 columns) and length capped, so that a 2 MB title in a
 * hostile or broken answer cannot fill the library or a chat message.
 */

/** Longest title kept (arXiv's longest real titles are a few hundred characters). */
export const MAX_TITLE_LENGTH = 1_000;
/** Longest abstract kept (arXiv limits abstracts to 1,920 characters; publishers are longer). */
export const MAX_ABSTRACT_LENGTH = 20_000;
/** Longest author name kept. */
export const MAX_AUTHOR_LENGTH = 300;
/** Most authors kept per paper (collaborations list thousands; the first ones are enough). */
export const MAX_AUTHORS = 500;
/** Longest short field kept (journal reference, comment, venue, category). */
export const MAX_SHORT_FIELD_LENGTH = 1_000;
/** Most categories kept per paper. */
export const MAX_CATEGORIES = 50;

/** Collapses every run of whitespace to one space and trims the ends. */
export function collapseSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * `text` with whitespace collapsed, cut at `max` characters (at a word boundary when one is
 * near, with an ellipsis) — never in the middle of a surrogate pair.
 */
export function cleanText(text: string, max: number): string {
  // Collapse only the part that can survive the cut: a 2 MB field is not scanned whole.
  const limit = max * 4 + 64;
  const sliced = text.length > limit;
  const clean = collapseSpace(sliced ? text.slice(0, limit) : text);
  if (clean.length <= max && !sliced) return clean;
  if (clean === '') return '';
  let cut = clean.slice(0, Math.max(0, Math.min(clean.length, max - 1)));
  const space = cut.lastIndexOf(' ');
  if (cut.length >= max - 1 && space > max * 0.8) cut = cut.slice(0, space);
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}

/** Author names cleaned and capped, empty ones dropped. */
export function cleanAuthors(names: Iterable<string>): string[] {
  const authors: string[] = [];
  for (const name of names) {
    const clean = cleanText(name, MAX_AUTHOR_LENGTH);
    if (clean !== '') authors.push(clean);
    if (authors.length >= MAX_AUTHORS) break;
  }
  return authors;
}

/** The calendar year of an ISO date or date-time, when it has a plausible one. */
export function yearOf(date: string | undefined): number | undefined {
  const match = date ? /^(\d{4})/.exec(date) : null;
  if (!match) return undefined;
  const year = Number(match[1]);
  return year >= 1000 && year <= 9999 ? year : undefined;
}

/** An ISO 8601 date or date-time as given, or undefined when `text` is not one. */
export function cleanDate(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const clean = text.trim();
  if (
    clean.length > 40 ||
    !/^\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.test(clean)
  ) {
    return undefined;
  }
  return Number.isNaN(Date.parse(clean)) ? undefined : clean;
}
