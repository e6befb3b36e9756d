import type Database from 'better-sqlite3';
import type { Platform } from '../shared/daily-port.ts';

/** Who created a subscription: a user's subscribe command, or a `*_DAILY_CHANNEL_ID` variable. */
export type SubscriptionSource = 'command' | 'env';

/** What a subscribe writes. */
export interface SubscriptionInput {
  platform: Platform;
  channelId: string;
  workspaceId?: string;
  /** HH:MM the subscriber chose; absent when the subscription follows a cron pattern. */
  time?: string;
  /** The schedule croner runs in `timezone` (an HH:MM is stored as `M H * * *`). */
  cron: string;
  timezone: string;
  source: SubscriptionSource;
}

/** A channel that gets the daily paper: what was subscribed, and how its posts have gone. */
export interface Subscription extends SubscriptionInput {
  /** Epoch ms; slots before it are not owed. */
  activeFrom: number;
  paused: boolean;
  /** Consecutive permanent failures. */
  failures: number;
  lastError?: string;
  createdAt: number;
  updatedAt: number;
}

/**
 * Where a (channel, local date) stands. `claimed`: a process took it and is sending (or died
 * while sending); `posted`: done, with the message id; `failed`: the last attempt failed, a
 * later tick of the same date retries; `skipped`: the slot was missed and catch-up is off;
 * `unknown`: claimed long ago and never recorded — never sent again (see docs/daily.md).
 */
export type PostStatus = 'claimed' | 'posted' | 'failed' | 'skipped' | 'unknown';

export interface PostRecord {
  id: number;
  platform: Platform;
  channelId: string;
  localDate: string;
  paperId?: string;
  messageId?: string;
  status: PostStatus;
  attempts: number;
  error?: string;
  claimedBy?: string;
  attemptedAt: number;
  nextAttemptAt?: number;
  postedAt?: number;
}

/** The outcome of an upsert: `created`, `updated` (schedule changed or resumed), or `unchanged`. */
export type UpsertOutcome = 'created' | 'updated' | 'unchanged';

interface SubscriptionRow {
  platform: Platform;
  channel_id: string;
  workspace_id: string | null;
  time: string | null;
  cron: string;
  timezone: string;
  source: SubscriptionSource;
  active_from: number;
  paused: number;
  failures: number;
  last_error: string | null;
  created_at: number;
  updated_at: number;
}

interface PostRow {
  id: number;
  platform: Platform;
  channel_id: string;
  local_date: string;
  paper_id: string | null;
  message_id: string | null;
  status: PostStatus;
  attempts: number;
  error: string | null;
  claimed_by: string | null;
  attempted_at: number;
  next_attempt_at: number | null;
  posted_at: number | null;
}

/** Longest error text kept in the database (platform errors can be verbose). */
const MAX_ERROR_LENGTH = 500;

/** Typed access to the daily tables; every write that must be atomic is one statement or one transaction. */
export type DailyStore = ReturnType<typeof createDailyStore>;

