/**
 * Reading one corpus file into entries. Line formats (JSON Lines, seed text) are streamed line by
 * line, so their size is unbounded and memory stays flat; whole-document formats (a JSON array,
 * BibTeX) are read into one string under a size limit. Whatever the file holds — binary junk,
 * another encoding, a 50 MB line, a truncated end — the problem is reported and the rest loads.
 */
import { Buffer } from 'node:buffer';
import type { LoadProblem } from '../types.ts';
import { parseBibtex } from './bibtex-format.ts';
import {
  type CorpusFile,
  type CorpusFormat,
  type CorpusIO,
  reason,
  sniffFormat,
} from './corpus-files.ts';
import { createJsonLinesReader, parseJsonDocument } from './json-format.ts';
import { createLineSplitter } from './line-splitter.ts';
import type { EntrySink, FileOrigin, LineReader } from './parsed-entries.ts';
import { createSeedTextReader } from './seed-text-format.ts';
import {
  count,
  type DecodeFallback,
  decodeDocument,
  fallbackMessage,
  type SniffedEncoding,
  sniffEncoding,
} from './text-encoding.ts';

/** Size limits of one load. */
export interface ReadLimits {
  /** Longest line of a line format, in bytes; longer lines are reported and skipped. */
  maxLineBytes: number;
  /** Largest whole-document file (JSON array, BibTeX), in bytes. */
  maxDocumentBytes: number;
}

/** What reading a file needs besides the file: the stream opener, limits and where entries go. */
export interface FileReadContext {
  createReadStream: CorpusIO['createReadStream'];
  limits: ReadLimits;
  sink: EntrySink;
  /** Called with the size of each chunk read, for progress reports. */
  onBytes(bytes: number): void;
}

/**
 * Problems reported for one file, at most; beyond that one line says how many more there were.
 * A hostile file of a million bad lines would otherwise cost more memory than its papers.
 */
export const MAX_PROBLEMS_PER_FILE = 1000;
/** Bytes read before deciding a file's encoding and (when its extension says nothing) format. */
const HEAD_BYTES = 64 * 1024;

/** Reads the file into `context.sink`; never throws for anything the file holds or lacks. */
export async function readCorpusFile(file: CorpusFile, context: FileReadContext): Promise<void> {
  const problems = cappedProblems(file.path, context.sink);
  const sink: EntrySink = { record: context.sink.record, problem: problems.add };
  try {
    await readInto(file, context, sink);
  } finally {
    problems.finish();
  }
}

async function readInto(file: CorpusFile, context: FileReadContext, sink: EntrySink) {
  const skip = (message: string) => sink.problem({ file: file.path, message });
  let chunks: AsyncIterator<Uint8Array | string>;
  let head: Head;
  try {
    chunks = context.createReadStream(file.path)[Symbol.asyncIterator]();
    head = await readHead(chunks, context.onBytes);
  } catch (error) {
    skip(`cannot read: ${reason(error)}`);
    return;
  }
  const stop = () => closeQuietly(chunks);
  if (head.bytes.length === 0) return skip('empty file');
  let sniffed = sniffEncoding(head.bytes);
  if (sniffed.kind === 'binary') {
    // Control bytes in a few junk lines can outnumber the text of a short file; a file with a
    // line that is a whole JSON object is JSON Lines, and its junk lines are reported one by
    // one like any other bad line.
    if (!holdsJsonObjectLine(head.bytes)) {
      await stop();
      return skip('binary file, not text: skipped');
    }
    sniffed = { kind: 'text', encoding: 'utf-8', bomLength: 0 };
  }
  const preview = previewText(head.bytes, sniffed);
  if (head.done && preview.trim().length === 0) return skip('empty file');
  const format = chooseFormat(file.format, preview);
  if (!format) {
    await stop();
    return skip('not a recognised corpus format (seed text, BibTeX, JSON or JSON Lines): skipped');
  }
  const origin: FileOrigin = { file: file.path, collection: collectionName(file.path) };
  const source: Source = { head, rest: chunks, encoding: sniffed, onBytes: context.onBytes };
  if (format === 'json-lines' || format === 'seed-text') {
    const reader =
      format === 'json-lines'
        ? createJsonLinesReader(origin, sink)
        : createSeedTextReader(origin, sink);
    await streamLines(source, reader, file.path, context.limits.maxLineBytes, sink);
    return;
  }
  const text = await readDocument(source, file, context.limits.maxDocumentBytes, skip);
  if (text === undefined) return;
  const parsed = format === 'json' ? parseJsonDocument(text, origin) : parseBibtex(text, origin);
  for (const record of parsed.records) sink.record(record);
  for (const problem of parsed.problems) sink.problem(problem);
}

