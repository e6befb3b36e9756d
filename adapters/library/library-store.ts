/**
 * The library in SQLite (the database `openDatabase` keeps in SHAMMIE_DATA_DIR): papers added
 * from arXiv, DOIs and the chat, removals as tombstones, and the position of each resumable
 * harvest. Uniqueness is the database's: a paper's id, arXiv id and DOI are each UNIQUE and
 * every insert is `ON CONFLICT DO NOTHING`, so the same paper added at the same instant from two
 * channels — or two processes — is one row. Every write is one transaction taken with the write
 * lock up front (`BEGIN IMMEDIATE`), so a failure leaves nothing half-written; SQLite's failures
 * are thrown as `LibraryStoreError` with a sentence a user can act on.
 */

import type Database from 'better-sqlite3';
import type { Paper } from '../../src/index.ts';
import { guarded } from './library-errors.ts';

/**
 * How a paper entered the library: `chat` (an add in Discord, Slack or `shammie chat`),
 * `arxiv` / `doi` (an add from the command line, by arXiv id or by DOI), `import` (a bulk
 * import from an arXiv search or an OAI-PMH harvest).
 */
export type LibrarySource = 'arxiv' | 'doi' | 'chat' | 'import';

/** Every {@link LibrarySource}, in the order summaries list them. */
export const LIBRARY_SOURCES: readonly LibrarySource[] = ['chat', 'arxiv', 'doi', 'import'];

/** Who did something to the library, and where (ids as the platform gives them). */
export interface LibraryActor {
  /** The user's id (Discord or Slack user id; the account name on the command line). */
  by?: string;
  /** `discord`, `slack`, `terminal` (`shammie chat`) or `cli`. */
  platform?: string;
  /** The channel's id, when the action came from a channel. */
  channel?: string;
}

/** A paper of the library, with how, by whom, where and when it was added. */
export interface LibraryPaper extends Paper {
  source: LibrarySource;
  addedBy?: string;
  platform?: string;
  channel?: string;
  /** Epoch milliseconds. */
  addedAt: number;
}

/** What adding writes: the paper and its provenance (the time is passed separately). */
export type NewLibraryPaper = Pick<
  LibraryPaper,
  'id' | 'title' | 'abstract' | 'authors' | 'year' | 'venue' | 'url' | 'arxiv' | 'doi' | 'source'
> &
  LibraryActor;

/** The identifiers a paper is known by; any one of them finds or hides it. */
export interface PaperKeys {
  id?: string;
  arxiv?: string;
  doi?: string;
}

/**
 * The outcome of adding one paper: `added` (a new row), `restored` (it was there but removed:
 * the removal is undone), `already` (it was there and visible). `paper` is the stored row.
 */
export interface AddOutcome {
  status: 'added' | 'restored' | 'already';
  paper: LibraryPaper;
}

/** A removal: the identifier that hides a paper, and who removed it, where and when. */
export interface Tombstone {
  kind: 'id' | 'arxiv' | 'doi';
  value: string;
  removedBy?: string;
  platform?: string;
  channel?: string;
  removedAt: number;
}

/** Where a resumable harvest stands. */
export interface ImportState {
  job: string;
  category: string;
  from?: string;
  until?: string;
  /** The token that fetches the next page; undefined before the first page and once done. */
  token?: string;
  /** Records harvested so far (before filtering by category). */
  harvested: number;
  /** Papers the harvest added to the library so far. */
  added: number;
  status: 'running' | 'done';
  startedAt: number;
  updatedAt: number;
}

/** What identifies a harvest: the same category and dates resume the same job. */
export interface ImportJobSpec {
  category: string;
  from?: string;
  until?: string;
}

/** Where a page of a harvest leaves the job, stored in the same transaction as its papers. */
export interface ImportPosition {
  job: ImportJobSpec;
  /** The token of the next page; undefined when this page was the last. */
  token?: string;
  /** Records in this page (before filtering). */
  harvested: number;
  /**
   * True for the first page of a harvest that did not resume from a token: the job's counts
   * start again from this page (a new harvest, or one started over after its token expired).
   */
  fresh?: boolean;
}

