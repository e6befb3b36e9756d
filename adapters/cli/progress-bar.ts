import { SingleBar } from 'cli-progress';
import type { OpenPhase } from '../shared/open-engine.ts';

/** Corpora below this many papers index in well under a second: no bar for them. */
export const PROGRESS_MIN_PAPERS = 20_000;

/**
 * A progress bar on the terminal (stderr, so piped output stays clean) while a large corpus
 * indexes; nothing at all when stderr is not a terminal.
 */
export function createProgressBar(stream: NodeJS.WritableStream & { isTTY?: boolean }) {
  let bar: SingleBar | undefined;
  return {
    update(_phase: OpenPhase, done: number, total: number): void {
      if (!stream.isTTY || total < PROGRESS_MIN_PAPERS) return;
      if (!bar) {
        bar = new SingleBar({
          stream,
          format: 'indexing [{bar}] {percentage}% | {value}/{total} papers | {eta_formatted} left',
          hideCursor: true,
          clearOnComplete: true,
        });
        bar.start(total, 0);
      }
      bar.update(done);
    },
    stop(): void {
      bar?.stop();
      bar = undefined;
    },
  };
}
