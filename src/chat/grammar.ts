import type { CitationFormat } from '../engine-types.ts';

/**
 * The one grammar of Slack mentions, Slack DMs, `/shammie` and `shammie chat`:
 * `WORD REST`, where WORD is a command word; text that starts with no command word is a search,
 * unless it ends with "?": then it is a question, asked of the library.
 */
export type ChatCommand =
  | { kind: 'search'; query: string }
  /**
   * A question for the library (`ask …`, or text with no command word that ends with "?").
   * Not answered by `answer`: asking is asynchronous (a model may write the answer) and each
   * platform renders the answer itself.
   */
  | { kind: 'ask'; question: string }
  | { kind: 'paper'; ref: string }
  | { kind: 'summary'; ref: string }
  | { kind: 'random'; topic?: string }
  | { kind: 'similar'; ref: string }
  | { kind: 'cite'; ref: string; format: CitationFormat }
  /** A citation asked for in a style Shammie does not write (`cite lima chicago`). */
  | { kind: 'unknown-format'; name: string }
  | { kind: 'daily'; action: 'show'; date?: string }
  | { kind: 'daily'; action: 'subscribe'; time?: string; timezone?: string }
  | { kind: 'daily'; action: 'unsubscribe' }
  | { kind: 'daily'; action: 'status' }
  /**
   * `add REF [REF…]`: papers to fetch into the library, by arXiv id or URL, DOI or doi.org URL,
   * as typed (whitespace-separated; a trailing comma is a separator, not part of a reference).
   * Not answered by `answer`: the platform's library service fetches and stores them, and
   * refuses none or too many.
   */
  | { kind: 'add'; refs: string[] }
  /** `remove REF`: a paper to hide from the library (the library service decides who may). */
  | { kind: 'remove'; ref: string }
  /** `library`: the library's size by source and its last additions. */
  | { kind: 'library' }
  /**
   * `watch …` (add, list, remove, pause, resume, why): `text` is everything after `watch`, which
   * the watch service parses; a channel's watches live outside the core.
   */
  | { kind: 'watch'; text: string }
  | { kind: 'help' };

/** Command words, in the order help lists them. */
export const COMMAND_WORDS = [
  'search',
  'ask',
  'paper',
  'summary',
  'random',
  'similar',
  'cite',
  'daily',
  'add',
  'remove',
  'library',
  'watch',
  'help',
] as const;

export type CommandWord = (typeof COMMAND_WORDS)[number];

/** Friendly synonyms people type; each maps to one command word. */
const ALIASES: Readonly<Record<string, CommandWord>> = {
  find: 'search',
  summarize: 'summary',
  summarise: 'summary',
  tldr: 'summary',
  cite: 'cite',
  citation: 'cite',
  related: 'similar',
  '?': 'help',
  // Asking for help, not a question for the library.
  'help?': 'help',
};

function commandWord(word: string): CommandWord | undefined {
  const lower = word.toLowerCase();
  if ((COMMAND_WORDS as readonly string[]).includes(lower)) return lower as CommandWord;
  return ALIASES[lower];
}

/** Parses one chat message (already decoded from platform markup) into a command. */
export function parseChat(text: string): ChatCommand {
  const trimmed = text.trim();
  if (trimmed === '') return { kind: 'help' };
  const match = /^(\S+)\s*([\s\S]*)$/.exec(trimmed);
  const first = match?.[1] ?? '';
  const rest = (match?.[2] ?? '').trim();
  const word = commandWord(first);
  switch (word) {
    case undefined:
      // A question is asked, not searched: "does instruction tuning need many examples?"
      return trimmed.endsWith('?')
        ? { kind: 'ask', question: trimmed }
        : { kind: 'search', query: trimmed };
    case 'search':
      return { kind: 'search', query: rest };
    case 'ask':
      return { kind: 'ask', question: rest };
    case 'paper':
    case 'summary':
    case 'similar':
      return { kind: word, ref: rest };
    case 'random':
      return rest === '' ? { kind: 'random' } : { kind: 'random', topic: rest };
    case 'cite':
      return parseCite(rest);
    case 'daily':
      return parseDaily(rest);
    case 'add':
      return { kind: 'add', refs: splitRefs(rest) };
    case 'remove':
      return { kind: 'remove', ref: rest };
    case 'library':
      // Like `help`, the word alone is the command: what follows it is not read.
      return { kind: 'library' };
    case 'watch':
      return { kind: 'watch', text: rest };
    case 'help':
      return { kind: 'help' };
  }
}