/** What one stored page changed. */
export interface PageOutcome {
  /** The papers that are new in the library (for the index). */
  added: LibraryPaper[];
  /** Papers of the page the library already had (removed ones included: they stay hidden). */
  already: number;
}

/** Sizes of the library, removed papers left out. */
export interface LibraryCounts {
  total: number;
  bySource: Record<LibrarySource, number>;
  /** Papers of the library that are removed (hidden). */
  removed: number;
  /** Identifiers hiding papers (of the library or of the corpus files). */
  tombstones: number;
}

/** Rows read per query while iterating the whole library. */
export const LIBRARY_PAGE_ROWS = 500;

interface PaperRow {
  seq: number;
  id: string;
  arxiv: string | null;
  doi: string | null;
  title: string;
  abstract: string;
  authors: string;
  year: number | null;
  venue: string | null;
  url: string | null;
  source: LibrarySource;
  added_by: string | null;
  platform: string | null;
  channel: string | null;
  added_at: number;
}

interface TombstoneRow {
  kind: Tombstone['kind'];
  value: string;
  removed_by: string | null;
  platform: string | null;
  channel: string | null;
  removed_at: number;
}

interface ImportRow {
  job: string;
  category: string;
  from_date: string | null;
  until_date: string | null;
  token: string | null;
  harvested: number;
  added: number;
  status: 'running' | 'done';
  started_at: number;
  updated_at: number;
}

/** Typed access to the library tables (see the module comment). */
export type LibraryStore = ReturnType<typeof createLibraryStore>;

/** The job key of a harvest: its category and dates. */
export function importJobKey(spec: ImportJobSpec): string {
  return `${spec.category} ${spec.from ?? ''} ${spec.until ?? ''}`;
}

