import type Database from 'better-sqlite3';

/**
 * The schema, one step per version. `PRAGMA user_version` holds the last step applied, so a
 * data directory written by an older Shammie is upgraded in place and never rebuilt. Append new
 * steps; never edit a step that has shipped.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: subscriptions, the post log with its one-row-per-channel-per-date claim, the daily pick.
  `
  CREATE TABLE subscriptions (
    platform     TEXT    NOT NULL CHECK (platform IN ('discord', 'slack')),
    channel_id   TEXT    NOT NULL,
    workspace_id TEXT,
    -- HH:MM the subscriber chose, NULL when the subscription follows a cron pattern
    time         TEXT,
    cron         TEXT    NOT NULL,
    timezone     TEXT    NOT NULL,
    -- 'command': a user subscribed; 'env': DISCORD_/SLACK_DAILY_CHANNEL_ID
    source       TEXT    NOT NULL CHECK (source IN ('command', 'env')),
    -- epoch ms; slots before it are not owed (it was subscribed or rescheduled later)
    active_from  INTEGER NOT NULL,
    paused       INTEGER NOT NULL DEFAULT 0,
    -- consecutive permanent failures; reset by a successful post
    failures     INTEGER NOT NULL DEFAULT 0,
    last_error   TEXT,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    PRIMARY KEY (platform, channel_id)
  ) WITHOUT ROWID;

  CREATE TABLE posts (
    id              INTEGER PRIMARY KEY,
    platform        TEXT    NOT NULL,
    channel_id      TEXT    NOT NULL,
    local_date      TEXT    NOT NULL,
    paper_id        TEXT,
    message_id      TEXT,
    status          TEXT    NOT NULL
                    CHECK (status IN ('claimed', 'posted', 'failed', 'skipped', 'unknown')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    error           TEXT,
    claimed_by      TEXT,
    attempted_at    INTEGER NOT NULL,
    next_attempt_at INTEGER,
    posted_at       INTEGER,
    UNIQUE (platform, channel_id, local_date)
  );
  CREATE INDEX posts_by_status ON posts (status, attempted_at);

  CREATE TABLE daily_picks (
    local_date TEXT    PRIMARY KEY,
    paper_id   TEXT    NOT NULL,
    picked_at  INTEGER NOT NULL
  ) WITHOUT ROWID;

  CREATE TABLE daily_plan (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    plan       TEXT    NOT NULL,
    updated_at INTEGER NOT NULL
  );
  `,
  // 2: the library — papers added from arXiv, DOIs and the chat; removals as tombstones (a
  // corpus-file paper can be hidden too); the position of each resumable arXiv harvest.
  `
  CREATE TABLE library_papers (
    -- order of addition: the last additions, and keyset paging while exporting
    seq       INTEGER PRIMARY KEY,
    -- the paper's id: its arXiv id when it has one, else its DOI
    id        TEXT    NOT NULL UNIQUE,
    arxiv     TEXT    UNIQUE,
    doi       TEXT    UNIQUE,
    title     TEXT    NOT NULL,
    abstract  TEXT    NOT NULL,
    -- JSON array of names, in citation order
    authors   TEXT    NOT NULL,
    year      INTEGER,
    venue     TEXT,
    url       TEXT,
    -- 'chat': added in a chat; 'arxiv'/'doi': added from the command line by arXiv id or DOI;
    -- 'import': harvested or searched in bulk
    source    TEXT    NOT NULL CHECK (source IN ('arxiv', 'doi', 'chat', 'import')),
    added_by  TEXT,
    platform  TEXT,
    channel   TEXT,
    added_at  INTEGER NOT NULL
  );

  CREATE TABLE library_tombstones (
    -- which identifier hides the paper: its id, its arXiv id or its DOI
    kind       TEXT    NOT NULL CHECK (kind IN ('id', 'arxiv', 'doi')),
    value      TEXT    NOT NULL,
    removed_by TEXT,
    platform   TEXT,
    channel    TEXT,
    removed_at INTEGER NOT NULL,
    PRIMARY KEY (kind, value)
  ) WITHOUT ROWID;

  CREATE TABLE library_imports (
    -- category, from and until joined: one row per harvest that can be resumed
    job        TEXT    PRIMARY KEY,
    category   TEXT    NOT NULL,
    from_date  TEXT,
    until_date TEXT,
    -- the token of the next page; NULL before the first page is stored and once finished
    token      TEXT,
    harvested  INTEGER NOT NULL DEFAULT 0,
    added      INTEGER NOT NULL DEFAULT 0,
    status     TEXT    NOT NULL CHECK (status IN ('running', 'done')),
    started_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  ) WITHOUT ROWID;
  `,
  // 3: watches — a channel's arXiv categories and terms, their own claim/record log (one row
  // per watch per local date, the daily posts' rules), the papers each channel has been shown,
  // its feedback on them, and each category's announcement fetched once per arXiv day.
  `
  CREATE TABLE watches (
    id            INTEGER PRIMARY KEY,
    platform      TEXT    NOT NULL CHECK (platform IN ('discord', 'slack')),
    channel_id    TEXT    NOT NULL,
    workspace_id  TEXT,
    -- JSON: categories, keywords, phrases, authors, exclude, crossLists, count, quiet
    spec          TEXT    NOT NULL,
    time          TEXT,
    cron          TEXT    NOT NULL,
    timezone      TEXT    NOT NULL,
    -- epoch ms; slots before it are not owed
    active_from   INTEGER NOT NULL,
    paused        INTEGER NOT NULL DEFAULT 0,
    failures      INTEGER NOT NULL DEFAULT 0,
    last_error    TEXT,
    -- the feed could not be read for today's post (shown in watch list), NULL once it could
    feed_error    TEXT,
    feed_error_at INTEGER,
    created_by    TEXT,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
  );
  CREATE INDEX watches_by_channel ON watches (platform, channel_id);

  CREATE TABLE watch_posts (
    id              INTEGER PRIMARY KEY,
    watch_id        INTEGER NOT NULL,
    platform        TEXT    NOT NULL,
    channel_id      TEXT    NOT NULL,
    local_date      TEXT    NOT NULL,
    -- which announcement was posted (its categories and arXiv date): never posted twice
    announcement    TEXT,
    -- JSON WatchPostView as claimed: a retry sends the same post
    view            TEXT,
    message_id      TEXT,
    -- 'quiet': nothing matched and the watch stays quiet (no message)
    status          TEXT    NOT NULL
                    CHECK (status IN ('claimed', 'posted', 'failed', 'skipped', 'unknown', 'quiet')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    error           TEXT,
    claimed_by      TEXT,
    attempted_at    INTEGER NOT NULL,
    next_attempt_at INTEGER,
    posted_at       INTEGER,
    UNIQUE (watch_id, local_date)
  );
  CREATE INDEX watch_posts_by_status ON watch_posts (status, attempted_at);
  CREATE INDEX watch_posts_by_announcement ON watch_posts (watch_id, announcement);

  CREATE TABLE watch_shown (
    platform   TEXT    NOT NULL,
    channel_id TEXT    NOT NULL,
    arxiv      TEXT    NOT NULL,
    -- JSON Paper: title, abstract, authors, so feedback and profiles need no fetch
    paper      TEXT    NOT NULL,
    post_id    INTEGER NOT NULL,
    shown_at   INTEGER NOT NULL,
    PRIMARY KEY (platform, channel_id, arxiv)
  ) WITHOUT ROWID;

  CREATE TABLE watch_feedback (
    platform   TEXT    NOT NULL,
    channel_id TEXT    NOT NULL,
    arxiv      TEXT    NOT NULL,
    -- the last word on the paper in this channel
    kind       TEXT    NOT NULL CHECK (kind IN ('more', 'less', 'save')),
    paper      TEXT    NOT NULL,
    user_id    TEXT    NOT NULL,
    at         INTEGER NOT NULL,
    PRIMARY KEY (platform, channel_id, arxiv)
  ) WITHOUT ROWID;

  CREATE TABLE watch_announcements (
    category    TEXT    NOT NULL,
    -- the arXiv day it was fetched for (YYYY-MM-DD: the date of the announcement due then)
    cycle       TEXT    NOT NULL,
    -- the date the feed states, NULL when it states none
    announced   TEXT,
    -- JSON AnnouncedPaper[]
    items       TEXT    NOT NULL,
    fetches     INTEGER NOT NULL,
    fetched_at  INTEGER NOT NULL,
    PRIMARY KEY (category, cycle)
  ) WITHOUT ROWID;
  `,
];

/** The schema version this code writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/** The data directory was written by a newer Shammie than this one. */
export class SchemaTooNewError extends Error {
  override readonly name = 'SchemaTooNewError';
  constructor(found: number) {
    super(
      `The daily database has schema version ${found}, newer than this Shammie knows ` +
        `(${SCHEMA_VERSION}). Upgrade Shammie, or point SHAMMIE_DATA_DIR elsewhere.`,
    );
  }
}

/**
 * Applies the missing steps. Runs inside an immediate transaction so two processes starting on
 * one file never both migrate: the second waits (busy timeout), then sees the new version.
 */
export function migrate(db: Database.Database): number {
  const run = db.transaction(() => {
    const current = db.pragma('user_version', { simple: true }) as number;
    if (current > SCHEMA_VERSION) throw new SchemaTooNewError(current);
    for (let version = current; version < SCHEMA_VERSION; version += 1) {
      db.exec(MIGRATIONS[version]!);
    }
    // PRAGMA takes no bound parameters; the value is our own integer.
    if (current !== SCHEMA_VERSION) db.pragma(`user_version = ${SCHEMA_VERSION}`);
    return SCHEMA_VERSION;
  });
  return run.immediate();
}
