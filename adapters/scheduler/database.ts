import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { migrate, SCHEMA_VERSION, SchemaTooNewError } from './migrations.ts';

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
 * failing, and the schema migrated to this version. One write is made before returning, so a
 * directory or file that cannot be written, or a full disk, stops the start with a reason
 * rather than failing the first daily post.
 */
export function openDatabase(dataDir: string): Database.Database {
  const dir = resolve(dataDir);
  const file = join(dir, DATABASE_FILE);
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK | constants.R_OK);
  } catch (error) {
    throw new DataDirError(dataDir, dataDirReason(error));
  }
  if (isDirectory(file)) {
    throw new DataDirError(
      dataDir,
      `a directory named ${DATABASE_FILE} is in the way of the database`,
    );
  }
  let db: Database.Database;
  try {
    db = new Database(file);
  } catch (error) {
    throw new DataDirError(dataDir, dataDirReason(error));
  }
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma('journal_mode = WAL');
    // With WAL, NORMAL loses at most the last commits on power loss, never consistency.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    const version = migrate(db);
    // A real write: SQLite opens a file it may not write read-only without a word, and a
    // full disk only shows when a page is written. PRAGMA takes no parameters; ours is a number.
    db.pragma(`user_version = ${version}`);
    return db;
  } catch (error) {
    db.close();
    if (error instanceof Error && 'code' in error && String(error.code).startsWith('SQLITE_')) {
      throw new DataDirError(dataDir, dataDirReason(error));
    }
    throw error;
  }
}

/**
 * Opens the database in `dataDir` for reading only, when there is one: undefined when the
 * directory holds no database (nothing is created, nothing migrated). For the command line,
 * which shows what the bot stored without ever writing. Throws `DataDirError` when the file is
 * there but cannot be read, `SchemaTooNewError` when a newer Shammie wrote it.
 */
export function openDatabaseReadOnly(dataDir: string): Database.Database | undefined {
  const file = join(resolve(dataDir), DATABASE_FILE);
  if (!existsSync(file)) return undefined;
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) throw new SchemaTooNewError(version);
    // Version 0 is a file no Shammie has set up yet: it has no tables to read.
    if (version > 0) return db;
    db.close();
    return undefined;
  } catch (error) {
    db?.close();
    if (error instanceof SchemaTooNewError) throw error;
    throw new DataDirError(dataDir, dataDirReason(error));
  }
}

/** Why the data directory cannot be used, in words an operator can act on (never a value). */
export function dataDirReason(error: unknown): string {
  if (error instanceof Error) {
    const code = 'code' in error ? String(error.code) : '';
    if (code === 'EACCES' || code === 'EPERM' || code.startsWith('SQLITE_READONLY')) {
      return 'permission denied (the bot needs to create and write files there)';
    }
    if (code === 'EROFS') return 'the file system is read-only';
    if (code === 'ENOSPC' || code === 'EDQUOT' || code === 'SQLITE_FULL') {
      return 'the disk is full';
    }
    if (code === 'ENOTDIR' || code === 'EEXIST') return 'a file is in the way of the directory';
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
      return `${DATABASE_FILE} there is not a Shammie database`;
    }
    if (code === 'SQLITE_CANTOPEN') return `${DATABASE_FILE} there cannot be opened`;
    return code ? `${code}: ${error.message}` : error.message;
  }
  return String(error);
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