interface Head {
  bytes: Buffer;
  done: boolean;
  /** A read error met after the first bytes: those are still read, then the error reported. */
  error?: unknown;
}

interface Source {
  head: Head;
  rest: AsyncIterator<Uint8Array | string>;
  encoding: Extract<SniffedEncoding, { kind: 'text' }>;
  onBytes(bytes: number): void;
}

/** The first chunks of a stream, at least {@link HEAD_BYTES} of them unless the file is shorter. */
async function readHead(
  chunks: AsyncIterator<Uint8Array | string>,
  onBytes: (bytes: number) => void,
): Promise<Head> {
  const parts: Buffer[] = [];
  let length = 0;
  while (length < HEAD_BYTES) {
    let next: IteratorResult<Uint8Array | string>;
    try {
      next = await chunks.next();
    } catch (error) {
      if (length === 0) throw error;
      return { bytes: Buffer.concat(parts), done: true, error };
    }
    if (next.done) return { bytes: Buffer.concat(parts), done: true };
    const bytes = toBuffer(next.value);
    onBytes(bytes.length);
    parts.push(bytes);
    length += bytes.length;
  }
  return { bytes: parts.length === 1 ? parts[0]! : Buffer.concat(parts), done: false };
}

/** The chunks after the head, as UTF-8 bytes whatever the file's encoding (BOM dropped). */
async function* utf8Chunks(source: Source): AsyncGenerator<Buffer> {
  const { encoding, bomLength } = source.encoding;
  if (encoding === 'utf-8') {
    yield source.head.bytes.subarray(bomLength);
    if (source.head.error !== undefined) throw source.head.error;
    if (source.head.done) return;
    for (let next = await source.rest.next(); !next.done; next = await source.rest.next()) {
      const bytes = toBuffer(next.value);
      source.onBytes(bytes.length);
      yield bytes;
    }
    return;
  }
  // UTF-16 is rare: it is turned into UTF-8 so one line splitter serves every file.
  const decoder = new TextDecoder(encoding);
  yield Buffer.from(decoder.decode(source.head.bytes, { stream: true }), 'utf8');
  if (source.head.error !== undefined) throw source.head.error;
  if (!source.head.done) {
    for (let next = await source.rest.next(); !next.done; next = await source.rest.next()) {
      const bytes = toBuffer(next.value);
      source.onBytes(bytes.length);
      yield Buffer.from(decoder.decode(bytes, { stream: true }), 'utf8');
    }
  }
  yield Buffer.from(decoder.decode(), 'utf8');
}

async function streamLines(
  source: Source,
  reader: LineReader,
  path: string,
  maxLineBytes: number,
  sink: EntrySink,
): Promise<void> {
  let sawText = false;
  // Lines read through an encoding fallback, noted once per file rather than once per line.
  const fallbacks = new Map<DecodeFallback, { lines: number; firstLine: number }>();
  const splitter = createLineSplitter(
    {
      line(text, number, fallback) {
        if (!sawText && text.trim().length > 0) sawText = true;
        const read = reader.line(text, number);
        if (fallback && read) {
          const seen = fallbacks.get(fallback);
          if (seen) seen.lines += 1;
          else fallbacks.set(fallback, { lines: 1, firstLine: number });
        }
      },
      tooLong(number, bytes) {
        sawText = true;
        sink.problem({
          file: path,
          line: number,
          message: `line too long (${size(bytes)}; the limit is ${size(maxLineBytes)}): skipped`,
        });
      },
    },
    maxLineBytes,
  );
  const chunks = utf8Chunks(source);
  try {
    for (;;) {
      let next: IteratorResult<Buffer>;
      try {
        next = await chunks.next();
      } catch (error) {
        // What was read stays loaded; a half-read last line is not guessed at.
        sink.problem({
          file: path,
          message: `cannot read to the end (${reason(error)}): the entries before were kept`,
        });
        reader.end();
        return;
      }
      if (next.done) break;
      // Outside the try above: an error here is a bug (or a progress callback's), not the file's.
      splitter.push(next.value);
    }
  } finally {
    await closeQuietly(source.rest);
  }
  splitter.end();
  if (!sawText) {
    sink.problem({ file: path, message: 'empty file' });
    return;
  }
  reader.end();
  for (const [fallback, { lines, firstLine }] of fallbacks) {
    sink.problem({ file: path, line: firstLine, message: fallbackMessage(fallback, lines) });
  }
}

