import type { ShammieErrorCode } from '../../src/index.ts';

/** Exit statuses, as the README's "The command line" promises them (scripts rely on them). */
export const EXIT_OK = 0;
export const EXIT_BAD_INPUT = 1;
export const EXIT_BAD_CORPUS = 2;
/** Stopped by Ctrl-C: 128 + SIGINT's number, as shells report an interrupted command. */
export const EXIT_INTERRUPTED = 130;

/** The core's error codes that mean the corpus could not be read: exit 2, not 1. */
export const CORPUS_ERRORS: readonly ShammieErrorCode[] = ['BAD_CORPUS', 'EMPTY_CORPUS'];

/** A failure the command line words itself, with the status it exits with. */
export class ExitError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}
