/**
 * Text for Discord: corpus and user text is untrusted. It is cleaned of characters that break
 * or spoof a message, escaped so it cannot format, link or mention, and cut to a size with "…"
 * without ever splitting a character or an escape.
 */

import type { RichText } from '../../src/index.ts';

/** What a cut text ends with. */
export const ELLIPSIS = '…';

const ZERO_WIDTH_SPACE = '\u200b';

/**
 * C0/C1 control characters (but newline), bidirectional embeddings, overrides and isolates
 * (they can make text read backwards around it).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/**
 * Removes characters that have no business in a chat message; keeps newlines, emoji and RTL text.
 * A lone surrogate (not valid Unicode) becomes the replacement character.
 */
export function sanitize(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/\t/g, ' ').replace(UNSAFE, '').toWellFormed();
}

/** `sanitize`, then all whitespace runs (newlines too) as one space: for titles, labels, names. */
export function oneLine(text: string): string {
  return sanitize(text).replace(/\s+/g, ' ').trim();
}

/** Characters that format text anywhere on a line in Discord markdown. */
const INLINE_SPECIAL = new Set(['\\', '*', '_', '~', '`', '|', '<', '[', ']']);
/** Characters that format text only at the start of a line (headings, quotes, lists, subtext). */
const LINE_START_SPECIAL = new Set(['#', '>', '-', '+']);

/**
 * Escapes sanitized text into units, one per code point (a unit may be "\\*" or "@\u200beveryone"
 * pieces), so a cut never separates a backslash from what it escapes.
 */
export function escapeUnits(text: string, state = { lineStart: true }): string[] {
  const chars = Array.from(text);
  const units: string[] = [];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] as string;
    if (ch === '\n') {
      state.lineStart = true;
      units.push(ch);
      continue;
    }
    if (state.lineStart && ch === ' ') {
      units.push(ch);
      continue;
    }
    if (state.lineStart && LINE_START_SPECIAL.has(ch)) {
      units.push(`\\${ch}`);
    } else if (state.lineStart && /\d/.test(ch)) {
      // "1. item" would become a numbered list: escape the dot after the leading digits.
      while (i < chars.length && /\d/.test(chars[i] as string)) units.push(chars[i++] as string);
      if (chars[i] === '.') units.push('\\.');
      else i--;
    } else if (INLINE_SPECIAL.has(ch)) {
      units.push(`\\${ch}`);
    } else if (ch === '@' && /^(everyone|here)/i.test(chars.slice(i + 1, i + 9).join(''))) {
      // allowed_mentions already stops the ping; this also stops the highlight.
      units.push(`@${ZERO_WIDTH_SPACE}`);
    } else {
      units.push(ch);
    }
    state.lineStart = false;
  }
  return units;
}

/** Joins units, cutting with "…" so the result is at most `max` UTF-16 units long. */
export function fitUnits(units: readonly string[], max: number): string {
  let total = 0;
  for (const unit of units) total += unit.length;
  if (total <= max) return units.join('');
  if (max < ELLIPSIS.length) return '';
  let out = '';
  for (const unit of units) {
    if (out.length + unit.length + ELLIPSIS.length > max) break;
    out += unit;
  }
  return out.trimEnd() + ELLIPSIS;
}

/** Text Shammie wrote itself (already escaped where needed), cut to `max` as a last safety net. */
export function cut(text: string, max: number): string {
  return fitUnits(Array.from(text), max);
}

/**
 * The part of `text` that can matter for a result `max` long: every code point becomes at least
 * one character, so more than max + 1 code points (2 UTF-16 units at most each) are never shown.
 * Keeps escaping a 10,000-character abstract for a 300-character snippet cheap.
 */
function head(text: string, max: number): string {
  const keep = (Math.max(0, max) + 1) * 2;
  return text.length > keep ? text.slice(0, keep) : text;
}

/**
 * Words escaped as `escapeText` does, the things to type as code spans, at most `max` long. A
 * code span is one unit, so a cut never leaves half of one; a backtick inside would end it early.
 */
