import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createLibraryStore, type LibraryStore } from '../library/library-store.ts';
import {
  DATABASE_FILE,
  DataDirError,
  openDatabase,
  openDatabaseReadOnly,
} from '../scheduler/database.ts';
import { migrate, SchemaTooNewError } from '../scheduler/migrations.ts';
import { DEFAULT_DATA_DIR } from '../shared/config.ts';
import type { CliIo } from './cli-context.ts';
import { EXIT_BAD_INPUT, ExitError } from './exit-status.ts';

/** The library of one command, and how to let go of its database. */
export interface CliLibrary {
  store: LibraryStore;
  close: () => void;
}

/**
 * Opens the library in SHAMMIE_DATA_DIR (default ./data), as the bot does. With `create`
 * false (commands that only read: `library`, `export`) a data directory without a database is
 * an empty library kept in memory, so reading never creates a file. A directory that cannot
 * hold the database is an ExitError (status 1) that names it.
 */
export function openCliLibrary(env: CliIo['env'], { create }: { create: boolean }): CliLibrary {
  const dataDir = env.SHAMMIE_DATA_DIR || DEFAULT_DATA_DIR;
  let db: Database.Database;
  try {
    if (create || existsSync(join(dataDir, DATABASE_FILE))) {
      db = openDatabase(dataDir);
    } else {
      db = new Database(':memory:');
      migrate(db);
    }
  } catch (error) {
    if (error instanceof DataDirError || error instanceof SchemaTooNewError) {
      throw new ExitError(error.message, EXIT_BAD_INPUT);
    }
    throw error;
  }
  return { store: createLibraryStore(db), close: () => db.close() };
}

/** The library as a searching command lays it over the corpus files: read, never written. */
export interface CliShelf {
  store: LibraryStore;
  close: () => void;
}

/**
 * The library in SHAMMIE_DATA_DIR for a command that searches (`search`, `paper`, `chat`, …),
 * opened read-only: undefined when the directory holds no database yet. A database that cannot
 * be read (or was written by a newer Shammie) is said through `warn`, and the command searches
 * the corpus files alone.
 */
export function openCliShelf(
  dataDir: string,
  warn: (message: string) => void,
): CliShelf | undefined {
  let db: Database.Database | undefined;
  try {
    db = openDatabaseReadOnly(dataDir);
    if (!db) return undefined;
    const opened = db;
    return { store: createLibraryStore(opened), close: () => opened.close() };
  } catch (error) {
    db?.close();
    const reason = error instanceof Error ? error.message : String(error);
    warn(`could not read the library (${reason}); searching the corpus files alone`);
    return undefined;
  }
}