/** Wraps an open, migrated database (see `openDatabase`). */
export function createDailyStore(db: Database.Database) {
  const s = {
    getSubscription: db.prepare<[Platform, string], SubscriptionRow>(
      'SELECT * FROM subscriptions WHERE platform = ? AND channel_id = ?',
    ),
    insertSubscription: db.prepare(
      `INSERT INTO subscriptions
         (platform, channel_id, workspace_id, time, cron, timezone, source, active_from,
          paused, failures, created_at, updated_at)
       VALUES (@platform, @channelId, @workspaceId, @time, @cron, @timezone, @source, @now,
          0, 0, @now, @now)`,
    ),
    updateSubscription: db.prepare(
      `UPDATE subscriptions
          SET workspace_id = COALESCE(@workspaceId, workspace_id), time = @time, cron = @cron,
              timezone = @timezone, source = @source, active_from = @activeFrom, paused = 0,
              failures = 0, last_error = NULL, updated_at = @now
        WHERE platform = @platform AND channel_id = @channelId`,
    ),
    deleteSubscription: db.prepare<[Platform, string]>(
      'DELETE FROM subscriptions WHERE platform = ? AND channel_id = ?',
    ),
    active: db.prepare<[], SubscriptionRow>(
      'SELECT * FROM subscriptions WHERE paused = 0 ORDER BY platform, channel_id',
    ),
    bySource: db.prepare<[Platform, SubscriptionSource], SubscriptionRow>(
      'SELECT * FROM subscriptions WHERE platform = ? AND source = ?',
    ),
    failure: db.prepare<[string, number, Platform, string]>(
      `UPDATE subscriptions SET failures = failures + 1, last_error = ?, updated_at = ?
        WHERE platform = ? AND channel_id = ?`,
    ),
    pause: db.prepare<[number, Platform, string]>(
      'UPDATE subscriptions SET paused = 1, updated_at = ? WHERE platform = ? AND channel_id = ?',
    ),
    success: db.prepare<[Platform, string]>(
      `UPDATE subscriptions SET failures = 0, last_error = NULL
        WHERE platform = ? AND channel_id = ? AND (failures <> 0 OR last_error IS NOT NULL)`,
    ),
    getPost: db.prepare<[Platform, string, string], PostRow>(
      'SELECT * FROM posts WHERE platform = ? AND channel_id = ? AND local_date = ?',
    ),
    lastPosted: db.prepare<[Platform, string], PostRow>(
      `SELECT * FROM posts WHERE platform = ? AND channel_id = ? AND status = 'posted'
        ORDER BY local_date DESC LIMIT 1`,
    ),
    latest: db.prepare<[Platform, string], PostRow>(
      `SELECT * FROM posts WHERE platform = ? AND channel_id = ?
        ORDER BY local_date DESC LIMIT 1`,
    ),
    // The claim: the UNIQUE key lets exactly one insert win, whichever process or tick runs it.
    claim: db.prepare<[Platform, string, string, string | null, string, number], { id: number }>(
      `INSERT INTO posts (platform, channel_id, local_date, paper_id, status, attempts,
                          claimed_by, attempted_at)
       VALUES (?, ?, ?, ?, 'claimed', 1, ?, ?)
       ON CONFLICT (platform, channel_id, local_date) DO NOTHING
       RETURNING id`,
    ),
    // A retry takes a failed row back only when it is due; one statement, so one winner.
    reclaim: db.prepare<[string, number, string | null, number, number]>(
      `UPDATE posts SET status = 'claimed', claimed_by = ?, attempted_at = ?,
              paper_id = COALESCE(?, paper_id), attempts = attempts + 1, next_attempt_at = NULL
        WHERE id = ? AND status = 'failed' AND next_attempt_at <= ?`,
    ),
    attempt: db.prepare<[number, number, string]>(
      `UPDATE posts SET attempts = attempts + 1, attempted_at = ? WHERE id = ? AND claimed_by = ?`,
    ),
    posted: db.prepare<[string, number, number, string]>(
      `UPDATE posts SET status = 'posted', message_id = ?, posted_at = ?, error = NULL
        WHERE id = ? AND claimed_by = ?`,
    ),
    failed: db.prepare<[string, number, number, string]>(
      `UPDATE posts SET status = 'failed', error = ?, next_attempt_at = ?
        WHERE id = ? AND claimed_by = ? AND status IN ('claimed', 'unknown')`,
    ),
    skip: db.prepare<[Platform, string, string, number, string]>(
      `INSERT INTO posts (platform, channel_id, local_date, status, attempts, attempted_at, error)
       VALUES (?, ?, ?, 'skipped', 0, ?, ?)
       ON CONFLICT (platform, channel_id, local_date) DO NOTHING`,
    ),
    sweep: db.prepare<[number]>(
      `UPDATE posts SET status = 'unknown' WHERE status = 'claimed' AND attempted_at < ?`,
    ),
    getPick: db.prepare<[string], { paper_id: string }>(
      'SELECT paper_id FROM daily_picks WHERE local_date = ?',
    ),
    putPick: db.prepare<[string, string, number]>(
      `INSERT INTO daily_picks (local_date, paper_id, picked_at) VALUES (?, ?, ?)
       ON CONFLICT (local_date) DO UPDATE SET paper_id = excluded.paper_id,
              picked_at = excluded.picked_at`,
    ),
    getPlan: db.prepare<[], { plan: string }>('SELECT plan FROM daily_plan WHERE id = 1'),
    putPlan: db.prepare<[string, number]>(
      `INSERT INTO daily_plan (id, plan, updated_at) VALUES (1, ?, ?)
       ON CONFLICT (id) DO UPDATE SET plan = excluded.plan, updated_at = excluded.updated_at`,
    ),
  };

  const upsert = db.transaction((input: SubscriptionInput, now: number): UpsertOutcome => {
    const row = s.getSubscription.get(input.platform, input.channelId);
    const params = {
      ...input,
      workspaceId: input.workspaceId ?? null,
      time: input.time ?? null,
      now,
    };
    if (!row) {
      s.insertSubscription.run(params);
      return 'created';
    }
    const sameSchedule =
      row.cron === input.cron && row.timezone === input.timezone && row.time === params.time;
    if (sameSchedule && row.paused === 0 && row.source === input.source) return 'unchanged';
    // A new schedule (or a resume) owes nothing from before now: a slot that passed earlier
    // today is not "missed", so subscribing at 10:00 for 09:00 never posts at once.
    const activeFrom = sameSchedule && row.paused === 0 ? row.active_from : now;
    s.updateSubscription.run({ ...params, activeFrom });
    return sameSchedule && row.paused === 0 ? 'unchanged' : 'updated';
  });

  const fail = db.transaction(
    (platform: Platform, channelId: string, error: string, pauseAfter: number, now: number) => {
      s.failure.run(clip(error), now, platform, channelId);
      const row = s.getSubscription.get(platform, channelId);
      if (!row) return { failures: 0, paused: false };
      const pause = row.paused === 0 && row.failures >= pauseAfter;
      if (pause) s.pause.run(now, platform, channelId);
      return { failures: row.failures, paused: pause };
    },
  );

  return {
    /** The database itself, for `transaction` and `close`. */
    db,

    getSubscription(platform: Platform, channelId: string): Subscription | undefined {
      const row = s.getSubscription.get(platform, channelId);
      return row && toSubscription(row);
    },

    /** Creates or changes a subscription; a changed schedule or a paused one resumes from `now`. */
    upsertSubscription(input: SubscriptionInput, now: number): UpsertOutcome {
      return upsert.immediate(input, now);
    },

    /** True when there was a subscription to remove. */
    removeSubscription(platform: Platform, channelId: string): boolean {
      return s.deleteSubscription.run(platform, channelId).changes > 0;
    },

    /** Every subscription that is not paused. */
    activeSubscriptions(): Subscription[] {
      return s.active.all().map(toSubscription);
    },

    subscriptionsFrom(platform: Platform, source: SubscriptionSource): Subscription[] {
      return s.bySource.all(platform, source).map(toSubscription);
    },

    /** Counts a permanent failure; pauses the subscription when it reaches `pauseAfter`. */
    notePermanentFailure(
      platform: Platform,
      channelId: string,
      error: string,
      pauseAfter: number,
      now: number,
    ): { failures: number; paused: boolean } {
      return fail.immediate(platform, channelId, error, pauseAfter, now);
    },

    noteSuccess(platform: Platform, channelId: string): void {
      s.success.run(platform, channelId);
    },

    getPost(platform: Platform, channelId: string, localDate: string): PostRecord | undefined {
      const row = s.getPost.get(platform, channelId, localDate);
      return row && toPost(row);
    },

    lastPosted(platform: Platform, channelId: string): PostRecord | undefined {
      const row = s.lastPosted.get(platform, channelId);
      return row && toPost(row);
    },

    latestPost(platform: Platform, channelId: string): PostRecord | undefined {
      const row = s.latest.get(platform, channelId);
      return row && toPost(row);
    },

    /**
     * Claims (channel, local date) for `owner`. Returns the row id, or undefined when the date
     * already has a row (posted, claimed by someone else, skipped…): then nothing is sent.
     */
    claim(
      platform: Platform,
      channelId: string,
      localDate: string,
      paperId: string | undefined,
      owner: string,
      now: number,
    ): number | undefined {
      return s.claim.get(platform, channelId, localDate, paperId ?? null, owner, now)?.id;
    },

    /** Takes a failed row back for a retry when it is due; false when another tick got it. */
    reclaim(id: number, owner: string, paperId: string | undefined, now: number): boolean {
      return s.reclaim.run(owner, now, paperId ?? null, id, now).changes > 0;
    },

    /** Counts another attempt within the same claim. */
    noteAttempt(id: number, owner: string, now: number): void {
      s.attempt.run(now, id, owner);
    },

    /** Records the message id; false when the claim is not ours. */
    recordPosted(id: number, owner: string, messageId: string, now: number): boolean {
      return s.posted.run(messageId, now, id, owner).changes > 0;
    },

    recordFailed(id: number, owner: string, error: string, nextAttemptAt: number): void {
      s.failed.run(clip(error), nextAttemptAt, id, owner);
    },

    recordSkipped(platform: Platform, channelId: string, localDate: string, now: number): void {
      s.skip.run(platform, channelId, localDate, now, 'slot missed while the bot was down');
    },

    /** Marks claims older than `before` as `unknown` (their process died mid-send). */
    sweepStaleClaims(before: number): number {
      return s.sweep.run(before).changes;
    },

    getPick(localDate: string): string | undefined {
      return s.getPick.get(localDate)?.paper_id;
    },

    putPick(localDate: string, paperId: string, now: number): void {
      s.putPick.run(localDate, paperId, now);
    },

    /** The persisted daily plan (JSON), if any. */
    loadPlan(): unknown {
      const row = s.getPlan.get();
      return row ? JSON.parse(row.plan) : undefined;
    },

    savePlan(plan: unknown, now: number): void {
      s.putPlan.run(JSON.stringify(plan), now);
    },

    close(): void {
      if (db.open) db.close();
    },
  };
}

