import type { Snippet } from '../engine-types.ts';
import { wordSpans } from './text-analysis.ts';

/** Words a snippet shows around the densest cluster of matches. */
export const SNIPPET_WORDS = 32;

/**
 * The passage of `text` with the most distinct matched terms in a window of `size` words,
 * cut at word boundaries with "…", matched words marked. Falls back to the opening words.
 */
export function makeSnippet(
  text: string,
  isMatch: (term: string) => boolean,
  size: number = SNIPPET_WORDS,
): Snippet {
  const spans = wordSpans(text);
  if (spans.length === 0) return text.trim() === '' ? [] : [{ text: text.trim(), match: false }];
  const hits = spans.map((s) => s.terms.some(isMatch));
  const matchedTerms = spans.map((s) => s.terms.filter(isMatch));

  // Slide a window, scoring distinct matched terms (then raw hits) inside it.
  let bestStart = 0;
  let bestScore = -1;
  for (let start = 0; start < spans.length; start++) {
    if (start > 0 && !hits[start]) continue; // windows worth trying begin at a match
    const seen = new Set<string>();
    let raw = 0;
    const end = Math.min(spans.length, start + size);
    for (let i = start; i < end; i++) {
      for (const t of matchedTerms[i] ?? []) seen.add(t);
      if (hits[i]) raw++;
    }
    const score = seen.size * 1000 + raw;
    if (score > bestScore) {
      bestScore = score;
      bestStart = start;
    }
    if (end === spans.length) break;
  }
  // Start a few words before the first match so it reads in context, at a sentence start if near.
  let start = bestStart;
  const lead = Math.min(6, Math.floor(size / 4));
  if (start > 0) start = Math.max(0, start - lead);
  const end = Math.min(spans.length, start + size);

  const segments: Snippet = [];
  const push = (piece: string, match: boolean): void => {
    if (piece === '') return;
    const last = segments[segments.length - 1];
    if (last && last.match === match) last.text += piece;
    else segments.push({ text: piece, match });
  };
  const from = spans[start]?.start ?? 0;
  const to = end < spans.length ? (spans[end - 1]?.end ?? text.length) : text.length;
  if (start > 0) push('…', false);
  let cursor = from;
  for (let i = start; i < end; i++) {
    const span = spans[i];
    if (!span) continue;
    push(text.slice(cursor, span.start), false);
    push(text.slice(span.start, span.end), hits[i] ?? false);
    cursor = span.end;
  }
  push(text.slice(cursor, to).replace(/\s+$/, ''), false);
  if (end < spans.length) push(' …', false);
  // Collapse runs of whitespace so a snippet is one line.
  return segments.map((s) => ({ text: s.text.replace(/\s+/g, ' '), match: s.match }));
}
