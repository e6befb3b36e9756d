import type Database from 'better-sqlite3';
import type { Paper } from '../../src/index.ts';
import type { PostRecord, PostStatus, Subscription } from '../scheduler/daily-store.ts';
import type { PostLog } from '../scheduler/deliver.ts';
import type { Platform } from '../shared/daily-port.ts';
import type { WatchFeedbackKind, WatchPostView } from '../shared/watch-port.ts';
import type { AnnouncedPaper } from '../sources/arxiv-rss.ts';
import type { WatchSpec } from './watch-spec.ts';

/** A channel's watch as stored. */
export interface Watch {
  id: number;
  platform: Platform;
  channelId: string;
  workspaceId?: string;
  spec: WatchSpec;
  time?: string;
  cron: string;
  timezone: string;
  /** Epoch ms; slots before it are not owed (created, or resumed, later). */
  activeFrom: number;
  paused: boolean;
  failures: number;
  lastError?: string;
  /** Why the feed could not be read for the latest post, until it can again. */
  feedError?: string;
  feedErrorAt?: number;
  createdBy?: string;
  createdAt: number;
}

export interface WatchInput {
  platform: Platform;
  channelId: string;
  workspaceId?: string;
  spec: WatchSpec;
  time?: string;
  cron: string;
  timezone: string;
  createdBy?: string;
}

/** A watch post-log row: the daily post's record, plus the announcement it was for. */
export interface WatchPostRecord extends PostRecord {
  watchId: number;
  announcement?: string;
  /** The post as claimed (absent on a quiet day). */
  view?: WatchPostView;
  /** Nothing matched and the watch stays quiet: done for the day, with no message. */
  quiet: boolean;
}

/** A category's announcement as fetched for one arXiv day. */
export interface StoredAnnouncement {
  category: string;
  cycle: string;
  announced?: string;
  items: AnnouncedPaper[];
  fetches: number;
  fetchedAt: number;
}

/** Longest error text kept (platform and feed errors can be verbose). */
const MAX_ERROR_LENGTH = 500;

interface WatchRow {
  id: number;
  platform: Platform;
  channel_id: string;
  workspace_id: string | null;
  spec: string;
  time: string | null;
  cron: string;
  timezone: string;
  active_from: number;
  paused: number;
  failures: number;
  last_error: string | null;
  feed_error: string | null;
  feed_error_at: number | null;
  created_by: string | null;
  created_at: number;
}

interface PostRow {
  id: number;
  watch_id: number;
  platform: Platform;
  channel_id: string;
  local_date: string;
  announcement: string | null;
  view: string | null;
  message_id: string | null;
  status: PostStatus | 'quiet';
  attempts: number;
  error: string | null;
  claimed_by: string | null;
  attempted_at: number;
  next_attempt_at: number | null;
  posted_at: number | null;
}

/** Typed access to the watch tables; every write that must be atomic is one statement or transaction. */
export type WatchStore = ReturnType<typeof createWatchStore>;

