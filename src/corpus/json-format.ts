/**
 * Papers as JSON: an array of objects (or an object holding one), or JSON Lines with one object
 * per line. Field names follow common exports: `abstract` or `text`, `authors` or `author`,
 * `venue`, `journal` or `booktitle`, `arxiv` or `eprint`, and so on.
 */
import type { LoadProblem } from '../types.ts';
import { buildRecord, type RecordFields, type RecordOrigin } from './paper-record.ts';
import {
  collectingSink,
  type EntrySink,
  type FileOrigin,
  type LineReader,
  type ParsedEntries,
  parseLines,
} from './parsed-entries.ts';

/** Properties of a wrapping object that may hold the array of papers. */
const ARRAY_HOLDERS = ['papers', 'items', 'records', 'documents', 'docs', 'entries', 'data'];
/** Longest excerpt of a bad line quoted back in a problem message. */
const EXCERPT_LENGTH = 60;

/**
 * A reader of JSON Lines, fed line by line (see {@link LineReader}). Blank lines are ignored; a
 * line that is not a JSON object, or has neither title nor abstract, is reported with its
 * 1-based line number and the rest loads.
 */
export function createJsonLinesReader(origin: FileOrigin, sink: EntrySink): LineReader {
  return {
    line(text, number) {
      const line = text.trim();
      if (line.length === 0) return true;
      const parsed = parseObject(line);
      if (typeof parsed !== 'string') return addRecord(parsed, origin, number, sink);
      sink.problem({ file: origin.file, line: number, message: parsed });
      return false;
    },
    end() {},
  };
}

/** Entries of a JSON Lines text held in memory (files are streamed instead). */
export function parseJsonLines(text: string, origin: FileOrigin): ParsedEntries {
  return parseLines(text, origin, createJsonLinesReader);
}

/**
 * Entries of a JSON document: an array of paper objects, an object holding such an array
 * (`{"papers": […]}`), or a single paper object. A JSON Lines text saved as `.json` is read as
 * JSON Lines. Bad items are reported with the line they start on. When the document is not
 * valid JSON (a truncated file, a missing comma), the syntax error is reported and the items of
 * a top-level array are read one by one, so every item that is whole still loads.
 */
export function parseJsonDocument(text: string, origin: FileOrigin): ParsedEntries {
  const sink = collectingSink();
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    if (text.trimStart().startsWith('{')) return parseJsonLines(text, origin);
    const problem: LoadProblem = { file: origin.file, message: jsonErrorMessage(error) };
    const position = errorPosition(error);
    if (position !== undefined) problem.line = lineAt(text, position);
    sink.problem(problem);
    if (text.trimStart().startsWith('[')) salvageItems(text, position, origin, sink);
    return { records: sink.records, problems: sink.problems };
  }
  const items = papersIn(value);
  if (!items) {
    return {
      records: [],
      problems: [{ file: origin.file, message: 'expected an array of paper objects' }],
    };
  }
  let spans: ItemSpan[] | undefined;
  // Line numbers cost a scan of the text, so they are found only once something is wrong.
  const lineOf = (index: number) => {
    spans ??= Array.isArray(value) ? arrayItemSpans(text) : [];
    return spans[index]?.line;
  };
  for (let index = 0; index < items.length; index += 1) {
    addItem(items[index], index, origin, sink, lineOf);
  }
  return { records: sink.records, problems: sink.problems };
}

/** The fields of one JSON paper object, under the names common exports use. */
export function jsonFields(item: Record<string, unknown>): RecordFields {
  return {
    id: item.id ?? item._id ?? item.paper_id ?? item.paperId,
    title: item.title,
    abstract: item.abstract ?? item.text ?? item.summary,
    authors: item.authors ?? item.author,
    year: item.year ?? item.date ?? item.published ?? item.issued,
    venue: item.venue ?? item.journal ?? item.booktitle ?? item.conference,
    url: item.url ?? item.URL ?? item.link,
    arxiv: item.arxiv ?? item.arxiv_id ?? item.arxivId ?? item.eprint,
    doi: item.doi ?? item.DOI,
    collection: item.collection,
    citationKey: item.citationKey ?? item['citation-key'],
    volume: item.volume,
    number: item.number ?? item.issue,
    pages: item.pages ?? item.page,
  };
}

function addRecord(
  item: Record<string, unknown>,
  origin: FileOrigin,
  line: number | undefined,
  sink: EntrySink,
): boolean {
  const recordOrigin: RecordOrigin = { file: origin.file, collection: origin.collection };
  if (line !== undefined) recordOrigin.line = line;
  const warn = (message: string) =>
    sink.problem(
      line === undefined ? { file: origin.file, message } : { file: origin.file, line, message },
    );
  const record = buildRecord(jsonFields(item), recordOrigin, warn);
  if (typeof record !== 'string') {
    sink.record(record);
    return true;
  }
  const problem: LoadProblem = { file: origin.file, message: record };
  if (line !== undefined) problem.line = line;
  sink.problem(problem);
  return false;
}

