/**
 * Every failure the user can cause has a code; adapters turn codes into friendly words.
 * "No results" is an empty list, never an error.
 */
export type ShammieErrorCode =
  | 'EMPTY_QUERY'
  | 'QUERY_TOO_LONG'
  | 'PAPER_NOT_FOUND'
  | 'BAD_DATE'
  | 'BAD_FORMAT'
  | 'BAD_ARGUMENT'
  | 'BAD_CORPUS'
  | 'EMPTY_CORPUS'
  | 'NOT_READY'
  | 'NOT_ALLOWED';

export class ShammieError extends Error {
  override readonly name = 'ShammieError';
  constructor(
    readonly code: ShammieErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** True for errors the user caused (and may be told about), false for bugs. */
export function isShammieError(error: unknown): error is ShammieError {
  return error instanceof ShammieError;
}