/** Wraps an open, migrated database (see `openDatabase`). */
export function createLibraryStore(db: Database.Database) {
  const s = statements(db);

  /** Inserts unless any identifier is taken; the stored row either way. */
  function insertOrFind(paper: NewLibraryPaper, at: number): { inserted: boolean; row: PaperRow } {
    const inserted = s.insert.run(paperParams(paper, at)).changes === 1;
    const row = s.findAny.get(keyParams(paper));
    // The row just inserted or the one in the way; one exists whenever the insert did nothing.
    if (!row) throw new Error(`library_papers has no row for ${paper.id} after inserting it`);
    return { inserted, row };
  }

  function clearTombstones(...keySets: PaperKeys[]): number {
    let cleared = 0;
    for (const keys of keySets) cleared += s.clearTombstones.run(keyParams(keys)).changes;
    return cleared;
  }

  const addTransaction = db.transaction((paper: NewLibraryPaper, at: number): AddOutcome => {
    const { inserted, row } = insertOrFind(paper, at);
    const stored = fromRow(row);
    const cleared = clearTombstones(paper, stored);
    if (inserted) return { status: 'added', paper: stored };
    return { status: cleared > 0 ? 'restored' : 'already', paper: stored };
  });

  const removeTransaction = db.transaction(
    (keys: PaperKeys, actor: LibraryActor, at: number): boolean => {
      let added = 0;
      for (const [kind, value] of keyEntries(keys)) {
        added += s.insertTombstone.run({
          kind,
          value,
          by: actor.by ?? null,
          platform: actor.platform ?? null,
          channel: actor.channel ?? null,
          at,
        }).changes;
      }
      return added > 0;
    },
  );

  const pageTransaction = db.transaction(
    (papers: readonly NewLibraryPaper[], position: ImportPosition | undefined, at: number) => {
      const outcome: PageOutcome = { added: [], already: 0 };
      for (const paper of papers) {
        // A removed paper stays removed: a bulk import is not anyone's "add it again".
        const { inserted, row } = insertOrFind(paper, at);
        if (inserted) outcome.added.push(fromRow(row));
        else outcome.already += 1;
      }
      if (position) {
        s.advanceImport.run({
          job: importJobKey(position.job),
          category: position.job.category,
          from: position.job.from ?? null,
          until: position.job.until ?? null,
          token: position.token ?? null,
          harvested: position.harvested,
          added: outcome.added.length,
          status: position.token === undefined ? 'done' : 'running',
          fresh: position.fresh ? 1 : 0,
          at,
        });
      }
      return outcome;
    },
  );

  return {
    /**
     * Adds a paper, or finds it when any of its identifiers is already stored. Adding a removed
     * paper undoes the removal (`restored`). One transaction; two processes adding the same
     * paper at once make one row, and the second gets `already`.
     */
    addPaper(paper: NewLibraryPaper, at: number): AddOutcome {
      return guarded(() => addTransaction.immediate(paper, at));
    },

    /** The stored paper any of `keys` names, removed or not. */
    findPaper(keys: PaperKeys): LibraryPaper | undefined {
      return guarded(() => {
        const row = s.findAny.get(keyParams(keys));
        return row ? fromRow(row) : undefined;
      });
    },

    /** True when a tombstone hides any of `keys`. */
    isRemoved(keys: PaperKeys): boolean {
      return guarded(() => s.anyTombstone.get(keyParams(keys)) !== undefined);
    },

    /**
     * Hides the paper known by `keys` (a library paper or a corpus-file one) under each of its
     * identifiers, so it stays hidden whichever one the corpus uses. False when it already was.
     */
    removePaper(keys: PaperKeys, actor: LibraryActor, at: number): boolean {
      if (keyEntries(keys).length === 0) return false;
      return guarded(() => removeTransaction.immediate(keys, actor, at));
    },

    /** Undoes a removal (for a corpus-file paper added again); true when one was undone. */
    restorePaper(keys: PaperKeys): boolean {
      return guarded(() => db.transaction(() => clearTombstones(keys)).immediate() > 0);
    },

    /** Every removal, oldest first (the engine hides these papers). */
    tombstones(): Tombstone[] {
      return guarded(() => s.tombstones.all().map(fromTombstoneRow));
    },

    /**
     * Every paper of the library in order of addition, removed ones left out unless asked for;
     * with `after` (a {@link lastSeq}), only those added since. Read a few hundred rows at a
     * time, with no statement left open between them, so the caller may write to the database
     * (or await) while iterating.
     */
    *papers(options: { includeRemoved?: boolean; after?: number } = {}): Generator<LibraryPaper> {
      const page = options.includeRemoved ? s.pageAll : s.pageVisible;
      for (let after = options.after ?? 0; ; ) {
        const rows = guarded(() => page.all(after, LIBRARY_PAGE_ROWS));
        for (const row of rows) yield fromRow(row);
        const last = rows[rows.length - 1];
        if (!last || rows.length < LIBRARY_PAGE_ROWS) return;
        after = last.seq;
      }
    },

    /**
     * Where the order of addition stands: `papers({ after })` with this value gives the papers
     * added since it was read (0 for an empty library).
     */
    lastSeq(): number {
      return guarded(() => (s.lastSeq.pluck().get() as number | null) ?? 0);
    },

    /** The last `limit` papers added, newest first, removed ones left out. */
    recent(limit: number): LibraryPaper[] {
      return guarded(() => s.recent.all(Math.max(0, Math.floor(limit))).map(fromRow));
    },

    /** Sizes by source, removed papers left out. */
    counts(): LibraryCounts {
      return guarded(() => {
        const bySource: Record<LibrarySource, number> = { arxiv: 0, doi: 0, chat: 0, import: 0 };
        let total = 0;
        for (const { source, n } of s.countBySource.all()) {
          bySource[source] = n;
          total += n;
        }
        return {
          total,
          bySource,
          removed: s.countRemoved.pluck().get() as number,
          tombstones: s.countTombstones.pluck().get() as number,
        };
      });
    },

    /**
     * Stores a page of an import: its papers (each added unless already there; removed ones
     * stay removed) and, for a harvest, the job with the token of the next page (`done` when
     * there is none) — in ONE transaction, so an interrupted import resumes from the last
     * stored token and never adds a paper twice.
     */
    storePage(
      papers: readonly NewLibraryPaper[],
      position: ImportPosition | undefined,
      at: number,
    ): PageOutcome {
      return guarded(() => pageTransaction.immediate(papers, position, at));
    },

    /** Where the harvest `spec` stands, when it was ever started. */
    importState(spec: ImportJobSpec): ImportState | undefined {
      return guarded(() => {
        const row = s.getImport.get(importJobKey(spec));
        return row ? fromImportRow(row) : undefined;
      });
    },

    /** Marks the harvest finished (its last page, or a harvest that matched nothing). */
    finishImport(spec: ImportJobSpec, at: number): void {
      guarded(() => s.finishImport.run({ job: importJobKey(spec), at }));
    },

    close(): void {
      db.close();
    },
  };
}

