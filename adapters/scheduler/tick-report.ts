import type { Logger } from '../shared/logger.ts';
import { storageCode, storageReason } from './storage-failure.ts';

/** What one tick did, for logs and tests. */
export interface TickReport {
  /** Subscriptions that were looked at. */
  checked: number;
  posted: number;
  failed: number;
  paused: number;
  /** Dates another tick or process had already claimed. */
  taken: number;
  skipped: number;
  unrecorded: number;
  /** Claims found abandoned (process died mid-send), now `unknown`. */
  abandoned: number;
  /** Set when the database refused a write: the tick stopped early, the next one tries again. */
  storageFailure?: string;
}

/** A report of a tick that has done nothing yet. */
export function emptyTickReport(): TickReport {
  return {
    checked: 0,
    posted: 0,
    failed: 0,
    paused: 0,
    taken: 0,
    skipped: 0,
    unrecorded: 0,
    abandoned: 0,
  };
}

/**
 * Whether an error is the database refusing a write (disk full, read-only). The first one of a
 * tick is logged once and set on the report, which stops the tick early; the next tick tries
 * again. Nothing is half-made: each write is one statement or one transaction.
 */
export function storageFailureCheck(
  report: TickReport,
  logger: Logger,
): (error: unknown) => boolean {
  return (error) => {
    if (storageCode(error) === undefined) return false;
    if (report.storageFailure === undefined) {
      report.storageFailure = storageCode(error);
      logger.error(
        { code: report.storageFailure, reason: storageReason(error) },
        'the daily database cannot be written; daily posts wait for the next tick',
      );
    }
    return true;
  };
}
