/**
 * Telling a failing database apart from a bug. better-sqlite3 throws a `SqliteError` whose
 * `code` is SQLite's own (`SQLITE_FULL`, `SQLITE_READONLY_DBMOVED`, `SQLITE_IOERR_WRITE`, …);
 * a write that fails that way changed nothing (SQLite rolls the statement or transaction back),
 * and may succeed later, once the disk has room or the file is writable again.
 */

/** The SQLite code of a database failure, or undefined for any other error. */
export function storageCode(error: unknown): string | undefined {
  if (!(error instanceof Error) || !('code' in error)) return undefined;
  const code = String(error.code);
  return code.startsWith('SQLITE_') ? code : undefined;
}

/** A short reason for the log, in words an operator acts on. */
export function storageReason(error: unknown): string {
  const code = storageCode(error) ?? '';
  if (code.startsWith('SQLITE_FULL')) return 'the disk holding SHAMMIE_DATA_DIR is full';
  if (code.startsWith('SQLITE_READONLY')) return 'the database in SHAMMIE_DATA_DIR is read-only';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return 'another process held the database lock too long';
  }
  if (code.startsWith('SQLITE_IOERR')) return 'the disk holding SHAMMIE_DATA_DIR failed a write';
  return error instanceof Error ? error.message : String(error);
}
