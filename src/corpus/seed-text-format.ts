/**
 * The seed's plain-text format: one paper per line starting `Abstract:`, any other non-empty line
 * names the collection the following papers belong to. There are no titles; a label is derived
 * when the papers are merged.
 */
import type { LoadProblem } from '../types.ts';
import { buildRecord } from './paper-record.ts';
import type { FileOrigin, ParsedEntries } from './parsed-entries.ts';

const ABSTRACT_LINE = /^\s*abstract\s*:/i;

/** Entries of a seed-format text; an `Abstract:` line with nothing after it is reported. */
export function parseSeedText(text: string, origin: FileOrigin): ParsedEntries {
  const records: ParsedEntries['records'] = [];
  const problems: LoadProblem[] = [];
  let collection = origin.collection;
  let sawAbstract = false;
  const lines = text.split('\n');
  lines.forEach((raw, index) => {
    const line = index + 1;
    const match = ABSTRACT_LINE.exec(raw);
    if (!match) {
      const name = raw.trim();
      if (name.length > 0) collection = name;
      return;
    }
    sawAbstract = true;
    const abstract = raw.slice(match[0].length);
    const recordOrigin =
      collection === undefined ? { ...origin, line } : { ...origin, line, collection };
    const record = buildRecord({ abstract }, recordOrigin);
    if (typeof record === 'string') {
      problems.push({ file: origin.file, line, message: 'empty Abstract: line' });
    } else {
      records.push(record);
    }
  });
  if (!sawAbstract) {
    problems.push({
      file: origin.file,
      message: 'no "Abstract:" lines: a .txt corpus has one paper per line starting "Abstract:"',
    });
  }
  return { records, problems };
}
