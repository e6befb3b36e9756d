/** Author lists that services write as one string (arXivRaw, the RSS feeds' `dc:creator`). */

/**
 * An author list written as one string ("A. One, B. Two and C. Three"): split on commas and a
 * final "and", but not inside parentheses (affiliations).
 */
export function splitAuthorList(text: string): string[] {
  const names: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of text) {
    if (char === '(') depth++;
    if (char === ')') depth = Math.max(0, depth - 1);
    if (char === ',' && depth === 0) {
      names.push(current);
      current = '';
    } else current += char;
  }
  names.push(current);
  return names
    .flatMap((name) => name.split(/\s+and\s+(?![^()]*\))/))
    .map((name) => name.replace(/^\s*and\s+/, '').trim())
    .filter((name) => name !== '');
}
