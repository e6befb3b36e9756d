/**
 * The library laid over the corpus files in one engine. The engine's papers are the files'
 * papers merged with the library's visible papers (files first, then the library in the order
 * of addition; a paper in both is one, merged as the loader merges duplicates), minus the papers
 * removals hide. `composeLibrary` makes that list for a build; a layer then keeps one engine up
 * to date with the database by applying only what changed (`Engine.add` / `Engine.remove`, never
 * a rebuild), whoever changed it: this process's chat, or `shammie add` in another one. What the
 * engine holds of the library is a small JSON state, saved in the snapshot with its papers, so a
 * start from the snapshot applies only the changes made since it was written.
 */

import { type Engine, mergeAddedPapers, type Paper } from '../../src/index.ts';
import type { CorpusOverlay, OverlayState } from '../shared/open-engine.ts';
import { hiddenBy } from './hidden-papers.ts';
import {
  type LibraryPaper,
  type LibraryStore,
  type PaperKeys,
  type Tombstone,
  toPaper,
} from './library-store.ts';

/** What an engine holds of the library (saved in the snapshot next to its papers). */
export interface LibraryState {
  /** Ids of the library papers the engine holds, alone or merged into a corpus file's paper. */
  library: string[];
  /** The library's `lastSeq` when they were read: papers added after it are new. */
  seq: number;
  /** Ids of the engine's papers that only the library has (the others are the files'). */
  libraryOnly: string[];
  /** Corpus-file papers a removal hides (out of the engine), kept to bring back on undo. */
  hiddenFiles: Paper[];
  /** The removals applied, as `kind:value`. */
  tombstones: string[];
}

/** What one sync did to the engine. */
export interface LibraryChanges {
  /** Papers indexed (added, restored, or indexed again with richer metadata). */
  added: Paper[];
  /** Papers hidden. */
  removed: number;
}

/** One engine's view of the library. */
export interface LibraryLayer {
  readonly engine: Engine;
  /** The corpus files' papers, removed ones included (for `add`, `remove` and the summary). */
  files(): readonly Paper[];
  /** Applies to the engine what changed in the database since the last sync. */
  sync(): LibraryChanges;
  /** The state describing the engine's papers now (what a snapshot saves). */
  state(): LibraryState;
}

/**
 * The papers to index over the files' papers (see the module comment), and the state that
 * says what they hold of the library.
 */
export function composeLibrary(
  store: LibraryStore,
  files: readonly Paper[],
): { papers: Paper[]; state: LibraryState } {
  // Read first: a paper added while the rows are read is then new to the first sync.
  const seq = store.lastSeq();
  const rows = [...store.papers()];
  const tombstones = store.tombstones();
  const hidden = hiddenBy(tombstones);
  const fileIds = new Set(files.map((paper) => paper.id));
  const papers: Paper[] = [];
  const libraryOnly: string[] = [];
  const hiddenFiles: Paper[] = [];
  // A merged paper keeps the file's id; a library paper's id is its own (or made unique).
  for (const paper of mergeAddedPapers(files, rows.map(toPaper)).papers) {
    const fromFiles = fileIds.has(paper.id);
    if (hidden(paper)) {
      if (fromFiles) hiddenFiles.push(paper);
      continue;
    }
    papers.push(paper);
    if (!fromFiles) libraryOnly.push(paper.id);
  }
  return {
    papers,
    state: {
      library: rows.map((row) => row.id),
      seq,
      libraryOnly,
      hiddenFiles,
      tombstones: tombstones.map(tombstoneKey),
    },
  };
}

/** The library as `openEngine` composes it with the corpus files (see {@link composeLibrary}). */
export function libraryOverlay(store: LibraryStore): CorpusOverlay {
  return {
    compose: (files) => {
      const { papers, state } = composeLibrary(store, files);
      return { papers, state: { ...state } };
    },
  };
}

/**
 * The layer of `engine`, whose papers `saved` describes (`composeLibrary`'s state, or the one
 * a snapshot gave back; null or unreadable: the engine holds the corpus files alone).
 * Only the layer may change the engine from then on: it tracks what it holds.
 */
