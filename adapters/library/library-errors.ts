/**
 * The library's database failing, told apart from a bug and put in words a user can act on. A
 * failed write changed nothing: every write of the library is one statement or one transaction,
 * which SQLite rolls back whole (a full disk, a lock held too long by another process).
 */

import { storageCode, storageReason } from '../scheduler/storage-failure.ts';

/** What went wrong with the database, from the caller's point of view. */
export type LibraryStoreErrorCode =
  /** Another process held the write lock longer than the busy timeout. */
  | 'BUSY'
  /** The disk (or the database's size limit) is full. */
  | 'FULL'
  /** The database file or its directory cannot be written. */
  | 'READONLY'
  /** Any other failure of SQLite (an I/O error, a damaged file). */
  | 'STORAGE';

/** A failure of the library's database; `message` is the sentence to show a user. */
export class LibraryStoreError extends Error {
  override readonly name = 'LibraryStoreError';
  constructor(
    readonly code: LibraryStoreErrorCode,
    message: string,
    /** SQLite's own code (`SQLITE_BUSY`, `SQLITE_FULL`…), for logs. */
    readonly sqliteCode: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** True for a failure of the library's database (as opposed to a bug). */
export function isLibraryStoreError(error: unknown): error is LibraryStoreError {
  return error instanceof LibraryStoreError;
}

/**
 * `error` as a LibraryStoreError when SQLite raised it, else `error` unchanged (a bug stays a
 * bug). The message says nothing was saved, since SQLite rolled the write back.
 */
export function toLibraryError(error: unknown): unknown {
  const sqliteCode = storageCode(error);
  if (sqliteCode === undefined) return error;
  const code: LibraryStoreErrorCode =
    sqliteCode.startsWith('SQLITE_BUSY') || sqliteCode.startsWith('SQLITE_LOCKED')
      ? 'BUSY'
      : sqliteCode.startsWith('SQLITE_FULL')
        ? 'FULL'
        : sqliteCode.startsWith('SQLITE_READONLY')
          ? 'READONLY'
          : 'STORAGE';
  const advice =
    code === 'BUSY'
      ? 'try again in a moment'
      : code === 'FULL'
        ? 'free some space, then try again'
        : 'ask the operator to check the data directory';
  return new LibraryStoreError(
    code,
    `The library could not be saved (${storageReason(error)}); nothing was changed — ${advice}.`,
    sqliteCode,
    { cause: error },
  );
}

/** Runs `work`, turning a SQLite failure into a LibraryStoreError. */
export function guarded<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw toLibraryError(error);
  }
}
