/**
 * The seed's plain-text format: one paper per line starting `Abstract:`, any other non-empty line
 * names the collection the following papers belong to. There are no titles; a label is derived
 * when the papers are merged.
 */
import { buildRecord, type RecordOrigin } from './paper-record.ts';
import type { EntrySink, FileOrigin, LineReader, ParsedEntries } from './parsed-entries.ts';
import { parseLines } from './parsed-entries.ts';

const ABSTRACT_LINE = /^\s*abstract\s*:/i;

/**
 * A reader of seed text, fed line by line (see {@link LineReader}). An `Abstract:` line with
 * nothing after it is reported, and so is a file with no `Abstract:` line at all.
 */
export function createSeedTextReader(origin: FileOrigin, sink: EntrySink): LineReader {
  let collection = origin.collection;
  let sawAbstract = false;
  return {
    line(text, line) {
      const match = ABSTRACT_LINE.exec(text);
      if (!match) {
        const name = text.trim();
        if (name.length > 0) collection = name;
        return true;
      }
      sawAbstract = true;
      const recordOrigin: RecordOrigin = { file: origin.file, line };
      if (collection !== undefined) recordOrigin.collection = collection;
      const record = buildRecord({ abstract: text.slice(match[0].length) }, recordOrigin);
      if (typeof record === 'string') {
        sink.problem({ file: origin.file, line, message: 'empty Abstract: line' });
        return false;
      }
      sink.record(record);
      return true;
    },
    end() {
      if (sawAbstract) return;
      sink.problem({
        file: origin.file,
        message: 'no "Abstract:" lines: a .txt corpus has one paper per line starting "Abstract:"',
      });
    },
  };
}

/** Entries of a seed-format text held in memory (files are streamed instead). */
export function parseSeedText(text: string, origin: FileOrigin): ParsedEntries {
  return parseLines(text, origin, createSeedTextReader);
}
