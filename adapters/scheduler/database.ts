import { accessSync, constants, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './migrations.ts';

/** File name of the database inside `SHAMMIE_DATA_DIR`. */
export const DATABASE_FILE = 'shammie.sqlite';

/** How long a statement waits for another process's write lock before failing. */
export const BUSY_TIMEOUT_MS = 5_000;

/** `SHAMMIE_DATA_DIR` cannot hold the database: names the path and the reason, nothing else. */
export class DataDirError extends Error {
  override readonly name = 'DataDirError';
  constructor(
    readonly dataDir: string,
    reason: string,
  ) {
    super(`SHAMMIE_DATA_DIR (${dataDir}) is not usable: ${reason}`);
  }
}

/**
 * Opens (creating when needed) the database in `dataDir`, ready for several processes:
 * WAL journal so readers never block the writer, a busy timeout so writers queue instead of
 * failing, and the schema migrated to this version.
 */
export function openDatabase(dataDir: string): Database.Database {
  const dir = resolve(dataDir);
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK | constants.R_OK);
  } catch (error) {
    throw new DataDirError(dataDir, describe(error));
  }
  let db: Database.Database;
  try {
    db = new Database(join(dir, DATABASE_FILE));
  } catch (error) {
    throw new DataDirError(dataDir, describe(error));
  }
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma('journal_mode = WAL');
    // With WAL, NORMAL loses at most the last commits on power loss, never consistency.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    if (error instanceof Error && 'code' in error && String(error.code).startsWith('SQLITE_')) {
      throw new DataDirError(dataDir, describe(error));
    }
    throw error;
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = 'code' in error ? String(error.code) : '';
    if (code === 'EACCES' || code === 'EPERM' || code === 'SQLITE_READONLY') {
      return 'permission denied (the bot needs to create and write files there)';
    }
    if (code === 'ENOTDIR' || code === 'EEXIST') return 'a file is in the way of the directory';
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
      return `${DATABASE_FILE} there is not a Shammie database`;
    }
    return code ? `${code}: ${error.message}` : error.message;
  }
  return String(error);
}
