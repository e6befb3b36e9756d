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