function statements(db: Database.Database) {
  return {
    insert: db.prepare(
      `INSERT INTO library_papers
         (id, arxiv, doi, title, abstract, authors, year, venue, url, source,
          added_by, platform, channel, added_at)
       VALUES (@id, @arxiv, @doi, @title, @abstract, @authors, @year, @venue, @url, @source,
          @by, @platform, @channel, @at)
       ON CONFLICT DO NOTHING`,
    ),
    findAny: db.prepare<[KeyParams], PaperRow>(
      `SELECT * FROM library_papers
        WHERE id = @id OR arxiv = @arxiv OR doi = @doi
        ORDER BY seq LIMIT 1`,
    ),
    anyTombstone: db.prepare<[KeyParams], { one: number }>(
      `SELECT 1 AS one FROM library_tombstones
        WHERE (kind = 'id' AND value = @id) OR (kind = 'arxiv' AND value = @arxiv)
           OR (kind = 'doi' AND value = @doi)
        LIMIT 1`,
    ),
    clearTombstones: db.prepare<[KeyParams]>(
      `DELETE FROM library_tombstones
        WHERE (kind = 'id' AND value = @id) OR (kind = 'arxiv' AND value = @arxiv)
           OR (kind = 'doi' AND value = @doi)`,
    ),
    insertTombstone: db.prepare(
      `INSERT INTO library_tombstones (kind, value, removed_by, platform, channel, removed_at)
       VALUES (@kind, @value, @by, @platform, @channel, @at)
       ON CONFLICT DO NOTHING`,
    ),
    tombstones: db.prepare<[], TombstoneRow>(
      'SELECT * FROM library_tombstones ORDER BY removed_at, kind, value',
    ),
    pageAll: db.prepare<[number, number], PaperRow>(
      'SELECT * FROM library_papers WHERE seq > ? ORDER BY seq LIMIT ?',
    ),
    pageVisible: db.prepare<[number, number], PaperRow>(
      `SELECT * FROM library_papers p WHERE seq > ? AND ${NOT_REMOVED} ORDER BY seq LIMIT ?`,
    ),
    recent: db.prepare<[number], PaperRow>(
      `SELECT * FROM library_papers p WHERE ${NOT_REMOVED} ORDER BY seq DESC LIMIT ?`,
    ),
    countBySource: db.prepare<[], { source: LibrarySource; n: number }>(
      `SELECT source, COUNT(*) AS n FROM library_papers p WHERE ${NOT_REMOVED} GROUP BY source`,
    ),
    countRemoved: db.prepare(`SELECT COUNT(*) FROM library_papers p WHERE NOT ${NOT_REMOVED}`),
    countTombstones: db.prepare('SELECT COUNT(*) FROM library_tombstones'),
    lastSeq: db.prepare('SELECT MAX(seq) FROM library_papers'),
    getImport: db.prepare<[string], ImportRow>('SELECT * FROM library_imports WHERE job = ?'),
    advanceImport: db.prepare(
      `INSERT INTO library_imports
         (job, category, from_date, until_date, token, harvested, added, status,
          started_at, updated_at)
       VALUES (@job, @category, @from, @until, @token, @harvested, @added, @status, @at, @at)
       ON CONFLICT (job) DO UPDATE
         SET token = excluded.token,
             harvested = excluded.harvested + CASE WHEN @fresh THEN 0 ELSE harvested END,
             added = excluded.added + CASE WHEN @fresh THEN 0 ELSE added END,
             status = excluded.status,
             started_at = CASE WHEN @fresh THEN excluded.started_at ELSE started_at END,
             updated_at = excluded.updated_at`,
    ),
    finishImport: db.prepare(
      `UPDATE library_imports SET token = NULL, status = 'done', updated_at = @at WHERE job = @job`,
    ),
  };
}

