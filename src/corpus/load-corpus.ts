/**
 * Loading a corpus: every file under a path, in any supported format, read into one list of
 * papers with duplicates merged, plus the entries that had to be skipped.
 */
import { ShammieError } from '../errors.ts';
import type { LoadedCorpus, LoadProblem } from '../types.ts';
import { parseBibtex } from './bibtex-format.ts';
import {
  type CorpusFormat,
  type CorpusIO,
  corpusExtensionList,
  listCorpusFiles,
  NODE_CORPUS_IO,
  streamFromReadFile,
} from './corpus-files.ts';
import { parseJsonDocument, parseJsonLines } from './json-format.ts';
import { mergePapers } from './merge-papers.ts';
import type { PaperRecord } from './paper-record.ts';
import type { FileOrigin, ParsedEntries } from './parsed-entries.ts';
import { readCorpusFile } from './read-corpus-file.ts';
import { parseSeedText } from './seed-text-format.ts';

/** How far a load has come, for a progress bar. */
export interface LoadProgress {
  /** Files begun so far (the one being read included). */
  files: number;
  totalFiles: number;
  /** Entries read so far, before duplicates are merged. */
  papers: number;
  /** Bytes read so far. */
  bytes: number;
  /** Bytes of all the corpus files together, as listed when the load began. */
  totalBytes: number;
}

/** Options of {@link loadCorpus}: injected file access, size limits and a progress callback. */
export interface LoadCorpusOptions extends Partial<CorpusIO> {
  /**
   * Largest whole-document file (a JSON array, BibTeX), in bytes; larger ones are reported and
   * skipped. Default {@link MAX_DOCUMENT_BYTES}. Line formats have no total limit.
   */
  maxDocumentBytes?: number;
  /**
   * Longest line of JSON Lines or seed text, in bytes; longer lines are reported and skipped.
   * Default {@link MAX_LINE_BYTES}.
   */
  maxLineBytes?: number;
  /** Called every {@link PROGRESS_EVERY} entries and after each file. */
  onProgress?: (progress: LoadProgress) => void;
}

/**
 * Largest JSON array or BibTeX file read: 500 MiB, under V8's longest string (2^29 − 24
 * characters), since such a file is parsed as one text. JSON Lines and seed text are streamed
 * line by line and may be of any size.
 */
export const MAX_DOCUMENT_BYTES = 500 * 1024 * 1024;

/**
 * Longest line of a line format: 1 MiB, a hundred times a long abstract. A longer line is no
 * paper (a dump, binary junk): it is skipped unread and reported with its line number.
 */
export const MAX_LINE_BYTES = 1024 * 1024;

/** Entries read between two progress reports. */
export const PROGRESS_EVERY = 5000;

/**
 * The papers of the corpus at `path` (a file, or a directory read recursively in name order)
 * and the problems met: entries skipped with their file and line, files of unknown type or
 * unreadable, text that was not UTF-8. Throws a ShammieError BAD_CORPUS when the path cannot be
 * read, EMPTY_CORPUS when it holds no paper at all. File access defaults to node:fs; when only
 * `readFile` is injected, files are read whole through it.
 */
export async function loadCorpus(
  path: string,
  options: LoadCorpusOptions = {},
): Promise<LoadedCorpus> {
  const io: CorpusIO = {
    readFile: options.readFile ?? NODE_CORPUS_IO.readFile,
    createReadStream:
      options.createReadStream ??
      (options.readFile ? streamFromReadFile(options.readFile) : NODE_CORPUS_IO.createReadStream),
    readdir: options.readdir ?? NODE_CORPUS_IO.readdir,
    stat: options.stat ?? NODE_CORPUS_IO.stat,
  };
  const limits = {
    maxDocumentBytes: options.maxDocumentBytes ?? MAX_DOCUMENT_BYTES,
    maxLineBytes: options.maxLineBytes ?? MAX_LINE_BYTES,
  };
  const listing = await listCorpusFiles(path, io);
  const problems: LoadProblem[] = [...listing.problems];
  const records: PaperRecord[] = [];
  const progress: LoadProgress = {
    files: 0,
    totalFiles: listing.files.length,
    papers: 0,
    bytes: 0,
    totalBytes: listing.files.reduce((sum, file) => sum + file.size, 0),
  };
  const report = options.onProgress;
  const sink = {
    record(record: PaperRecord) {
      records.push(record);
      progress.papers += 1;
      if (report && progress.papers % PROGRESS_EVERY === 0) report({ ...progress });
    },
    problem(problem: LoadProblem) {
      problems.push(problem);
    },
  };
  for (const file of listing.files) {
    progress.files += 1;
    const bytesBefore = progress.bytes;
    await readCorpusFile(file, {
      createReadStream: io.createReadStream,
      limits,
      sink,
      onBytes: (bytes) => {
        progress.bytes += bytes;
      },
    });
    // A skipped file counts as read, so the bar still reaches its end.
    progress.bytes = Math.max(progress.bytes, bytesBefore + file.size);
    report?.({ ...progress });
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

/** Parses a text held in memory in the given format (files are read by {@link loadCorpus}). */
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

function emptyMessage(
  path: string,
  isDirectory: boolean,
  fileCount: number,
  problems: LoadProblem[],
): string {
  if (isDirectory && fileCount === 0 && problems.length === 0) {
    return `No papers in ${path}: the folder holds no corpus files (${corpusExtensionList()})`;
  }
  const first = problems[0];
  if (!first) return `No papers in ${path}`;
  const where = first.line === undefined ? first.file : `${first.file}:${first.line}`;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more problems)` : '';
  return `No papers in ${path}: ${where}: ${first.message}${more}`;
}