/** The whole text of a document file, or undefined (and a problem reported) when it cannot be. */
async function readDocument(
  source: Source,
  file: CorpusFile,
  maxBytes: number,
  skip: (message: string) => void,
): Promise<string | undefined> {
  const tooLarge = (bytes: number) =>
    skip(
      `file too large for a ${file.format === 'bibtex' ? 'BibTeX file' : 'JSON document'} ` +
        `(${size(bytes)}; the limit is ${size(maxBytes)}): split it, or use JSON Lines, ` +
        'which has no size limit',
    );
  if (file.size > maxBytes) {
    await closeQuietly(source.rest);
    tooLarge(file.size);
    return undefined;
  }
  if (source.head.error !== undefined) {
    skip(`cannot read: ${reason(source.head.error)}`);
    return undefined;
  }
  const parts: Buffer[] = [source.head.bytes];
  let length = source.head.bytes.length;
  try {
    if (!source.head.done) {
      for (let next = await source.rest.next(); !next.done; next = await source.rest.next()) {
        const bytes = toBuffer(next.value);
        source.onBytes(bytes.length);
        length += bytes.length;
        // The size from stat may be stale (a file still being written): the bytes decide.
        if (length > maxBytes) {
          await closeQuietly(source.rest);
          tooLarge(length);
          return undefined;
        }
        parts.push(bytes);
      }
    }
  } catch (error) {
    skip(`cannot read: ${reason(error)}`);
    return undefined;
  }
  let decoded: ReturnType<typeof decodeDocument>;
  try {
    decoded = decodeDocument(Buffer.concat(parts, length));
  } catch {
    // Beyond V8's longest string (about 512 MB of ASCII, less for other text).
    tooLarge(length);
    return undefined;
  }
  if (!decoded) {
    skip('binary file, not text: skipped');
    return undefined;
  }
  if (decoded.text.trim().length === 0) {
    skip('empty file');
    return undefined;
  }
  if (decoded.fallback) skip(fallbackMessage(decoded.fallback));
  return decoded.text;
}

/** The start of the text, decoded leniently, to guess the format from. */
function previewText(bytes: Buffer, sniffed: Extract<SniffedEncoding, { kind: 'text' }>): string {
  const end = Math.min(bytes.length, HEAD_BYTES);
  if (sniffed.encoding === 'utf-8') return bytes.toString('utf8', sniffed.bomLength, end);
  return new TextDecoder(sniffed.encoding).decode(bytes.subarray(0, end));
}

/**
 * The format to read a file in: the one its extension names, else the one its start suggests.
 * A `.json` file that is JSON Lines (an object on its first line, another on the next) is
 * streamed as JSON Lines rather than read whole.
 */
function chooseFormat(named: CorpusFormat | undefined, preview: string): CorpusFormat | undefined {
  if (named === undefined) return sniffFormat(preview);
  if (named === 'json' && looksLikeJsonLines(preview)) return 'json-lines';
  return named;
}

/** Whether a line of the bytes is a whole JSON object (a line of a JSON Lines file). */
function holdsJsonObjectLine(bytes: Buffer): boolean {
  // A line cut off by the end of the head is not valid JSON, so it cannot mislead.
  return bytes
    .toString('utf8', 0, Math.min(bytes.length, HEAD_BYTES))
    .split('\n')
    .some(isJsonObject);
}

function isJsonObject(text: string): boolean {
  if (!text.trimStart().startsWith('{')) return false;
  try {
    const value = JSON.parse(text) as unknown;
    return value !== null && typeof value === 'object' && !Array.isArray(value);
  } catch {
    return false;
  }
}

function looksLikeJsonLines(preview: string): boolean {
  const lines = preview.trimStart().split('\n', 3);
  return lines.length >= 2 && lines[1]!.trimStart().startsWith('{') && isJsonObject(lines[0]!);
}

/** A file's default collection name: its name without the extension. */
function collectionName(path: string): string {
  const name = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

function toBuffer(chunk: Uint8Array | string): Buffer {
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
}

async function closeQuietly(chunks: AsyncIterator<unknown>): Promise<void> {
  try {
    await chunks.return?.();
  } catch {
    // Closing is best effort: the file was being abandoned anyway.
  }
}

/** A size for people: "812 KB", "1 MB", "2.5 MB", "50 MB". */
function size(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  const megabytes = bytes / (1024 * 1024);
  return `${megabytes < 10 ? Number(megabytes.toFixed(1)) : Math.round(megabytes)} MB`;
}

/** Caps the problems of one file at {@link MAX_PROBLEMS_PER_FILE}; `finish` notes the rest. */
function cappedProblems(file: string, sink: EntrySink) {
  let reported = 0;
  return {
    add(problem: LoadProblem) {
      reported += 1;
      if (reported <= MAX_PROBLEMS_PER_FILE) sink.problem(problem);
    },
    finish() {
      const more = reported - MAX_PROBLEMS_PER_FILE;
      if (more > 0) {
        sink.problem({ file, message: `${count(more, 'more problem')} in this file not listed` });
      }
    },
  };
}
