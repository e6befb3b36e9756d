import type { LoadProblem } from '../types.ts';
import type { PaperRecord } from './paper-record.ts';

/** What a format parser makes of one file: the entries it could read and the ones it skipped. */
export interface ParsedEntries {
  records: PaperRecord[];
  problems: LoadProblem[];
}

/** Where a file's entries come from: its path and the collection they belong to by default. */
export interface FileOrigin {
  file: string;
  collection?: string;
}

/**
 * Where a streaming parser puts what it reads, entry by entry: the loader counts records for
 * its progress reports and caps the problems one hostile file can add.
 */
export interface EntrySink {
  record(record: PaperRecord): void;
  problem(problem: LoadProblem): void;
}

/** A parser of a line-based format, fed one line at a time and then told the file has ended. */
export interface LineReader {
  /**
   * One line without its line ending, and its 1-based number; false when the line was
   * reported as a problem (so notes about how it was decoded can be left out).
   */
  line(text: string, number: number): boolean;
  end(): void;
}

/** A sink that collects everything into a {@link ParsedEntries}. */
export function collectingSink(): EntrySink & ParsedEntries {
  const records: PaperRecord[] = [];
  const problems: LoadProblem[] = [];
  return {
    records,
    problems,
    record: (record) => {
      records.push(record);
    },
    problem: (problem) => {
      problems.push(problem);
    },
  };
}

/** Entries of a line-based text held in memory (files are streamed instead). */
export function parseLines(
  text: string,
  origin: FileOrigin,
  createReader: (origin: FileOrigin, sink: EntrySink) => LineReader,
): ParsedEntries {
  const sink = collectingSink();
  readLinesOf(text, createReader(origin, sink));
  return { records: sink.records, problems: sink.problems };
}

/** Feeds a whole text to a line reader, cutting at `\n` (a `\r` before it is dropped). */
export function readLinesOf(text: string, reader: LineReader): void {
  let start = 0;
  let number = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    number += 1;
    const stop = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    // The empty piece after a final newline is not a line of its own.
    if (end < text.length || stop > start) reader.line(text.slice(start, stop), number);
    start = end + 1;
  }
  reader.end();
}