function clip(text: string): string {
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH - 1)}…` : text;
}

function toSubscription(row: SubscriptionRow): Subscription {
  return {
    platform: row.platform,
    channelId: row.channel_id,
    ...(row.workspace_id !== null ? { workspaceId: row.workspace_id } : {}),
    ...(row.time !== null ? { time: row.time } : {}),
    cron: row.cron,
    timezone: row.timezone,
    source: row.source,
    activeFrom: row.active_from,
    paused: row.paused !== 0,
    failures: row.failures,
    ...(row.last_error !== null ? { lastError: row.last_error } : {}),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toPost(row: PostRow): PostRecord {
  return {
    id: row.id,
    platform: row.platform,
    channelId: row.channel_id,
    localDate: row.local_date,
    ...(row.paper_id !== null ? { paperId: row.paper_id } : {}),
    ...(row.message_id !== null ? { messageId: row.message_id } : {}),
    status: row.status,
    attempts: row.attempts,
    ...(row.error !== null ? { error: row.error } : {}),
    ...(row.claimed_by !== null ? { claimedBy: row.claimed_by } : {}),
    attemptedAt: row.attempted_at,
    ...(row.next_attempt_at !== null ? { nextAttemptAt: row.next_attempt_at } : {}),
    ...(row.posted_at !== null ? { postedAt: row.posted_at } : {}),
  };
}