/** Wraps an open, migrated database (see `openDatabase`). */
export function createWatchStore(db: Database.Database) {
  const s = {
    insert: db.prepare(
      `INSERT INTO watches (platform, channel_id, workspace_id, spec, time, cron, timezone,
          active_from, created_by, created_at, updated_at)
       VALUES (@platform, @channelId, @workspaceId, @spec, @time, @cron, @timezone, @now,
          @createdBy, @now, @now)`,
    ),
    byChannel: db.prepare<[Platform, string], WatchRow>(
      'SELECT * FROM watches WHERE platform = ? AND channel_id = ? ORDER BY id',
    ),
    byId: db.prepare<[number], WatchRow>('SELECT * FROM watches WHERE id = ?'),
    active: db.prepare<[], WatchRow>('SELECT * FROM watches WHERE paused = 0 ORDER BY id'),
    remove: db.prepare<[number]>('DELETE FROM watches WHERE id = ?'),
    pause: db.prepare<[number, number]>(
      'UPDATE watches SET paused = 1, updated_at = ? WHERE id = ?',
    ),
    resume: db.prepare<[number, number, number]>(
      `UPDATE watches SET paused = 0, failures = 0, last_error = NULL, active_from = ?,
              updated_at = ? WHERE id = ?`,
    ),
    feedError: db.prepare<[string | null, number | null, number]>(
      'UPDATE watches SET feed_error = ?, feed_error_at = ? WHERE id = ?',
    ),
    failure: db.prepare<[string, number, number]>(
      'UPDATE watches SET failures = failures + 1, last_error = ?, updated_at = ? WHERE id = ?',
    ),
    success: db.prepare<[number]>(
      `UPDATE watches SET failures = 0, last_error = NULL
        WHERE id = ? AND (failures <> 0 OR last_error IS NOT NULL)`,
    ),
    getPost: db.prepare<[number, string], PostRow>(
      'SELECT * FROM watch_posts WHERE watch_id = ? AND local_date = ?',
    ),
    lastPost: db.prepare<[number], PostRow>(
      `SELECT * FROM watch_posts WHERE watch_id = ? AND status IN ('posted', 'quiet')
        ORDER BY local_date DESC LIMIT 1`,
    ),
    hadAnnouncement: db.prepare<[number, string], { id: number }>(
      `SELECT id FROM watch_posts WHERE watch_id = ? AND announcement = ?
          AND status <> 'skipped' LIMIT 1`,
    ),
    // The claim: the UNIQUE key lets exactly one insert win, whichever process or tick runs it.
    claim: db.prepare<
      [number, Platform, string, string, string | null, string | null, string, string, number],
      { id: number }
    >(
      `INSERT INTO watch_posts (watch_id, platform, channel_id, local_date, announcement, view,
                                status, attempts, claimed_by, attempted_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?)
       ON CONFLICT (watch_id, local_date) DO NOTHING
       RETURNING id`,
    ),
    reclaim: db.prepare<[string, number, number, number]>(
      `UPDATE watch_posts SET status = 'claimed', claimed_by = ?, attempted_at = ?,
              attempts = attempts + 1, next_attempt_at = NULL
        WHERE id = ? AND status = 'failed' AND next_attempt_at <= ?`,
    ),
    attempt: db.prepare<[number, number, string]>(
      'UPDATE watch_posts SET attempts = attempts + 1, attempted_at = ? WHERE id = ? AND claimed_by = ?',
    ),
    posted: db.prepare<[string, number, number, string]>(
      `UPDATE watch_posts SET status = 'posted', message_id = ?, posted_at = ?, error = NULL
        WHERE id = ? AND claimed_by = ?`,
    ),
    failed: db.prepare<[string, number, number, string]>(
      `UPDATE watch_posts SET status = 'failed', error = ?, next_attempt_at = ?
        WHERE id = ? AND claimed_by = ? AND status IN ('claimed', 'unknown')`,
    ),
    sweep: db.prepare<[number]>(
      `UPDATE watch_posts SET status = 'unknown' WHERE status = 'claimed' AND attempted_at < ?`,
    ),
    shown: db.prepare<[Platform, string, string], { paper: string }>(
      'SELECT paper FROM watch_shown WHERE platform = ? AND channel_id = ? AND arxiv = ?',
    ),
    show: db.prepare<[Platform, string, string, string, number, number]>(
      `INSERT INTO watch_shown (platform, channel_id, arxiv, paper, post_id, shown_at)
       VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    ),
    shownIds: db.prepare<[Platform, string], { arxiv: string }>(
      'SELECT arxiv FROM watch_shown WHERE platform = ? AND channel_id = ?',
    ),
    recentShown: db.prepare<[Platform, string, number], { paper: string }>(
      `SELECT paper FROM watch_shown WHERE platform = ? AND channel_id = ?
        ORDER BY shown_at DESC LIMIT ?`,
    ),
    putFeedback: db.prepare<[Platform, string, string, string, string, string, number]>(
      `INSERT INTO watch_feedback (platform, channel_id, arxiv, kind, paper, user_id, at)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (platform, channel_id, arxiv) DO UPDATE SET kind = excluded.kind,
              user_id = excluded.user_id, at = excluded.at`,
    ),
    feedback: db.prepare<[Platform, string], { kind: WatchFeedbackKind; paper: string }>(
      'SELECT kind, paper FROM watch_feedback WHERE platform = ? AND channel_id = ? ORDER BY at',
    ),
    getAnnouncement: db.prepare<
      [string, string],
      {
        category: string;
        cycle: string;
        announced: string | null;
        items: string;
        fetches: number;
        fetched_at: number;
      }
    >('SELECT * FROM watch_announcements WHERE category = ? AND cycle = ?'),
    putAnnouncement: db.prepare<[string, string, string | null, string, number]>(
      `INSERT INTO watch_announcements (category, cycle, announced, items, fetches, fetched_at)
       VALUES (?, ?, ?, ?, 1, ?)
       ON CONFLICT (category, cycle) DO UPDATE SET announced = excluded.announced,
              items = excluded.items, fetches = fetches + 1, fetched_at = excluded.fetched_at`,
    ),
  };

  const claimWithPapers = db.transaction(
    (
      watch: Watch,
      date: string,
      announcement: string,
      view: WatchPostView | undefined,
      papers: readonly Paper[],
      owner: string,
      now: number,
    ): number | undefined => {
      const id = s.claim.get(
        watch.id,
        watch.platform,
        watch.channelId,
        date,
        announcement,
        view === undefined ? null : JSON.stringify(view),
        view === undefined ? 'quiet' : 'claimed',
        owner,
        now,
      )?.id;
      if (id === undefined) return undefined;
      // Shown from the claim on: a post that may have gone out never shows its papers again.
      for (const paper of papers) {
        const arxiv = paper.arxiv ?? paper.id;
        s.show.run(watch.platform, watch.channelId, arxiv, JSON.stringify(paper), id, now);
      }
      return id;
    },
  );

  const fail = db.transaction((watchId: number, error: string, pauseAfter: number, now: number) => {
    s.failure.run(clip(error), now, watchId);
    const failures = s.byId.get(watchId)?.failures ?? 0;
    const paused = failures >= pauseAfter;
    if (paused) s.pause.run(now, watchId);
    return { failures, paused };
  });

  return {
    db,

    add(input: WatchInput, now: number): Watch {
      const { lastInsertRowid } = s.insert.run({
        ...input,
        workspaceId: input.workspaceId ?? null,
        spec: JSON.stringify(input.spec),
        time: input.time ?? null,
        createdBy: input.createdBy ?? null,
        now,
      });
      return toWatch(s.byId.get(Number(lastInsertRowid))!);
    },

    get(id: number): Watch | undefined {
      const row = s.byId.get(id);
      return row && toWatch(row);
    },

    inChannel(platform: Platform, channelId: string): Watch[] {
      return s.byChannel.all(platform, channelId).map(toWatch);
    },

    active(): Watch[] {
      return s.active.all().map(toWatch);
    },

    remove(id: number): boolean {
      return s.remove.run(id).changes > 0;
    },

    pause(id: number, now: number): void {
      s.pause.run(now, id);
    },

    /** Resumes: nothing is owed from before now (a slot passed while paused is not posted late). */
    resume(id: number, now: number): void {
      s.resume.run(now, now, id);
    },

    noteFeedError(id: number, error: string | undefined, now: number): void {
      s.feedError.run(
        error === undefined ? null : clip(error),
        error === undefined ? null : now,
        id,
      );
    },

    getPost(watchId: number, localDate: string): WatchPostRecord | undefined {
      const row = s.getPost.get(watchId, localDate);
      return row && toPost(row);
    },

    lastPost(watchId: number): WatchPostRecord | undefined {
      const row = s.lastPost.get(watchId);
      return row && toPost(row);
    },

    /** True when the watch has posted (or claimed, or stayed quiet on) this announcement. */
    hadAnnouncement(watchId: number, announcement: string): boolean {
      return s.hadAnnouncement.get(watchId, announcement) !== undefined;
    },

    /** Records a day on which nothing matched and the watch stays quiet; false when taken. */
    claimQuiet(watch: Watch, date: string, announcement: string, owner: string, now: number) {
      return (
        claimWithPapers.immediate(watch, date, announcement, undefined, [], owner, now) !==
        undefined
      );
    },

    /**
     * The post log of one watch's post, as `deliver` writes it: the claim is per watch and local
     * date, keeps the announcement's key and the view (a retry sends the same post), and marks
     * `papers` as shown in the channel.
     */
    postLog(watch: Watch, view: WatchPostView, papers: readonly Paper[]): PostLog {
      return {
        claim: (_platform, _channelId, localDate, announcement, owner, now) =>
          claimWithPapers.immediate(watch, localDate, announcement ?? '', view, papers, owner, now),
        reclaim: (id, owner, _announcement, now) => s.reclaim.run(owner, now, id, now).changes > 0,
        noteAttempt: (id, owner, now) => {
          s.attempt.run(now, id, owner);
        },
        recordPosted: (id, owner, messageId, now) =>
          s.posted.run(messageId, now, id, owner).changes > 0,
        recordFailed: (id, owner, error, nextAttemptAt) => {
          s.failed.run(clip(error), nextAttemptAt, id, owner);
        },
        notePermanentFailure: (_platform, _channelId, error, pauseAfter, now) =>
          fail.immediate(watch.id, error, pauseAfter, now),
        noteSuccess: () => {
          s.success.run(watch.id);
        },
      };
    },

    /** Marks claims older than `before` as `unknown` (their process died mid-send). */
    sweepStaleClaims(before: number): number {
      return s.sweep.run(before).changes;
    },

    /** The arXiv ids already shown in the channel. */
    shownIn(platform: Platform, channelId: string): Set<string> {
      return new Set(s.shownIds.all(platform, channelId).map((r) => r.arxiv));
    },

    /** A paper shown in the channel, as it was shown. */
    shownPaper(platform: Platform, channelId: string, arxiv: string): Paper | undefined {
      const row = s.shown.get(platform, channelId, arxiv);
      return row && (JSON.parse(row.paper) as Paper);
    },

    /** The papers shown most recently in the channel, newest first. */
    recentlyShown(platform: Platform, channelId: string, limit: number): Paper[] {
      return s.recentShown.all(platform, channelId, limit).map((r) => JSON.parse(r.paper) as Paper);
    },

    putFeedback(
      platform: Platform,
      channelId: string,
      paper: Paper,
      kind: WatchFeedbackKind,
      userId: string,
      now: number,
    ): void {
      const arxiv = paper.arxiv ?? paper.id;
      s.putFeedback.run(platform, channelId, arxiv, kind, JSON.stringify(paper), userId, now);
    },

    /** The channel's liked (more, save) and disliked (less) papers. */
    feedback(platform: Platform, channelId: string): { liked: Paper[]; disliked: Paper[] } {
      const liked: Paper[] = [];
      const disliked: Paper[] = [];
      for (const row of s.feedback.all(platform, channelId)) {
        (row.kind === 'less' ? disliked : liked).push(JSON.parse(row.paper) as Paper);
      }
      return { liked, disliked };
    },

    getAnnouncement(category: string, cycle: string): StoredAnnouncement | undefined {
      const row = s.getAnnouncement.get(category, cycle);
      if (!row) return undefined;
      return {
        category: row.category,
        cycle: row.cycle,
        ...(row.announced !== null ? { announced: row.announced } : {}),
        items: JSON.parse(row.items) as AnnouncedPaper[],
        fetches: row.fetches,
        fetchedAt: row.fetched_at,
      };
    },

    putAnnouncement(
      category: string,
      cycle: string,
      announced: string | undefined,
      items: readonly AnnouncedPaper[],
      now: number,
    ): void {
      s.putAnnouncement.run(category, cycle, announced ?? null, JSON.stringify(items), now);
    },
  };
}

/** The watch as the daily due rules read a subscription (its schedule and state). */
export function asSubscription(watch: Watch): Subscription {
  return {
    platform: watch.platform,
    channelId: watch.channelId,
    cron: watch.cron,
    timezone: watch.timezone,
    source: 'command',
    activeFrom: watch.activeFrom,
    paused: watch.paused,
    failures: watch.failures,
    createdAt: watch.createdAt,
    updatedAt: watch.createdAt,
  };
}

function clip(text: string): string {
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH - 1)}…` : text;
}

function toWatch(row: WatchRow): Watch {
  return {
    id: row.id,
    platform: row.platform,
    channelId: row.channel_id,
    ...(row.workspace_id !== null ? { workspaceId: row.workspace_id } : {}),
    spec: JSON.parse(row.spec) as WatchSpec,
    ...(row.time !== null ? { time: row.time } : {}),
    cron: row.cron,
    timezone: row.timezone,
    activeFrom: row.active_from,
    paused: row.paused !== 0,
    failures: row.failures,
    ...(row.last_error !== null ? { lastError: row.last_error } : {}),
    ...(row.feed_error !== null ? { feedError: row.feed_error } : {}),
    ...(row.feed_error_at !== null ? { feedErrorAt: row.feed_error_at } : {}),
    ...(row.created_by !== null ? { createdBy: row.created_by } : {}),
    createdAt: row.created_at,
  };
}

function toPost(row: PostRow): WatchPostRecord {
  return {
    id: row.id,
    watchId: row.watch_id,
    platform: row.platform,
    channelId: row.channel_id,
    localDate: row.local_date,
    ...(row.announcement !== null ? { announcement: row.announcement } : {}),
    ...(row.view !== null ? { view: JSON.parse(row.view) as WatchPostView } : {}),
    quiet: row.status === 'quiet',
    ...(row.message_id !== null ? { messageId: row.message_id } : {}),
    // 'quiet' is done for the day, as 'posted' is: the due rules only wait on it.
    status: row.status === 'quiet' ? 'posted' : row.status,
    attempts: row.attempts,
    ...(row.error !== null ? { error: row.error } : {}),
    ...(row.claimed_by !== null ? { claimedBy: row.claimed_by } : {}),
    attemptedAt: row.attempted_at,
    ...(row.next_attempt_at !== null ? { nextAttemptAt: row.next_attempt_at } : {}),
    ...(row.posted_at !== null ? { postedAt: row.posted_at } : {}),
  };
}
