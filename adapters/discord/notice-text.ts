import type { NoticeView } from '../../src/index.ts';
import { LIMITS } from './limits.ts';
import { escapeRich, escapeText } from './text.ts';

/** What to try next, by the code of the problem; the core's message says what went wrong. */
const HINTS: Partial<Record<NonNullable<NoticeView['code']>, string>> = {
  EMPTY_QUERY: 'Type a few words, an arXiv id or a DOI.',
  QUERY_TOO_LONG: 'A few distinctive words work best.',
  PAPER_NOT_FOUND: 'Pick a paper from the list that appears as you type, or try /search.',
  BAD_DATE: 'Dates look like 2024-05-31.',
  BAD_FORMAT: 'Formats: bibtex, apa or mla.',
};

/** A notice as one short, escaped message: an emoji, the core's words, a hint. */
export function noticeText(view: NoticeView): string {
  const icon = view.tone === 'error' ? '⚠️' : 'ℹ️';
  const hint = view.code ? HINTS[view.code] : undefined;
  const tail = hint ? ` ${hint}` : '';
  const room = LIMITS.content - icon.length - 1 - tail.length;
  const text = view.rich ? escapeRich(view.rich, room) : escapeText(view.text, room);
  return `${icon} ${text}${tail}`;
}
