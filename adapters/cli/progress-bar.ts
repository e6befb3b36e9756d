import { SingleBar } from 'cli-progress';
import type { OpenPhase } from '../shared/open-engine.ts';

/** Corpora below this many papers index in well under a second: no bar for them. */
export const PROGRESS_MIN_PAPERS = 20_000;

/** Where a bar is drawn: stderr, so piped output stays clean. */
export type BarStream = NodeJS.WritableStream & { isTTY?: boolean };

/**
 * One bar on the terminal, drawn with cli-progress in `format` (its tokens plus the payload's),
 * started at the first update and cleared by `stop`; nothing at all when the stream is not a
 * terminal. An update after `stop` starts it again (after a notice was printed, say).
 */
export function createTerminalBar(stream: BarStream, format: string) {
  let bar: SingleBar | undefined;
  return {
    update(done: number, total: number, payload: Record<string, unknown> = {}): void {
      if (!stream.isTTY) return;
      if (!bar) {
        bar = new SingleBar({ stream, format, hideCursor: true, clearOnComplete: true });
        bar.start(total, done, payload);
      }
      bar.setTotal(total);
      bar.update(done, payload);
    },
    stop(): void {
      bar?.stop();
      bar = undefined;
    },
  };
}

/** The bar while a large corpus indexes (see {@link PROGRESS_MIN_PAPERS}). */
export function createProgressBar(stream: BarStream) {
  const bar = createTerminalBar(
    stream,
    'indexing [{bar}] {percentage}% | {value}/{total} papers | {eta_formatted} left',
  );
  return {
    update(_phase: OpenPhase, done: number, total: number): void {
      if (total >= PROGRESS_MIN_PAPERS) bar.update(done, total);
    },
    stop: bar.stop,
  };
}
