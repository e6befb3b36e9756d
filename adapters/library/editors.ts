/**
 * Who may add papers to the library and who may remove them, from `SHAMMIE_LIBRARY_EDITORS`:
 *
 *     add=everyone;remove=admins            (the default)
 *     add=admins,U024BE7LH;remove=nobody
 *
 * Entries are separated by `;`, each `ACTION=WHO` with ACTION `add` or `remove` (one left out
 * keeps its default). WHO is `everyone`, `nobody`, or a comma-separated list of `admins` and
 * user ids (Discord or Slack user ids). Admins are Discord members with Manage Server and Slack
 * workspace admins and owners; each platform says who is one, `mayEdit` only decides.
 */

import { ConfigError } from '../shared/config.ts';

export type LibraryAction = 'add' | 'remove';

/** Who may do one action. */
export interface EditorRule {
  everyone: boolean;
  admins: boolean;
  /** User ids allowed by name. */
  users: readonly string[];
}

export type LibraryEditors = Record<LibraryAction, EditorRule>;

/** The user asking, as the platform knows them. */
export interface EditorCandidate {
  userId: string;
  /** Manage Server on Discord; a workspace admin or owner on Slack. */
  isAdmin: boolean;
}

/** By default anyone may add a paper and only admins may remove one. */
export const DEFAULT_LIBRARY_EDITORS: LibraryEditors = {
  add: { everyone: true, admins: true, users: [] },
  remove: { everyone: false, admins: true, users: [] },
};

const ACTIONS: readonly LibraryAction[] = ['add', 'remove'];
/** Discord snowflakes, Slack ids (U…, W…), account names: no separators, no spaces. */
const USER_ID = /^[A-Za-z0-9_.@-]{1,64}$/;

/** True when `user` may do `action` under `editors`. */
export function mayEdit(
  editors: LibraryEditors,
  action: LibraryAction,
  user: EditorCandidate,
): boolean {
  const rule = editors[action];
  return rule.everyone || (rule.admins && user.isAdmin) || rule.users.includes(user.userId);
}

/** The sentence for a user who may not do `action`. */
export function notAllowedText(editors: LibraryEditors, action: LibraryAction): string {
  const rule = editors[action];
  const verb = action === 'add' ? 'add papers to' : 'remove papers from';
  if (rule.admins) return `Only admins and the people the operator named may ${verb} the library.`;
  if (rule.users.length > 0) return `Only the people the operator named may ${verb} the library.`;
  return `Nobody may ${verb} the library from the chat here.`;
}

/**
 * Reads `SHAMMIE_LIBRARY_EDITORS` (unset or empty: the default). Throws a ConfigError naming
 * every problem at once.
 */
export function loadLibraryEditors(env: Record<string, string | undefined>): LibraryEditors {
  return parseLibraryEditors(env.SHAMMIE_LIBRARY_EDITORS);
}

/** Parses the syntax in the module comment (see {@link loadLibraryEditors}). */
export function parseLibraryEditors(text: string | undefined): LibraryEditors {
  const editors: LibraryEditors = { ...DEFAULT_LIBRARY_EDITORS };
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const entry of (text ?? '').split(';')) {
    if (entry.trim() === '') continue;
    const equals = entry.indexOf('=');
    const action = (equals === -1 ? entry : entry.slice(0, equals)).trim().toLowerCase();
    if (!ACTIONS.includes(action as LibraryAction)) {
      problems.push(
        `SHAMMIE_LIBRARY_EDITORS: "${action.slice(0, 20)}" is not an action; write add=… or remove=…`,
      );
      continue;
    }
    if (seen.has(action)) problems.push(`SHAMMIE_LIBRARY_EDITORS: ${action} is given twice`);
    seen.add(action);
    const rule =
      equals === -1
        ? `SHAMMIE_LIBRARY_EDITORS: ${action} needs a value, e.g. ${action}=admins`
        : parseRule(action, entry.slice(equals + 1));
    if (typeof rule === 'string') problems.push(rule);
    else editors[action as LibraryAction] = rule;
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return editors;
}

function parseRule(action: string, value: string): EditorRule | string {
  const names = value
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  const lower = names.map((name) => name.toLowerCase());
  const where = `SHAMMIE_LIBRARY_EDITORS: ${action}=`;
  if (names.length === 0) return `${where} needs everyone, nobody, admins or user ids`;
  if (lower.includes('everyone') || lower.includes('nobody')) {
    if (names.length > 1) return `${where}everyone and ${action}=nobody take no other values`;
    return { everyone: lower[0] === 'everyone', admins: false, users: [] };
  }
  const users = names.filter((_, i) => lower[i] !== 'admins');
  const bad = users.filter((id) => !USER_ID.test(id));
  if (bad.length > 0) {
    const what = bad.length === 1 ? '1 entry that is not' : `${bad.length} entries that are not`;
    return `${where} has ${what} a user id, admins, everyone or nobody`;
  }
  return { everyone: false, admins: lower.includes('admins'), users };
}
