/**
 * Loading a corpus: every file under a path, in any supported format, read into one list of
 * papers with duplicates merged, plus the entries that had to be skipped.
 */
import { basename } from 'node:path';
import { ShammieError } from '../errors.ts';
import type { LoadedCorpus, LoadProblem } from '../types.ts';
import { parseBibtex } from './bibtex-format.ts';
import {
  type CorpusFormat,
  type CorpusIO,
  decodeText,
  listCorpusFiles,
  NODE_CORPUS_IO,
  reason,
  sniffFormat,
} from './corpus-files.ts';
import { parseJsonDocument, parseJsonLines } from './json-format.ts';
import { mergePapers } from './merge-papers.ts';
import type { PaperRecord } from './paper-record.ts';
import type { FileOrigin, ParsedEntries } from './parsed-entries.ts';
import { parseSeedText } from './seed-text-format.ts';

/** Options of {@link loadCorpus}: injected file access, and a size limit. */
export interface LoadCorpusOptions extends Partial<CorpusIO> {
  /** Files larger than this many bytes are reported and skipped; default {@link MAX_FILE_BYTES}. */
  maxFileBytes?: number;
}

/**
 * Largest corpus file read: 256 MiB, about 200,000 abstracts of JSON Lines. Larger files are
 * reported rather than read, so no single file can take the process's memory.
 */
export const MAX_FILE_BYTES = 256 * 1024 * 1024;

/**
 * The papers of the corpus at `path` (a file, or a directory read recursively in name order)
 * and the problems met: entries skipped with their file and line, files of unknown type.
 * Throws a ShammieError BAD_CORPUS when the path cannot be read, EMPTY_CORPUS when it holds no
 * paper at all.
 */
export async function loadCorpus(
  path: string,
  options: LoadCorpusOptions = {},
): Promise<LoadedCorpus> {
  const io: CorpusIO = {
    readFile: options.readFile ?? NODE_CORPUS_IO.readFile,
    readdir: options.readdir ?? NODE_CORPUS_IO.readdir,
    stat: options.stat ?? NODE_CORPUS_IO.stat,
  };
  const maxFileBytes = options.maxFileBytes ?? MAX_FILE_BYTES;
  const listing = await listCorpusFiles(path, io);
  const problems: LoadProblem[] = [...listing.problems];
  const records: PaperRecord[] = [];
  for (const file of listing.files) {
    const parsed = await loadFile(file.path, file.format, io, maxFileBytes);
    for (const record of parsed.records) records.push(record);
    for (const problem of parsed.problems) problems.push(problem);
  }
  const merged = mergePapers(records);
  problems.push(...merged.problems);
  if (merged.papers.length === 0) {
    throw new ShammieError(
      'EMPTY_CORPUS',
      emptyMessage(path, listing.isDirectory, listing.files.length, problems),
    );
  }
  return { papers: merged.papers, problems };
}

async function loadFile(
  path: string,
  format: CorpusFormat | undefined,
  io: CorpusIO,
  maxFileBytes: number,
): Promise<ParsedEntries> {
  const skipped = (message: string): ParsedEntries => ({
    records: [],
    problems: [{ file: path, message }],
  });
  let content: Uint8Array | string;
  try {
    const info = await io.stat(path);
    if (info.size > maxFileBytes) {
      return skipped(
        `file too large (${megabytes(info.size)} MB, the limit is ${megabytes(maxFileBytes)} MB): skipped`,
      );
    }
    content = await io.readFile(path);
  } catch (error) {
    return skipped(`cannot read: ${reason(error)}`);
  }
  const text = decodeText(content);
  if (text === undefined) return skipped('binary file, not text: skipped');
  if (text.trim().length === 0) return skipped('empty file');
  const chosen = format ?? sniffFormat(text);
  if (!chosen)
    return skipped(
      'not a recognised corpus format (seed text, BibTeX, JSON or JSON Lines): skipped',
    );
  return parseText(text, chosen, { file: path, collection: collectionName(path) });
}

/** Parses the text of one file in the given format. */
export function parseText(text: string, format: CorpusFormat, origin: FileOrigin): ParsedEntries {
  switch (format) {
    case 'seed-text':
      return parseSeedText(text, origin);
    case 'json':
      return parseJsonDocument(text, origin);
    case 'json-lines':
      return parseJsonLines(text, origin);
    case 'bibtex':
      return parseBibtex(text, origin);
  }
}

/** A file's default collection name: its name without the extension. */
function collectionName(path: string): string {
  const name = basename(path);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

function megabytes(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0);
}

function emptyMessage(
  path: string,
  isDirectory: boolean,
  fileCount: number,
  problems: LoadProblem[],
): string {
  if (isDirectory && fileCount === 0 && problems.length === 0) {
    return `No papers in ${path}: the folder holds no corpus files (.txt, .bib, .json, .jsonl)`;
  }
  const first = problems[0];
  if (!first) return `No papers in ${path}`;
  const where = first.line === undefined ? first.file : `${first.file}:${first.line}`;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more problems)` : '';
  return `No papers in ${path}: ${where}: ${first.message}${more}`;
}
