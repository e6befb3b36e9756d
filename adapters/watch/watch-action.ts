/**
 * What a `watch …` command asks for. The chat grammar (`parseChat`) recognises `watch` and hands
 * over the words after it; here only their first word is read, the action. What follows
 * `watch add` goes to the watch service as typed, which parses it (the same for `shammie chat`).
 */
export type WatchAction =
  | { action: 'add'; text: string }
  | { action: 'list' }
  | { action: 'remove' | 'pause' | 'resume'; which?: string }
  | { action: 'why'; paper: string }
  /** `watch` alone, or with a word it does not know: how to use it. */
  | { action: 'usage'; word?: string };

const ACTIONS = new Set(['add', 'list', 'remove', 'pause', 'resume', 'why']);
/** Words people type for the same actions. */
const ALIASES: Readonly<Record<string, string>> = {
  ls: 'list',
  rm: 'remove',
  delete: 'remove',
  stop: 'remove',
  unwatch: 'remove',
  explain: 'why',
};

/** The action of the grammar's `watch` command, from its `text` (the words after `watch`). */
export function readWatchAction(text: string): WatchAction {
  const rest = text.trim();
  const [first = '', ...others] = rest.split(/\s+/);
  const word = first.toLowerCase();
  const action = ALIASES[word] ?? word;
  const tail = rest.slice(first.length).trim();
  if (!ACTIONS.has(action))
    return word === '' ? { action: 'usage' } : { action: 'usage', word: first };
  switch (action) {
    case 'add':
      return { action: 'add', text: tail };
    case 'list':
      return { action: 'list' };
    case 'why':
      return { action: 'why', paper: tail };
    default: {
      const which = others.length > 0 ? tail : undefined;
      return { action: action as 'remove' | 'pause' | 'resume', ...(which ? { which } : {}) };
    }
  }
}
