import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PollTimer } from '../../../adapters/app/corpus-watcher.ts';

/** One JSON Lines entry of a paper, with the fields the engine needs. */
export function paperLine(id: string, title: string, abstract: string): string {
  return JSON.stringify({ id, title, abstract, authors: ['Ada Lovelace'], year: 2024 });
}

/** The starting corpus of the reload tests: two papers on unrelated topics. */
export const FIRST_PAPERS = [
  paperLine('long', 'Long context models', 'We study long context language models.'),
  paperLine('captions', 'Image captions', 'We caption images with alt-text.'),
];

/** A paper that only a reloaded corpus has. */
export const NEW_PAPER = paperLine(
  'folding',
  'Protein folding at scale',
  'We fold proteins with attention over residues.',
);

/** A corpus directory with one file of papers; writes replace that file. */
export function corpusDir(root: string) {
  const dir = join(root, 'corpus');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'papers.jsonl');
  const write = (lines: readonly string[], name = file) =>
    writeFileSync(name, `${lines.join('\n')}\n`);
  write(FIRST_PAPERS);
  return {
    dir,
    file,
    write: (lines: readonly string[]) => write(lines),
    /** Writes raw text (broken content). */
    writeRaw: (text: string) => writeFileSync(file, text),
    /** Writes a second file next to the first. */
    add: (name: string, lines: readonly string[]) => write(lines, join(dir, name)),
    /** Replaces the file atomically, as a careful deploy does (a hidden temp, then rename). */
    replace: (lines: readonly string[]) => {
      const temp = join(dir, '.papers.jsonl.tmp');
      write(lines, temp);
      renameSync(temp, file);
    },
  };
}

/** A timer that never fires on its own: `fire()` runs what the watcher scheduled. */
export function manualTimer() {
  let callback: (() => void) | undefined;
  const timer: PollTimer & { fire(): void; readonly active: boolean; intervalMs?: number } = {
    setInterval(run, ms) {
      callback = run;
      timer.intervalMs = ms;
      return 1;
    },
    clearInterval() {
      callback = undefined;
    },
    fire() {
      callback?.();
    },
    get active() {
      return callback !== undefined;
    },
  };
  return timer;
}