/**
 * The references of `add`: whitespace-separated words, each without the commas that separate
 * a list ("2305.11206, 2408.11039"). A DOI may hold a comma inside, never at its end.
 */
function splitRefs(rest: string): string[] {
  return rest
    .split(/\s+/)
    .map(trimCommas)
    .filter((word) => word !== '');
}

/** The word without leading and trailing commas (index scans: linear on a run of commas). */
function trimCommas(word: string): string {
  let start = 0;
  let end = word.length;
  while (start < end && word.charAt(start) === ',') start++;
  while (end > start && word.charAt(end - 1) === ',') end--;
  return word.slice(start, end);
}

/**
 * `cite REF [bibtex|apa|mla]` (`rest` is what follows `cite`): a trailing format word (also
 * `as apa`, `--format apa`) picks the style. A style Shammie does not write is `unknown-format` when it is named after `--format`,
 * or is the name of a known citation style (`cite lima chicago`), rather than a citation in
 * BibTeX of a reference that ends in "chicago".
 */
export function parseCite(rest: string): Extract<ChatCommand, { kind: 'cite' | 'unknown-format' }> {
  // Read the last words from the end, not with one regular expression: linear on any input,
  // and the reference keeps its own spacing.
  const last = lastWord(rest, rest.length);
  let word = last.word.toLowerCase();
  const flagged = word.startsWith('--format=');
  if (flagged) word = word.slice('--format='.length);
  const before = lastWord(rest, last.start);
  const marker = before.word.toLowerCase();
  const format = FORMAT_WORDS[word];
  if (format === undefined) {
    if ((flagged && word !== '') || marker === '--format' || OTHER_STYLES.has(word)) {
      return { kind: 'unknown-format', name: last.word.slice(flagged ? '--format='.length : 0) };
    }
    return { kind: 'cite', ref: rest, format: 'bibtex' };
  }
  const end = ['as', 'in', '--format'].includes(marker) ? before.start : last.start;
  return { kind: 'cite', ref: rest.slice(0, end).trim(), format };
}

/** The last whitespace-separated word of `text` before `end`, and where it starts. */
function lastWord(text: string, end: number): { word: string; start: number } {
  let stop = end;
  while (stop > 0 && /\s/.test(text.charAt(stop - 1))) stop--;
  let start = stop;
  while (start > 0 && !/\s/.test(text.charAt(start - 1))) start--;
  return { word: text.slice(start, stop), start };
}

/**
 * Citation styles people ask for that Shammie does not write: named at the end of `cite`, they
 * are a request for that style, not words of the paper's title.
 */
const OTHER_STYLES: ReadonlySet<string> = new Set([
  'acm',
  'ama',
  'apsa',
  'asa',
  'biblatex',
  'bluebook',
  'chicago',
  'cse',
  'endnote',
  'harvard',
  'ieee',
  'oscola',
  'ris',
  'turabian',
  'vancouver',
]);

/** Words that name a citation style Shammie writes. */
const FORMAT_WORDS: Readonly<Record<string, CitationFormat>> = {
  bibtex: 'bibtex',
  bib: 'bibtex',
  apa: 'apa',
  mla: 'mla',
};

/** `daily [DATE]`, `daily subscribe [HH:MM] [ZONE]`, `daily unsubscribe`, `daily status`. */
function parseDaily(rest: string): ChatCommand {
  const words = rest.split(/\s+/).filter((w) => w !== '');
  const action = (words[0] ?? '').toLowerCase();
  if (action === 'subscribe' || action === 'sub') {
    const args = words.slice(1);
    const time = args.find((w) => /^\d{1,2}:\d{2}$/.test(w));
    const timezone = args.find((w) => w !== time);
    return {
      kind: 'daily',
      action: 'subscribe',
      ...(time ? { time } : {}),
      ...(timezone ? { timezone } : {}),
    };
  }
  if (action === 'unsubscribe' || action === 'unsub' || action === 'stop') {
    return { kind: 'daily', action: 'unsubscribe' };
  }
  if (action === 'status') return { kind: 'daily', action: 'status' };
  if (action === 'show' || action === '') {
    const date = words[action === 'show' ? 1 : 0];
    return date ? { kind: 'daily', action: 'show', date } : { kind: 'daily', action: 'show' };
  }
  return { kind: 'daily', action: 'show', date: words[0] };
}
