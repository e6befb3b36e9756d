import type { Snippet } from '../../src/index.ts';
import { ELLIPSIS } from './limits.ts';

/**
 * Escapes untrusted text for Slack mrkdwn. Slack reads only `&`, `<` and `>` as control
 * characters; escaping them is also what defuses `<!channel>`, `<!here>` and `<@U…>` in a title,
 * an abstract or a user's query.
 */
export function escapeMrkdwn(text: string): string {
  return (
    text
      .replace(CONTROL_CHARACTERS, '')
      // Half of a surrogate pair is not text: Slack's form encoding would merge it with the next
      // character. It becomes the replacement character, as on Discord.
      .toWellFormed()
      .replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'))
  );
}

/**
 * Each run of white space that holds a line break becomes one space: a snippet or a link label
 * is one line. One greedy match per run keeps this linear (a pattern with a lazy space run
 * around the line break retries from every space of a long run, quadratic in its length).
 */
function joinLines(text: string): string {
  return text.replace(/\s+/g, (run) => (run.includes('\n') ? ' ' : run));
}

/**
 * Control characters other than tab and newline show as nothing (or as boxes) in Slack, and
 * each costs six characters of the message's JSON size limit (`\u0000`): they are dropped.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

/** Cuts `text` to at most `max` characters, ending with "…" when cut, never inside a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= ELLIPSIS.length) return ELLIPSIS.slice(0, Math.max(0, max));
  return `${avoidSplitPair(text.slice(0, max - ELLIPSIS.length))}${ELLIPSIS}`;
}

/**
 * Cuts escaped mrkdwn to at most `max` characters. Unlike `truncate` it never leaves half an
 * entity (`&am`) or half a link (`<https://…`), which Slack would show as debris.
 */
export function truncateMrkdwn(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= ELLIPSIS.length) return ELLIPSIS.slice(0, Math.max(0, max));
  let cut = avoidSplitPair(text.slice(0, max - ELLIPSIS.length));
  const amp = cut.lastIndexOf('&');
  if (amp >= 0 && !cut.includes(';', amp)) cut = cut.slice(0, amp);
  const open = cut.lastIndexOf('<');
  if (open >= 0 && !cut.includes('>', open)) cut = cut.slice(0, open);
  return `${cut}${ELLIPSIS}`;
}

function avoidSplitPair(text: string): string {
  const last = text.charCodeAt(text.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? text.slice(0, -1) : text;
}

/**
 * Bold in mrkdwn. Slack only bolds when the asterisks hug non-space characters, so surrounding
 * whitespace stays outside; text holding its own asterisk or a line break is left plain.
 */
export function bold(escaped: string): string {
  const match = /^(\s*)(\S(?:[\s\S]*\S)?)(\s*)$/.exec(escaped);
  if (!match || /[*\n]/.test(match[2] ?? '')) return escaped;
  return `${match[1]}*${match[2]}*${match[3]}`;
}

/** A snippet as mrkdwn: escaped, with the matched terms in bold, within `max` characters. */
export function snippetToMrkdwn(snippet: Snippet, max: number): string {
  let out = '';
  for (const segment of snippet) {
    // A snippet is one passage: line breaks in the abstract would break the quote it sits in.
    const escaped = escapeMrkdwn(joinLines(segment.text));
    const piece = segment.match ? bold(escaped) : escaped;
    if (out.length + piece.length > max) {
      // Cut inside a plain piece; a bold piece is dropped whole rather than left unclosed.
      const room = max - out.length;
      out += segment.match ? ELLIPSIS : truncateMrkdwn(piece, room);
      return truncateMrkdwn(out, max);
    }
    out += piece;
  }
  return out;
}

/** True for a URL that can sit inside `<url|label>`: http(s), and none of Slack's delimiters. */
export function isLinkableUrl(url: string): boolean {
  return /^https?:\/\/[^\s<>|]+$/i.test(url) && url.length <= 3000;
}

/** `<url|label>` with the label escaped; just the escaped label when the URL cannot be linked. */
export function mrkdwnLink(url: string | undefined, label: string): string {
  const text = joinLines(escapeMrkdwn(label));
  if (url === undefined || !isLinkableUrl(url)) return text;
  return `<${url.replace(/&/g, '&amp;')}|${text}>`;
}
