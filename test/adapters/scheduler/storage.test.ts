import type Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { STORAGE_UNAVAILABLE } from '../../../adapters/scheduler/daily-commands.ts';
import {
  fakeClock,
  flaky,
  type Instance,
  instance,
  recordingLogger,
  recordingPoster,
} from './helpers.ts';
import { tempDir } from './temp-dir.ts';

/**
 * The data directory's disk fills up, or the database becomes read-only, while the bot runs.
 * A full disk is made with SQLite's own cap on the file's size (`max_page_count`, filled to the
 * last page); read-only with `query_only`, which refuses every write as a read-only file does.
 */

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function start(
  clock: Parameters<typeof instance>[1],
  posters: Parameters<typeof instance>[2],
  options: Parameters<typeof instance>[3] = {},
): Instance {
  const dir = tempDir();
  cleanups.push(dir.remove);
  const bot = instance(dir.path, clock, posters, options);
  cleanups.push(() => bot.close());
  return bot;
}

const slack = (channelId: string) => ({ platform: 'slack' as const, channelId });

/** Caps the file at its size and fills it: every write that needs a page fails SQLITE_FULL. */
function fillDisk(db: Database.Database): { free(): void } {
  db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true })}`);
  const filler = db.prepare(
    `INSERT INTO posts (platform, channel_id, local_date, status, attempts, attempted_at)
     VALUES ('discord', ?, '2000-01-01', 'posted', 1, 0)`,
  );
  try {
    for (let i = 0; ; i += 1) filler.run(`filler-${i}`);
  } catch (error) {
    if ((error as { code?: string }).code !== 'SQLITE_FULL') throw error;
  }
  return { free: () => db.pragma('max_page_count = 1073741823') };
}

function readOnly(db: Database.Database, on: boolean): void {
  db.pragma(`query_only = ${on ? 'ON' : 'OFF'}`);
}

describe('a full disk while the bot runs', () => {
  it('sends nothing, logs one line per tick, keeps ticking, and posts once when space is back', async () => {
    const clock = fakeClock('2024-06-01T08:00:00Z');
    const logger = recordingLogger();
    const poster = recordingPoster('slack', clock);
    const bot = start(clock, [poster], { logger });
    for (const channel of ['C1', 'C2', 'C3', 'C4', 'C5', 'C6']) {
      await bot.commands.subscribe({ channel: slack(channel), time: '09:00', timezone: 'UTC' });
    }
    const disk = fillDisk(bot.store.db);

    clock.set('2024-06-01T09:00:00Z');
    const first = await bot.scheduler.tick();
    expect(first.storageFailure).toBe('SQLITE_FULL');
    expect(poster.attempts.size).toBe(0);
    const lines = logger.entries.filter((e) => /cannot be written/.test(e.msg));
    expect(lines).toHaveLength(1);
    expect(lines[0]!.fields.reason).toMatch(/SHAMMIE_DATA_DIR is full/);
    // Nothing half-made: no claim was left behind for any channel.
    expect(bot.store.getPost('slack', 'C1', '2024-06-01')).toBeUndefined();

    clock.set('2024-06-01T09:01:00Z');
    expect((await bot.scheduler.tick()).storageFailure).toBe('SQLITE_FULL');

    disk.free();
    clock.set('2024-06-01T09:02:00Z');
    expect((await bot.scheduler.tick()).posted).toBe(6);
    clock.set('2024-06-01T09:03:00Z');
    expect((await bot.scheduler.tick()).posted).toBe(0);
    expect(poster.sent).toHaveLength(6);
  });

  it('runs the minute tick through it without an unhandled failure', async () => {
    const clock = fakeClock('2024-06-01T09:00:00Z');
    const logger = recordingLogger();
    const bot = start(clock, [recordingPoster('slack', clock)], { logger });
    await bot.commands.subscribe({ channel: slack('C1'), time: '09:00', timezone: 'UTC' });
    fillDisk(bot.store.db);
    bot.scheduler.start();
    await vi.waitFor(() =>
      expect(logger.entries.some((e) => /cannot be written/.test(e.msg))).toBe(true),
    );
    await bot.scheduler.stop();
    expect(logger.entries.some((e) => e.msg === 'daily tick failed')).toBe(false);
  });
});

describe('a read-only database while the bot runs', () => {
  it('records a failed send later, so the post is still retried that day', async () => {
    const clock = fakeClock('2024-06-01T09:00:00Z');
    const logger = recordingLogger();
    let bot: Instance | undefined;
    const poster = recordingPoster('slack', clock, (_channel, attempt) => {
      if (attempt > 1) return 'ok';
      // The send fails, and by the time it does the database refuses writes.
      readOnly(bot!.store.db, true);
      return flaky();
    });
    bot = start(clock, [poster], { logger, retry: { attemptsPerTick: 1 } });
    await bot.commands.subscribe({ channel: slack('C1'), time: '09:00', timezone: 'UTC' });

    expect((await bot.scheduler.tick()).failed).toBe(1);
    expect(bot.store.getPost('slack', 'C1', '2024-06-01')?.status).toBe('claimed');
    expect(logger.entries.some((e) => /could not record a failed post/.test(e.msg))).toBe(true);

    readOnly(bot.store.db, false);
    clock.set('2024-06-01T09:01:00Z');
    await bot.scheduler.tick();
    expect(bot.store.getPost('slack', 'C1', '2024-06-01')?.status).toBe('failed');
    // Retried at its planned time (five minutes on), once.
    for (let minute = 2; minute <= 20; minute += 1) {
      clock.set(`2024-06-01T09:${String(minute).padStart(2, '0')}:00Z`);
      await bot.scheduler.tick();
    }
    expect(poster.sent).toHaveLength(1);
    expect(bot.store.getPost('slack', 'C1', '2024-06-01')?.status).toBe('posted');
  });

  it('records a sent post later, with its message id, and never sends it again', async () => {
    const clock = fakeClock('2024-06-01T09:00:00Z');
    const logger = recordingLogger();
    let bot: Instance | undefined;
    const poster = recordingPoster('slack', clock);
    const send = poster.postDaily.bind(poster);
    poster.postDaily = async (channelId, view) => {
      const sent = await send(channelId, view);
      readOnly(bot!.store.db, true);
      return sent;
    };
    bot = start(clock, [poster], { logger });
    await bot.commands.subscribe({ channel: slack('C1'), time: '09:00', timezone: 'UTC' });
    expect((await bot.scheduler.tick()).unrecorded).toBe(1);

    readOnly(bot.store.db, false);
    for (let minute = 1; minute <= 30; minute += 1) {
      clock.set(`2024-06-01T09:${String(minute).padStart(2, '0')}:00Z`);
      await bot.scheduler.tick();
    }
    expect(poster.sent).toHaveLength(1);
    expect(bot.store.getPost('slack', 'C1', '2024-06-01')).toMatchObject({
      status: 'posted',
      messageId: poster.sent[0]!.messageId,
    });
    expect(logger.entries.some((e) => e.msg === 'daily post record written late')).toBe(true);
    const status = await bot.commands.status(slack('C1'));
    expect(status.text).toContain('for 2024-06-01');
  });

  it('answers subscribe and unsubscribe politely, changing nothing, and still tells the status', async () => {
    const clock = fakeClock('2024-06-01T08:00:00Z');
    const bot = start(clock, [recordingPoster('slack', clock)]);
    await bot.commands.subscribe({ channel: slack('C1'), time: '09:00', timezone: 'UTC' });
    readOnly(bot.store.db, true);
    const subscribe = await bot.commands.subscribe({
      channel: slack('C2'),
      time: '10:00',
      timezone: 'UTC',
    });
    expect(subscribe).toEqual({ ok: false, text: STORAGE_UNAVAILABLE });
    expect(await bot.commands.unsubscribe(slack('C1'))).toEqual({
      ok: false,
      text: STORAGE_UNAVAILABLE,
    });
    expect(bot.store.getSubscription('slack', 'C2')).toBeUndefined();
    expect(bot.store.getSubscription('slack', 'C1')).toBeDefined();
    expect((await bot.commands.status(slack('C1'))).text).toContain('Subscribed');
  });
});
