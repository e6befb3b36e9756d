import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createDailyStore } from '../../../adapters/scheduler/daily-store.ts';
import {
  DATABASE_FILE,
  DataDirError,
  dataDirReason,
  openDatabase,
  openDatabaseReadOnly,
} from '../../../adapters/scheduler/database.ts';
import { SCHEMA_VERSION, SchemaTooNewError } from '../../../adapters/scheduler/migrations.ts';
import { tempDir } from './temp-dir.ts';

const dirs: Array<{ remove: () => void }> = [];
function dir(): string {
  const d = tempDir();
  dirs.push(d);
  return d.path;
}
afterEach(() => {
  for (const d of dirs.splice(0)) d.remove();
});

describe('openDatabase', () => {
  it('creates the data directory and migrates a new database to the current version', () => {
    const dataDir = join(dir(), 'nested', 'data');
    const db = openDatabase(dataDir);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .pluck()
      .all();
    expect(tables).toEqual([
      'daily_picks',
      'daily_plan',
      'library_imports',
      'library_papers',
      'library_tombstones',
      'posts',
      'subscriptions',
      'watch_announcements',
      'watch_feedback',
      'watch_posts',
      'watch_shown',
      'watches',
    ]);
    db.close();
  });

  it('keeps what was stored when the database is opened again', () => {
    const dataDir = dir();
    const first = createDailyStore(openDatabase(dataDir));
    first.upsertSubscription(
      { platform: 'slack', channelId: 'C1', cron: '0 9 * * *', timezone: 'UTC', source: 'command' },
      1,
    );
    first.close();
    const second = createDailyStore(openDatabase(dataDir));
    expect(second.getSubscription('slack', 'C1')?.cron).toBe('0 9 * * *');
    second.close();
  });

  it('refuses a database written by a newer schema instead of guessing', () => {
    const dataDir = dir();
    const raw = new Database(join(dataDir, DATABASE_FILE));
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    expect(() => openDatabase(dataDir)).toThrow(SchemaTooNewError);
  });

  it('names the directory and the reason when a file is in the way', () => {
    const parent = dir();
    writeFileSync(join(parent, 'blocker'), 'not a directory');
    const attempt = () => openDatabase(join(parent, 'blocker', 'data'));
    expect(attempt).toThrow(DataDirError);
    expect(attempt).toThrow(/SHAMMIE_DATA_DIR \(.*blocker.*\) is not usable: a file is in the way/);
  });

  it('says so when the file there is not a database', () => {
    const dataDir = dir();
    writeFileSync(
      join(dataDir, DATABASE_FILE),
      'hello, I am a text file, not SQLite at all '.repeat(50),
    );
    expect(() => openDatabase(dataDir)).toThrow(/is not a Shammie database/);
  });
});

describe('a data directory that cannot hold the database', () => {
  const isRoot = process.getuid?.() === 0;

  it('names the variable and says a directory is in the way of the database file', () => {
    const dataDir = dir();
    mkdirSync(join(dataDir, DATABASE_FILE));
    expect(() => openDatabase(dataDir)).toThrow(
      /SHAMMIE_DATA_DIR \(.*\) is not usable: a directory named shammie.sqlite is in the way/,
    );
  });

  // Permission bits do not bind root, so these two only run as an ordinary user.
  it.skipIf(isRoot)('says permission denied for a directory the bot cannot write', () => {
    const dataDir = dir();
    chmodSync(dataDir, 0o555);
    try {
      expect(() => openDatabase(join(dataDir, 'data'))).toThrow(
        /SHAMMIE_DATA_DIR .*permission denied/,
      );
      expect(() => openDatabase(dataDir)).toThrow(/SHAMMIE_DATA_DIR .*permission denied/);
    } finally {
      chmodSync(dataDir, 0o755);
    }
  });

  it.skipIf(isRoot)('says permission denied for a database file that is read-only', () => {
    const dataDir = dir();
    openDatabase(dataDir).close();
    chmodSync(join(dataDir, DATABASE_FILE), 0o444);
    expect(() => openDatabase(dataDir)).toThrow(/SHAMMIE_DATA_DIR .*permission denied/);
  });

  it('puts each file-system and SQLite failure in words an operator acts on, never a value', () => {
    const failure = (code: string) => Object.assign(new Error(`${code} details`), { code });
    expect(dataDirReason(failure('ENOSPC'))).toBe('the disk is full');
    expect(dataDirReason(failure('SQLITE_FULL'))).toBe('the disk is full');
    expect(dataDirReason(failure('EROFS'))).toBe('the file system is read-only');
    expect(dataDirReason(failure('SQLITE_READONLY_DBMOVED'))).toMatch(/permission denied/);
    expect(dataDirReason(failure('EACCES'))).toMatch(/permission denied/);
    expect(dataDirReason(failure('ENOTDIR'))).toBe('a file is in the way of the directory');
    expect(dataDirReason(failure('SQLITE_NOTADB'))).toMatch(/not a Shammie database/);
    expect(dataDirReason(failure('EIO'))).toBe('EIO: EIO details');
  });
});

