/**
 * What `/library` and `library` show: how big the library is by source, the last additions
 * (who, where, when) and how to export it — as plain data each platform renders its own way.
 */

import type { Paper } from '../../src/index.ts';
import { hiddenBy } from './hidden-papers.ts';
import type { LibrarySource, LibraryStore } from './library-store.ts';

/** Additions listed when the caller names no number. */
export const DEFAULT_RECENT_ADDITIONS = 5;

/** The command that writes everything out. */
export const EXPORT_HINT = 'shammie export --format jsonl|bibtex [--out FILE]';

/** One recent addition, with who added it, where and when. */
export interface RecentAddition {
  id: string;
  title: string;
  arxiv?: string;
  doi?: string;
  source: LibrarySource;
  /** The user's id on `platform` (the account name on the command line). */
  addedBy?: string;
  platform?: string;
  /** The channel's id on `platform`. */
  channel?: string;
  /** Epoch milliseconds. */
  addedAt: number;
}

export interface LibrarySummary {
  /** Corpus-file papers plus library papers, removed ones left out. */
  total: number;
  /** Corpus-file papers, removed ones left out. */
  files: number;
  /** Library papers, removed ones left out. */
  library: number;
  /** Library papers by how they arrived. */
  bySource: Record<LibrarySource, number>;
  /** Papers removals hide (corpus files and library). */
  removed: number;
  /** The last additions, newest first. */
  recent: RecentAddition[];
  /** The command that exports everything. */
  exportHint: string;
}

export interface LibrarySummaryOptions {
  store: LibraryStore;
  /** The corpus files' papers. */
  files: Iterable<Paper>;
  /** How many recent additions to list (default {@link DEFAULT_RECENT_ADDITIONS}). */
  recent?: number;
}

/** The library's summary (see {@link LibrarySummary}). */
export function librarySummary(options: LibrarySummaryOptions): LibrarySummary {
  const { store } = options;
  const hidden = hiddenBy(store.tombstones());
  let files = 0;
  let hiddenFiles = 0;
  for (const paper of options.files) {
    if (hidden(paper)) hiddenFiles += 1;
    else files += 1;
  }
  const counts = store.counts();
  return {
    total: files + counts.total,
    files,
    library: counts.total,
    bySource: counts.bySource,
    removed: hiddenFiles + counts.removed,
    recent: store.recent(options.recent ?? DEFAULT_RECENT_ADDITIONS).map((paper) => {
      const addition: RecentAddition = {
        id: paper.id,
        title: paper.title,
        source: paper.source,
        addedAt: paper.addedAt,
      };
      if (paper.arxiv) addition.arxiv = paper.arxiv;
      if (paper.doi) addition.doi = paper.doi;
      if (paper.addedBy !== undefined) addition.addedBy = paper.addedBy;
      if (paper.platform !== undefined) addition.platform = paper.platform;
      if (paper.channel !== undefined) addition.channel = paper.channel;
      return addition;
    }),
    exportHint: EXPORT_HINT,
  };
}
