/**
 * `watch …` typed to Shammie on Slack (a mention, a DM, `/shammie watch …`). A seam kept small
 * until the chat grammar has its own `watch` kind: only the leading words are read here; what
 * follows `watch add` goes to the watch service as typed, which parses it.
 */
export type WatchTextCommand =
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

/** The watch command of a decoded message, or undefined when it does not start with `watch`. */
export function parseWatchText(text: string): WatchTextCommand | undefined {
  const match = /^\s*watch(?:\s+|$)([\s\S]*)$/i.exec(text);
  if (!match) return undefined;
  const rest = (match[1] ?? '').trim();
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