/** A library row no tombstone hides (the table is aliased `p`). */
const NOT_REMOVED = `NOT EXISTS (
  SELECT 1 FROM library_tombstones t
   WHERE (t.kind = 'id' AND t.value = p.id) OR (t.kind = 'arxiv' AND t.value = p.arxiv)
      OR (t.kind = 'doi' AND t.value = p.doi))`;

interface KeyParams {
  id: string | null;
  arxiv: string | null;
  doi: string | null;
}

function keyParams(keys: PaperKeys): KeyParams {
  return { id: keys.id ?? null, arxiv: keys.arxiv ?? null, doi: keys.doi ?? null };
}

function keyEntries(keys: PaperKeys): Array<[Tombstone['kind'], string]> {
  const entries: Array<[Tombstone['kind'], string]> = [];
  if (keys.id) entries.push(['id', keys.id]);
  if (keys.arxiv) entries.push(['arxiv', keys.arxiv]);
  if (keys.doi) entries.push(['doi', keys.doi]);
  return entries;
}

function paperParams(paper: NewLibraryPaper, at: number) {
  return {
    id: paper.id,
    arxiv: paper.arxiv ?? null,
    doi: paper.doi ?? null,
    title: paper.title,
    abstract: paper.abstract,
    authors: JSON.stringify(paper.authors),
    year: paper.year ?? null,
    venue: paper.venue ?? null,
    url: paper.url ?? null,
    source: paper.source,
    by: paper.by ?? null,
    platform: paper.platform ?? null,
    channel: paper.channel ?? null,
    at,
  };
}

function fromRow(row: PaperRow): LibraryPaper {
  const paper: LibraryPaper = {
    id: row.id,
    title: row.title,
    abstract: row.abstract,
    authors: readAuthors(row.authors),
    source: row.source,
    addedAt: row.added_at,
  };
  if (row.year !== null) paper.year = row.year;
  if (row.venue !== null) paper.venue = row.venue;
  if (row.url !== null) paper.url = row.url;
  if (row.arxiv !== null) paper.arxiv = row.arxiv;
  if (row.doi !== null) paper.doi = row.doi;
  if (row.added_by !== null) paper.addedBy = row.added_by;
  if (row.platform !== null) paper.platform = row.platform;
  if (row.channel !== null) paper.channel = row.channel;
  return paper;
}

function readAuthors(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((a): a is string => typeof a === 'string') : [];
  } catch {
    return [];
  }
}

function fromTombstoneRow(row: TombstoneRow): Tombstone {
  const tombstone: Tombstone = { kind: row.kind, value: row.value, removedAt: row.removed_at };
  if (row.removed_by !== null) tombstone.removedBy = row.removed_by;
  if (row.platform !== null) tombstone.platform = row.platform;
  if (row.channel !== null) tombstone.channel = row.channel;
  return tombstone;
}

function fromImportRow(row: ImportRow): ImportState {
  const state: ImportState = {
    job: row.job,
    category: row.category,
    harvested: row.harvested,
    added: row.added,
    status: row.status,
    startedAt: row.started_at,
    updatedAt: row.updated_at,
  };
  if (row.from_date !== null) state.from = row.from_date;
  if (row.until_date !== null) state.until = row.until_date;
  if (row.token !== null) state.token = row.token;
  return state;
}

/** The library paper as the engine's Paper (provenance left out). */
export function toPaper(paper: LibraryPaper): Paper {
  const { source: _source, addedBy: _by, platform: _p, channel: _c, addedAt: _at, ...rest } = paper;
  return rest;
}
