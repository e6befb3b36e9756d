import {
  APOLOGY,
  code,
  type Engine,
  errorNotice,
  isShammieError,
  type LibraryCommand,
  type Paper,
  type ReplyView,
  richNotice,
} from '../../src/index.ts';
import { type AddResult, addResultJson } from '../library/add-papers.ts';
import { DEFAULT_LIBRARY_EDITORS } from '../library/editors.ts';
import {
  createLibraryService,
  type LibraryService,
  type LibraryUser,
} from '../library/library-service.ts';
import type { LibrarySummary } from '../library/library-summary.ts';
import type { RemoveResult } from '../library/remove-paper.ts';
import { createSources } from '../sources/create-sources.ts';
import type { CliIo } from './cli-context.ts';
import { addText, cliUser, serviceConfig } from './commands/add.ts';
import { libraryText } from './commands/library.ts';
import { removeText } from './commands/remove.ts';
import { ExitError } from './exit-status.ts';
import { openCliLibrary } from './open-cli-library.ts';

/**
 * `add`, `remove` and `library` in `shammie chat`: the library service the bot uses, over the
 * database in SHAMMIE_DATA_DIR and the real arXiv, Crossref and OpenAlex clients, with the person
 * at the terminal an admin. Changes reach the chat's engine at once, so the next search finds
 * (or no longer finds) the paper.
 */

/** The chat's library: the service, opened at the first library command, and the terminal user. */
export interface ChatLibrary {
  /** Throws an ExitError when the data directory cannot hold the database. */
  service(): LibraryService;
  user: LibraryUser;
  /** Lets go of the database, if it was opened. */
  close(): void;
}

/** What a library command printed: the results as `shammie add|remove|library` print them. */
export type LibraryTurn =
  | { kind: 'add'; results: AddResult[] }
  | { kind: 'remove'; result: RemoveResult }
  | { kind: 'library'; summary: LibrarySummary };

/** What the chat says to a library command when it has no library (none was given it). */
export const NO_LIBRARY_NOTICE: ReplyView = richNotice('info', [
  'This chat has no library to change; ',
  code('shammie add REF'),
  ' adds papers from the command line.',
]);

/**
 * Runs one library command. Refusals (none or too many references, a rule that forbids it) and
 * a data directory that cannot hold the database come back as notices; a bug as the apology.
 */
export async function libraryTurn(
  command: LibraryCommand,
  library: ChatLibrary | undefined,
): Promise<{ library: LibraryTurn } | { view: ReplyView }> {
  if (!library) return { view: NO_LIBRARY_NOTICE };
  try {
    const service = library.service();
    switch (command.kind) {
      case 'add':
        return { library: { kind: 'add', results: await service.add(command.refs, library.user) } };
      case 'remove':
        if (command.ref === '') {
          return {
            view: richNotice('error', [
              'Name the paper to remove: its arXiv id, DOI or id, as in ',
              code('remove 2305.11206'),
              '.',
            ]),
          };
        }
        return {
          library: { kind: 'remove', result: await service.remove(command.ref, library.user) },
        };
      case 'library':
        return { library: { kind: 'library', summary: service.summary() } };
    }
  } catch (error) {
    if (isShammieError(error)) return { view: errorNotice(error) };
    if (error instanceof ExitError) {
      return { view: { kind: 'notice', tone: 'error', text: error.message } };
    }
    return { view: { kind: 'notice', tone: 'error', code: 'INTERNAL', text: APOLOGY } };
  }
}

/** A library turn as the terminal prints it: the command line's own text, or its JSON. */
export function renderLibraryTurn(turn: LibraryTurn, json: boolean): string {
  switch (turn.kind) {
    case 'add':
      return json ? JSON.stringify(turn.results.map(addResultJson)) : addText(turn.results);
    case 'remove': {
      const { paper: _paper, ...rest } = turn.result;
      return json ? JSON.stringify(rest) : removeText(turn.result);
    }
    case 'library':
      return json ? JSON.stringify(turn.summary) : libraryText(turn.summary);
  }
}

/**
 * The library of `shammie chat` over `engine`, its database opened at the first library command.
 * The command line is the operator's and always allowed, like `shammie add` and `shammie remove`:
 * the person at the terminal is an admin under the default rules (SHAMMIE_LIBRARY_EDITORS
 * governs the chat platforms, not this). The corpus files are the engine's papers as the chat
 * starts, before any addition.
 */
export function openChatLibrary(
  io: Pick<CliIo, 'env' | 'now'>,
  engine: Pick<Engine, 'add' | 'remove'>,
  /** The corpus files' papers alone, removed ones included (the engine also holds the library's). */
  files: readonly Paper[],
): ChatLibrary {
  let opened: { service: LibraryService; close: () => void } | undefined;
  return {
    service() {
      if (!opened) {
        const sources = createSources(serviceConfig(io.env));
        const library = openCliLibrary(io.env, { create: true });
        opened = {
          service: createLibraryService({
            store: library.store,
            sources,
            editors: DEFAULT_LIBRARY_EDITORS,
            engine,
            files: () => files,
            now: () => io.now().getTime(),
          }),
          close: library.close,
        };
      }
      return opened.service;
    },
    user: { platform: 'terminal', userId: cliUser(io.env) ?? 'terminal', isAdmin: true },
    close: () => opened?.close(),
  };
}
