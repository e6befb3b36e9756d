/**
 * Finding and reading the files of a corpus: a path is a file or a directory walked recursively
 * in a fixed order. File access is injected so tests (and other hosts) can supply their own.
 */
import { createReadStream } from 'node:fs';
import * as fs from 'node:fs/promises';
import { join } from 'node:path';
import { ShammieError } from '../errors.ts';
import type { LoadProblem } from '../types.ts';

/** The file-system calls the loader makes; node:fs by default. */
export interface CorpusIO {
  /** A whole file at once (used when no stream opener is given). */
  readFile(path: string): Promise<Uint8Array | string>;
  /**
   * A file's bytes as a stream of chunks, so files larger than memory can be read line by
   * line. Errors (a missing file, no permission) may surface when the first chunk is awaited.
   */
  createReadStream(path: string): AsyncIterable<Uint8Array | string>;
  readdir(path: string): Promise<string[]>;
  stat(path: string): Promise<{ isFile(): boolean; isDirectory(): boolean; size: number }>;
}

/** Bytes the real file system hands over per read: few reads, and little held at once. */
const STREAM_CHUNK_BYTES = 1024 * 1024;

/** The real file system. */
export const NODE_CORPUS_IO: CorpusIO = {
  readFile: (path) => fs.readFile(path),
  createReadStream: (path) => createReadStream(path, { highWaterMark: STREAM_CHUNK_BYTES }),
  readdir: (path) => fs.readdir(path),
  stat: (path) => fs.stat(path),
};

/** A stream opener over `readFile`: the whole file as one chunk (for injected file systems). */
export function streamFromReadFile(readFile: CorpusIO['readFile']): CorpusIO['createReadStream'] {
  return (path) => ({
    async *[Symbol.asyncIterator]() {
      yield await readFile(path);
    },
  });
}

/** File name extensions of the corpus formats, lower-case, with the format each one holds. */
export const CORPUS_EXTENSIONS: Readonly<Record<string, CorpusFormat>> = {
  '.txt': 'seed-text',
  '.bib': 'bibtex',
  '.bibtex': 'bibtex',
  '.json': 'json',
  '.jsonl': 'json-lines',
  '.ndjson': 'json-lines',
};

/**
 * The extensions a corpus folder is read by, for messages (".txt, .bib, …"): taken from
 * {@link CORPUS_EXTENSIONS} so that a new reader is named wherever the formats are listed.
 */
export function corpusExtensionList(): string {
  return Object.keys(CORPUS_EXTENSIONS).join(', ');
}

/** The formats a corpus file can be in. */
export type CorpusFormat = 'seed-text' | 'bibtex' | 'json' | 'json-lines';

/** How deep a directory walk goes; deeper folders (or symlink loops) are reported, not walked. */
const MAX_DIRECTORY_DEPTH = 16;

/** One file of a corpus: where it is, the format its extension names, its size in bytes. */
export interface CorpusFile {
  path: string;
  format: CorpusFormat | undefined;
  size: number;
}

/** The files of a corpus in load order, and what was skipped while finding them. */
export interface CorpusFiles {
  files: CorpusFile[];
  problems: LoadProblem[];
  isDirectory: boolean;
}

/**
 * The files to load under `root`. A file given directly is always loaded (its format guessed
 * from its content when the extension says nothing); in a directory, hidden entries are passed
 * over silently and files of other types are reported. Throws BAD_CORPUS when `root` cannot be
 * read at all.
 */
export async function listCorpusFiles(root: string, io: CorpusIO): Promise<CorpusFiles> {
  let info: Awaited<ReturnType<CorpusIO['stat']>>;
  try {
    info = await io.stat(root);
  } catch (error) {
    throw new ShammieError('BAD_CORPUS', `Cannot read the corpus at ${root}: ${reason(error)}`);
  }
  if (info.isFile()) {
    return {
      files: [{ path: root, format: formatOf(root), size: info.size }],
      problems: [],
      isDirectory: false,
    };
  }
  if (!info.isDirectory()) {
    throw new ShammieError('BAD_CORPUS', `The corpus at ${root} is neither a file nor a directory`);
  }
  const found: CorpusFiles = { files: [], problems: [], isDirectory: true };
  await walk(root, 0, io, found);
  return found;
}

async function walk(directory: string, depth: number, io: CorpusIO, found: CorpusFiles) {
  let names: string[];
  try {
    names = await io.readdir(directory);
  } catch (error) {
    if (depth === 0) {
      throw new ShammieError(
        'BAD_CORPUS',
        `Cannot read the corpus at ${directory}: ${reason(error)}`,
      );
    }
    found.problems.push({ file: directory, message: `cannot read this folder: ${reason(error)}` });
    return;
  }
  // Code-unit order, not locale order: the same files load in the same order everywhere.
  const sorted = [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const name of sorted) {
    if (name.startsWith('.')) continue;
    const path = join(directory, name);
    let info: Awaited<ReturnType<CorpusIO['stat']>>;
    try {
      info = await io.stat(path);
    } catch (error) {
      found.problems.push({ file: path, message: `cannot read: ${reason(error)}` });
      continue;
    }
    if (info.isDirectory()) {
      if (depth + 1 >= MAX_DIRECTORY_DEPTH) {
        found.problems.push({ file: path, message: 'folder nested too deeply: skipped' });
      } else {
        await walk(path, depth + 1, io, found);
      }
    } else if (info.isFile()) {
      const format = formatOf(path);
      if (format) found.files.push({ path, format, size: info.size });
      else {
        found.problems.push({
          file: path,
          message: `not a corpus file (use ${corpusExtensionList()}): skipped`,
        });
      }
    }
  }
}

/** The format a file's extension names, if any. */
export function formatOf(path: string): CorpusFormat | undefined {
  const dot = path.lastIndexOf('.');
  if (dot === -1 || dot < path.lastIndexOf('/')) return undefined;
  return CORPUS_EXTENSIONS[path.slice(dot).toLowerCase()];
}

/** The format a text's first characters suggest, for files whose extension says nothing. */
export function sniffFormat(text: string): CorpusFormat | undefined {
  const start = text.trimStart();
  if (start.startsWith('[')) return 'json';
  if (start.startsWith('{')) return 'json-lines';
  if (/^(?:%[^\n]*\n\s*)*@\s*[A-Za-z]+\s*[{(]/.test(start)) return 'bibtex';
  if (/^\s*abstract\s*:/im.test(text.slice(0, 100_000))) return 'seed-text';
  return undefined;
}

/** A short human reason for a file-system error ("no such file or directory"). */
export function reason(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  if (typeof code === 'string') return code;
  return error instanceof Error ? error.message : String(error);
}