export function escapeRich(text: RichText, max: number): string {
  const state = { lineStart: true };
  const units = text.flatMap((part) => {
    if (typeof part === 'string') return escapeUnits(sanitize(part), state);
    const typed = oneLine(part.code).replace(/`/g, '');
    if (typed === '') return [];
    state.lineStart = false;
    return [`\`${typed}\``];
  });
  return fitUnits(units, max);
}

/** Untrusted text as Discord markdown that shows exactly that text, at most `max` long. */
export function escapeText(text: string, max: number): string {
  return fitUnits(escapeUnits(head(sanitize(text), max)), max);
}

/** Untrusted text on one line, escaped, at most `max` long. */
export function escapeLine(text: string, max: number): string {
  return fitUnits(escapeUnits(head(oneLine(text), max)), max);
}

/** Text for places Discord shows verbatim (footers, author names, labels, choices): one line, cut. */
export function plainLine(text: string, max: number): string {
  // These places never ping, but "@everyone" would still read as one.
  const defused = oneLine(text).replace(/@(everyone|here)/gi, `@${ZERO_WIDTH_SPACE}$1`);
  return fitUnits(Array.from(head(defused, max)), max);
}

/** One piece of a snippet: text and whether it matched the query. */
export interface MarkedText {
  text: string;
  match: boolean;
}

/**
 * A snippet as markdown with the matched terms in bold, escaped, at most `max` long.
 * A cut closes an open bold before the "…" so the markup stays balanced.
 */
export function boldSnippet(segments: readonly MarkedText[], max: number): string {
  const state = { lineStart: true };
  const pieces = segments.map((segment) => {
    const clean = head(sanitize(segment.text), max).replace(/\n+/g, ' ');
    if (!segment.match || clean.trim() === '') {
      return { lead: '', units: escapeUnits(clean, state), trail: '', bold: false };
    }
    // Bold markers must touch the word: "** term**" does not render as bold.
    const lead = /^\s*/.exec(clean)?.[0] ?? '';
    const trail = /\s*$/.exec(clean)?.[0] ?? '';
    const core = clean.slice(lead.length, clean.length - trail.length);
    return { lead, units: escapeUnits(core, state), trail, bold: true };
  });
  const full = pieces
    .map((p) => (p.bold ? `${p.lead}**${p.units.join('')}**${p.trail}` : p.units.join('')))
    .join('');
  if (full.length <= max) return full;
  if (max < ELLIPSIS.length) return '';
  let out = '';
  for (const piece of pieces) {
    const closing = piece.bold ? 2 : 0;
    if (piece.bold) {
      if (out.length + piece.lead.length + 2 + closing + ELLIPSIS.length >= max) break;
      out += `${piece.lead}**`;
    }
    let added = 0;
    for (const unit of piece.units) {
      if (out.length + unit.length + closing + ELLIPSIS.length > max) break;
      out += unit;
      added++;
    }
    const cut = added < piece.units.length;
    if (piece.bold) {
      if (added === 0) out = out.slice(0, -2);
      else out += '**';
      if (!cut && out.length + piece.trail.length + ELLIPSIS.length <= max) out += piece.trail;
      else if (!cut) break;
    }
    if (cut) break;
  }
  return out.trimEnd() + ELLIPSIS;
}

/**
 * Text inside a fenced code block, which shows everything verbatim except a run of three
 * backticks (it would close the block): such runs, and a backtick touching the closing fence,
 * get zero-width spaces between them, as do "@everyone" and "@here". At most `max` long
 * including the fences.
 */
export function codeBlock(text: string, language: string, max: number): string {
  const clean = sanitize(text)
    .replace(/@(everyone|here)/gi, `@${ZERO_WIDTH_SPACE}$1`)
    .replace(/`{3,}/g, (run) => Array.from(run).join(ZERO_WIDTH_SPACE))
    .replace(/`$/, `\`${ZERO_WIDTH_SPACE}`);
  const open = `\`\`\`${language}\n`;
  const close = '\n```';
  const body = fitUnits(Array.from(clean), Math.max(0, max - open.length - close.length));
  return `${open}${body}${close}`;
}
