/**
 * Bugs the fuzz suites found in code they do not own, each with its minimal counterexample.
 * The failing cases stay in the suites as `it.fails` (so they pass while the bug is there and
 * fail, asking to be flipped, once it is fixed); the general properties skip exactly these
 * inputs so that they keep hunting for new shapes meanwhile.
 */

/**
 * src/chat/grammar.ts `parseCite`: `^(.*?)\s*(?:…)?\b(bibtex|bib|apa|mla)$` backtracks
 * quadratically over a long run of whitespace other than a line break inside the reference
 * (`.` stops at line breaks, so those are fast): `cite a` + 40,000 × U+3000 + `b` takes about
 * 2.5–5 s. The Slack adapter now refuses raw text over 4,000 characters before parsing
 * (adapters/slack/request-text.ts), which bounds it there to about 20 ms; Discord options are
 * capped at 500. `parseChat` itself (the core's grammar, also behind `shammie chat`) has no cap.
 */
export const KNOWN_SLOW_CITE = /^\s*(?:cite|citation)\s[\s\S]*[^\S\n\r\u2028\u2029]{1000,}/i;

/** A cite message of `length` characters whose reference is one long run of U+3000. */
export function slowCiteMessage(length: number): string {
  return `cite a${'\u3000'.repeat(Math.max(0, length - 7))}b`;
}

/**
 * src/daily (calendar-date.ts `civilFromDays` with daily-pick.ts): the first day of year 0 asks
 * for the day before it, which `civilFromDays` writes "00-1-12-31" (a negative year padded as a
 * string) and `parseCalendarDate` then refuses: `engine.daily('0000-01-01')` throws BAD_DATE
 * saying “00-1-12-31” is not a date, a date the user never typed. Other dates of year 0 work.
 */
export const KNOWN_BAD_DAILY_DATE = '0000-01-01';

/**
 * adapters/slack/mrkdwn.ts `snippetToMrkdwn` (and `mrkdwnLink`): `/\s*\n\s*\/g` backtracks
 * quadratically over a long run of whitespace that no line break ends. A snippet segment of
 * `a` + 100,000 spaces + `b` takes about 25 s to format; 30,000 spaces about 1 s. The corpus
 * loader collapses whitespace in every text field, so files cannot reach it; papers handed to
 * `createEngine` directly (the library API) can.
 */
export const KNOWN_SLOW_SLACK_SPACES = /[^\S\n]{1000,}/;

/** A results view whose one snippet is `a`, `spaces` spaces and `b`. */
export function slowSnippetView(spaces: number) {
  return {
    kind: 'results' as const,
    request: { query: 'x', limit: 5 },
    total: 1,
    page: 0,
    pageCount: 1,
    cards: [
      {
        id: 'x',
        title: 't',
        authors: [],
        authorsShort: '',
        snippet: [{ text: `a${' '.repeat(spaces)}b`, match: false }],
      },
    ],
  };
}
