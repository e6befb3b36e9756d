/**
 * The library as the chat platforms use it: who may change it, adding and removing papers by
 * reference, and its summary. One service per process, built by the app over the database and
 * the sources, and given to every platform; each platform only says who is asking (and whether
 * they are an admin there) and renders what it gets. Every change reaches the engine before the
 * answer does, so a paper just added is found by the very next search.
 */

import { type Engine, type Paper, ShammieError } from '../../src/index.ts';
import type { Sources } from '../sources/create-sources.ts';
import { type AddResult, addPapers, MAX_REFS_PER_CHAT } from './add-papers.ts';
import { corpusLookupOf } from './corpus-lookup.ts';
import {
  type EditorCandidate,
  type LibraryAction,
  type LibraryEditors,
  mayEdit,
  notAllowedText,
} from './editors.ts';
import type { LibraryStore } from './library-store.ts';
import { type LibrarySummary, librarySummary } from './library-summary.ts';
import { type RemoveResult, removePaperByRef } from './remove-paper.ts';

/** Who is asking, and where. */
export interface LibraryUser extends EditorCandidate {
  platform: 'discord' | 'slack' | 'terminal';
  /** The channel's id, when asked in a channel. */
  channel?: string;
}

export interface LibraryService {
  /** True when `user` may do `action` (SHAMMIE_LIBRARY_EDITORS). */
  may(action: LibraryAction, user: EditorCandidate): boolean;
  /**
   * Adds papers by reference (at most {@link MAX_REFS_PER_CHAT}); one result per reference.
   * Rejects with a ShammieError: NOT_ALLOWED when the user may not add, BAD_ARGUMENT for no
   * reference or too many.
   */
  add(refs: readonly string[], user: LibraryUser): Promise<AddResult[]>;
  /** Hides the paper `ref` names (NOT_ALLOWED as for `add`). */
  remove(ref: string, user: LibraryUser): Promise<RemoveResult>;
  /** Sizes by source and the last additions. */
  summary(recent?: number): LibrarySummary;
}

export interface LibraryServiceOptions {
  store: LibraryStore;
  sources: Pick<Sources, 'arxiv' | 'dois'>;
  editors: LibraryEditors;
  /** The engine every platform searches (the app's holder): changes are applied to it. */
  engine: Pick<Engine, 'add' | 'remove'>;
  /**
   * The corpus files' papers as loaded now (not the library's); the same array until the
   * files are loaded again, so their look-up is built once per load, not once per change.
   */
  files: () => readonly Paper[];
  /** The clock, epoch ms. */
  now: () => number;
}

export function createLibraryService(options: LibraryServiceOptions): LibraryService {
  const { store, editors } = options;
  const check = (action: LibraryAction, user: EditorCandidate): void => {
    if (!mayEdit(editors, action, user)) {
      throw new ShammieError('NOT_ALLOWED', notAllowedText(editors, action));
    }
  };
  let lookup: { files: readonly Paper[]; find: ReturnType<typeof corpusLookupOf> } | undefined;
  const inCorpus = () => {
    const files = options.files();
    if (lookup?.files !== files) lookup = { files, find: corpusLookupOf(files) };
    return lookup.find;
  };
  const where = (user: LibraryUser) => ({
    platform: user.platform,
    ...(user.channel !== undefined ? { channel: user.channel } : {}),
  });
  return {
    may: (action, user) => mayEdit(editors, action, user),
    async add(refs, user) {
      check('add', user);
      const results = await addPapers(refs, {
        sources: options.sources,
        store,
        who: user.userId,
        where: where(user),
        now: options.now,
        inCorpus: inCorpus(),
        maxRefs: MAX_REFS_PER_CHAT,
      });
      // `added` covers a removal undone: the engine had hidden it, so it is indexed again.
      const added = results.flatMap((r) => (r.status === 'added' && r.paper ? [r.paper] : []));
      if (added.length > 0) options.engine.add(added);
      return results;
    },
    async remove(ref, user) {
      check('remove', user);
      const result = removePaperByRef(ref, {
        store,
        inCorpus: inCorpus(),
        who: user.userId,
        where: where(user),
        now: options.now,
      });
      if (result.status === 'removed' && result.id !== undefined)
        options.engine.remove([result.id]);
      return result;
    },
    summary: (recent) =>
      librarySummary({
        store,
        files: options.files(),
        ...(recent !== undefined ? { recent } : {}),
      }),
  };
}
