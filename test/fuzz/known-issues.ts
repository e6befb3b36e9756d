/**
 * Inputs that exposed bugs the fuzz suites found (all fixed), kept to build regression cases:
 * a cite with a long whitespace run in its reference (the grammar once backtracked
 * quadratically on it) and a snippet with a long space run (Slack's line joining once did).
 */

/** A cite message of `length` characters whose reference is one long run of U+3000. */
export function slowCiteMessage(length: number): string {
  return `cite a${'\u3000'.repeat(Math.max(0, length - 7))}b`;
}

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
