import type { NoticeView } from './reply-view.ts';

/**
 * One piece of a message: plain words, or something the reader types (a command, an example)
 * that platforms with code spans show as code. Plain data: no platform's markup inside.
 */
export type TextPart = string | { readonly code: string };

/** Message text with the things to type marked; each platform renders it its own way. */
export type RichText = readonly TextPart[];

/** Marks `text` as something the reader types. */
export function code(text: string): { readonly code: string } {
  return { code: text };
}

/** The text as plain words: what is typed appears as typed, with no marks around it. */
export function plainText(text: RichText): string {
  return text.map((part) => (typeof part === 'string' ? part : part.code)).join('');
}

/**
 * A notice whose words name things to type: `text` is the plain form (for logs, JSON and any
 * renderer that knows no code spans), `rich` the same words with those things marked.
 */
export function richNotice(tone: NoticeView['tone'], rich: RichText): NoticeView {
  return { kind: 'notice', tone, text: plainText(rich), rich };
}