describe('the post claim', () => {
  it('lets exactly one of two connections claim a channel and date', () => {
    const dataDir = dir();
    const a = createDailyStore(openDatabase(dataDir));
    const b = createDailyStore(openDatabase(dataDir));
    const first = a.claim('discord', '42', '2024-03-10', 'p1', 'process-a', 10);
    const second = b.claim('discord', '42', '2024-03-10', 'p1', 'process-b', 11);
    expect(first).toBeTypeOf('number');
    expect(second).toBeUndefined();
    expect(b.getPost('discord', '42', '2024-03-10')).toMatchObject({
      status: 'claimed',
      claimedBy: 'process-a',
    });
    // Only the owner of a claim can record it.
    expect(b.recordPosted(first!, 'process-b', 'm1', 12)).toBe(false);
    expect(a.recordPosted(first!, 'process-a', 'm1', 12)).toBe(true);
    expect(b.getPost('discord', '42', '2024-03-10')).toMatchObject({
      status: 'posted',
      messageId: 'm1',
      postedAt: 12,
    });
    a.close();
    b.close();
  });

  it('hands a failed row back to one retry only, and only once it is due', () => {
    const store = createDailyStore(openDatabase(dir()));
    const id = store.claim('slack', 'C1', '2024-03-10', 'p1', 'a', 0)!;
    store.recordFailed(id, 'a', 'ratelimited', 1_000);
    expect(store.reclaim(id, 'b', 'p1', 999)).toBe(false);
    expect(store.reclaim(id, 'b', 'p1', 1_000)).toBe(true);
    expect(store.reclaim(id, 'c', 'p1', 1_000)).toBe(false);
    expect(store.getPost('slack', 'C1', '2024-03-10')).toMatchObject({
      status: 'claimed',
      claimedBy: 'b',
      attempts: 2,
    });
    store.close();
  });
});

describe('subscriptions', () => {
  const base = {
    platform: 'discord' as const,
    channelId: '7',
    time: '09:00',
    cron: '0 9 * * *',
    timezone: 'Europe/Paris',
    source: 'command' as const,
  };

  it('reports created, unchanged and updated, and a new schedule owes nothing from before', () => {
    const store = createDailyStore(openDatabase(dir()));
    expect(store.upsertSubscription(base, 100)).toBe('created');
    expect(store.upsertSubscription(base, 200)).toBe('unchanged');
    expect(store.getSubscription('discord', '7')?.activeFrom).toBe(100);
    expect(store.upsertSubscription({ ...base, time: '10:00', cron: '0 10 * * *' }, 300)).toBe(
      'updated',
    );
    expect(store.getSubscription('discord', '7')).toMatchObject({ time: '10:00', activeFrom: 300 });
    store.close();
  });

  it('pauses after the given number of consecutive permanent failures, and a success resets the count', () => {
    const store = createDailyStore(openDatabase(dir()));
    store.upsertSubscription(base, 0);
    expect(store.notePermanentFailure('discord', '7', 'Missing Access', 3, 1)).toEqual({
      failures: 1,
      paused: false,
    });
    store.noteSuccess('discord', '7');
    expect(store.getSubscription('discord', '7')?.failures).toBe(0);
    store.notePermanentFailure('discord', '7', 'Unknown Channel', 3, 2);
    store.notePermanentFailure('discord', '7', 'Unknown Channel', 3, 3);
    expect(store.notePermanentFailure('discord', '7', 'Unknown Channel', 3, 4)).toEqual({
      failures: 3,
      paused: true,
    });
    expect(store.activeSubscriptions()).toEqual([]);
    // Subscribing again resumes it with a clean count.
    expect(store.upsertSubscription(base, 5)).toBe('updated');
    expect(store.getSubscription('discord', '7')).toMatchObject({ paused: false, failures: 0 });
    store.close();
  });
});

describe('openDatabaseReadOnly', () => {
  it('finds no database in a directory without one, and creates nothing', () => {
    const dataDir = join(dir(), 'data');
    expect(openDatabaseReadOnly(dataDir)).toBeUndefined();
    expect(existsSync(dataDir)).toBe(false);
  });

  it('reads what the bot stored, and refuses to write', () => {
    const dataDir = dir();
    const writer = createDailyStore(openDatabase(dataDir));
    writer.putPick('2024-06-01', 'lora', 1);
    const reader = createDailyStore(openDatabaseReadOnly(dataDir)!);
    expect(reader.getPick('2024-06-01')).toBe('lora');
    // The bot keeps writing while the terminal reads: the reader sees it.
    writer.putPick('2024-06-02', 'rag', 2);
    expect(reader.getPick('2024-06-02')).toBe('rag');
    expect(() => reader.putPick('2024-06-03', 'bert', 3)).toThrow(/readonly/i);
    reader.close();
    writer.close();
  });

  it('finds no database in an empty file no Shammie has set up', () => {
    const dataDir = dir();
    new Database(join(dataDir, DATABASE_FILE)).close();
    expect(openDatabaseReadOnly(dataDir)).toBeUndefined();
  });

  it('refuses a newer schema and names an unreadable file', () => {
    const newer = dir();
    const raw = new Database(join(newer, DATABASE_FILE));
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    expect(() => openDatabaseReadOnly(newer)).toThrow(SchemaTooNewError);
    const text = dir();
    writeFileSync(join(text, DATABASE_FILE), 'not SQLite at all '.repeat(50));
    expect(() => openDatabaseReadOnly(text)).toThrow(/is not a Shammie database/);
  });
});