export function createLibraryLayer(
  engine: Engine,
  store: LibraryStore,
  saved: OverlayState,
): LibraryLayer {
  const state = readState(saved);
  const library = new Set(state.library);
  const libraryOnly = new Set(state.libraryOnly);
  const hiddenFiles = new Map(state.hiddenFiles.map((paper) => [paper.id, paper]));
  let applied = new Set(state.tombstones);
  let seq = state.seq;
  const files = [
    ...engine.papers.filter((paper) => !libraryOnly.has(paper.id)),
    ...hiddenFiles.values(),
  ];
  const live = createKeyIndex(engine);

  /** Hides what the removals hide now and brings back what they no longer hide. */
  function applyRemovals(tombstones: readonly Tombstone[], changes: LibraryChanges): void {
    const hidden = hiddenBy(tombstones);
    const gone = engine.papers.filter(hidden);
    for (const paper of gone) {
      if (!libraryOnly.delete(paper.id)) hiddenFiles.set(paper.id, paper);
      live.drop(paper);
    }
    changes.removed += engine.remove(gone.map((paper) => paper.id));
    const back = [...hiddenFiles.values()].filter((paper) => !hidden(paper));
    for (const paper of back) hiddenFiles.delete(paper.id);
    for (const paper of engine.add(back)) {
      live.put(paper);
      changes.added.push(paper);
    }
    applied = new Set(tombstones.map(tombstoneKey));
  }

  /** Indexes library papers the engine does not hold yet, merging one it holds already. */
  function addRows(rows: readonly LibraryPaper[], changes: LibraryChanges): void {
    const fresh: Paper[] = [];
    for (const row of rows) {
      library.add(row.id);
      const paper = toPaper(row);
      const twin = live.find(paper);
      if (!twin) {
        fresh.push(paper);
        continue;
      }
      // The same paper is there (a corpus file's, say): the richest metadata wins, as at load.
      const merged = mergeAddedPapers([twin], [paper]).papers[0];
      if (!merged || sameFields(merged, twin)) continue;
      engine.remove([twin.id]);
      live.drop(twin);
      for (const again of engine.add([merged])) {
        live.put(again);
        changes.added.push(again);
      }
    }
    for (const paper of engine.add(fresh)) {
      libraryOnly.add(paper.id);
      live.put(paper);
      changes.added.push(paper);
    }
  }

  return {
    engine,
    files: () => files,
    sync() {
      const changes: LibraryChanges = { added: [], removed: 0 };
      const last = store.lastSeq();
      const tombstones = store.tombstones();
      let rows: LibraryPaper[];
      if (sameKeys(tombstones, applied)) {
        rows = [...store.papers({ after: seq })];
      } else {
        applyRemovals(tombstones, changes);
        // Papers a removal now hides leave the engine's library; those it no longer hides
        // (and any added meanwhile) are indexed again.
        rows = [...store.papers()];
        const visible = new Set(rows.map((row) => row.id));
        for (const id of library) if (!visible.has(id)) library.delete(id);
      }
      seq = last;
      addRows(
        rows.filter((row) => !library.has(row.id)),
        changes,
      );
      return changes;
    },
    state: () => ({
      library: [...library],
      seq,
      libraryOnly: [...libraryOnly],
      hiddenFiles: [...hiddenFiles.values()],
      tombstones: [...applied],
    }),
  };
}

/** The state of a snapshot of the corpus files alone. */
const FILES_ONLY: LibraryState = {
  library: [],
  seq: 0,
  libraryOnly: [],
  hiddenFiles: [],
  tombstones: [],
};

/** A saved state, or the files-alone state when there is none or it is not one of ours. */
function readState(saved: OverlayState): LibraryState {
  if (saved === null) return FILES_ONLY;
  const { library, seq, libraryOnly, hiddenFiles, tombstones } = saved as Partial<LibraryState>;
  const strings = (value: unknown): value is string[] =>
    Array.isArray(value) && value.every((item) => typeof item === 'string');
  if (
    !strings(library) ||
    typeof seq !== 'number' ||
    !strings(libraryOnly) ||
    !Array.isArray(hiddenFiles) ||
    !strings(tombstones)
  ) {
    return FILES_ONLY;
  }
  return { library, seq, libraryOnly, hiddenFiles, tombstones };
}

function tombstoneKey(tombstone: Tombstone): string {
  return `${tombstone.kind}:${tombstone.value}`;
}

function sameKeys(tombstones: readonly Tombstone[], applied: ReadonlySet<string>): boolean {
  return (
    tombstones.length === applied.size &&
    tombstones.every((tombstone) => applied.has(tombstoneKey(tombstone)))
  );
}

/** True when two papers have the same fields with the same values, in any order. */
function sameFields(a: Paper, b: Paper): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    const field = key as keyof Paper;
    if (JSON.stringify(a[field]) !== JSON.stringify(b[field])) return false;
  }
  return true;
}

/**
 * The engine's live papers by arXiv id and DOI, for finding the paper a library paper
 * duplicates (an id alone is no proof of the same paper: the loader merges on these). Built at
 * the first need (a sync with nothing new never pays for it), then kept up to date by the layer,
 * which makes every change to the engine.
 */
function createKeyIndex(engine: Engine) {
  let byKey: Map<string, Paper> | undefined;
  const keysOf = (paper: PaperKeys): string[] => [
    ...(paper.arxiv ? [`arxiv:${paper.arxiv}`] : []),
    ...(paper.doi ? [`doi:${paper.doi}`] : []),
  ];
  const index = (): Map<string, Paper> => {
    if (!byKey) {
      byKey = new Map();
      for (const paper of engine.papers) for (const key of keysOf(paper)) byKey.set(key, paper);
    }
    return byKey;
  };
  return {
    find(paper: Paper): Paper | undefined {
      const map = index();
      for (const key of keysOf(paper)) {
        const found = map.get(key);
        if (found) return found;
      }
      return undefined;
    },
    put(paper: Paper): void {
      if (byKey) for (const key of keysOf(paper)) byKey.set(key, paper);
    },
    drop(paper: Paper): void {
      if (!byKey) return;
      for (const key of keysOf(paper)) if (byKey.get(key)?.id === paper.id) byKey.delete(key);
    },
  };
}