/** One item of an array: a paper object, or a problem naming the item and its line. */
function addItem(
  item: unknown,
  index: number,
  origin: FileOrigin,
  sink: EntrySink,
  lineOf: (index: number) => number | undefined,
): void {
  let message: string;
  if (isPlainObject(item)) {
    const warn = (text: string) => {
      const problem: LoadProblem = { file: origin.file, message: `item ${index + 1}: ${text}` };
      const line = lineOf(index);
      if (line !== undefined) problem.line = line;
      sink.problem(problem);
    };
    const record = buildRecord(
      jsonFields(item),
      { file: origin.file, collection: origin.collection },
      warn,
    );
    if (typeof record !== 'string') {
      sink.record(record);
      return;
    }
    message = `item ${index + 1}: ${record}`;
  } else {
    message = `item ${index + 1} is not an object`;
  }
  const problem: LoadProblem = { file: origin.file, message };
  const line = lineOf(index);
  if (line !== undefined) problem.line = line;
  sink.problem(problem);
}

/**
 * Reads the whole items of a top-level array that as a whole is not valid JSON. The item the
 * syntax error lies in was reported already; others that do not parse are reported here.
 */
function salvageItems(
  text: string,
  errorAt: number | undefined,
  origin: FileOrigin,
  sink: EntrySink,
): void {
  const spans = arrayItemSpans(text);
  const lineOf = (index: number) => spans[index]?.line;
  for (let index = 0; index < spans.length; index += 1) {
    const span = spans[index]!;
    let item: unknown;
    try {
      item = JSON.parse(text.slice(span.start, span.end));
    } catch (error) {
      const holdsError = errorAt !== undefined && errorAt >= span.start && errorAt <= span.end;
      if (!holdsError) {
        sink.problem({
          file: origin.file,
          line: span.line,
          message: `item ${index + 1}: ${jsonErrorMessage(error)}`,
        });
      }
      continue;
    }
    addItem(item, index, origin, sink, lineOf);
  }
}

function parseObject(line: string): Record<string, unknown> | string {
  if (line[0] !== '{') return `not a JSON object: ${excerpt(line)}`;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return `not valid JSON: ${excerpt(line)}`;
  }
  return isPlainObject(value) ? value : `not a JSON object: ${excerpt(line)}`;
}

function papersIn(value: unknown): unknown[] | undefined {
  if (Array.isArray(value)) return value;
  if (!isPlainObject(value)) return undefined;
  for (const key of ARRAY_HOLDERS) {
    const held = value[key];
    if (Array.isArray(held)) return held;
  }
  return 'title' in value || 'abstract' in value || 'text' in value ? [value] : undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A short, printable quote of a bad line (binary junk shown as `?`). */
function excerpt(line: string): string {
  // Cut first: the line may be a megabyte long.
  const cut = line.length > EXCERPT_LENGTH ? `${line.slice(0, EXCERPT_LENGTH)}…` : line;
  return cut.replace(/[\p{Cc}\ufffd]/gu, '?');
}

function jsonErrorMessage(error: unknown): string {
  const reason = error instanceof Error ? error.message.split('\n')[0]! : 'unreadable';
  return `not valid JSON (${excerpt(reason)})`;
}

/** The offset of a JSON.parse error, from the "position N" V8 puts in its message. */
function errorPosition(error: unknown): number | undefined {
  const position = error instanceof Error ? /position (\d+)/.exec(error.message) : null;
  return position ? Number(position[1]) : undefined;
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line += 1;
  return line;
}

/** Where one item of a top-level JSON array lies: offsets in the text, and its first line. */
interface ItemSpan {
  start: number;
  end: number;
  line: number;
}

/**
 * The items of a top-level JSON array, found by following strings and brackets only (so also
 * in a text JSON.parse refuses). A last item cut off by the end of the text is left out unless
 * its brackets are balanced.
 */
function arrayItemSpans(text: string): ItemSpan[] {
  const spans: ItemSpan[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let start = -1;
  let startLine = 0;
  let last = -1;
  const close = (end: number) => {
    if (start !== -1) spans.push({ start, end, line: startLine });
    start = -1;
  };
  for (let i = 0; i < text.length; i += 1) {
    const ch = text.charCodeAt(i);
    if (ch === 10) line += 1;
    if (inString) {
      if (ch === 92) i += 1;
      else if (ch === 34) inString = false;
      last = i;
      continue;
    }
    if (ch === 32 || ch === 9 || ch === 13 || ch === 10) continue;
    if (depth === 1) {
      if (ch === 44) {
        close(last + 1);
        continue;
      }
      if (ch === 93) {
        close(last + 1);
        return spans;
      }
      if (start === -1) {
        start = i;
        startLine = line;
      }
    }
    if (ch === 34) inString = true;
    else if (ch === 91 || ch === 123) depth += 1;
    else if (ch === 93 || ch === 125) depth -= 1;
    last = i;
  }
  if (depth === 1 && !inString) close(last + 1);
  return spans;
}
