/**
 * Papers as JSON: an array of objects (or an object holding one), or JSON Lines with one object
 * per line. Field names follow common exports: `abstract` or `text`, `authors` or `author`,
 * `venue`, `journal` or `booktitle`, `arxiv` or `eprint`, and so on.
 */
import type { LoadProblem } from '../types.ts';
import { buildRecord, type RecordFields } from './paper-record.ts';
import type { FileOrigin, ParsedEntries } from './parsed-entries.ts';

/** Properties of a wrapping object that may hold the array of papers. */
const ARRAY_HOLDERS = ['papers', 'items', 'records', 'documents', 'docs', 'entries', 'data'];
/** Longest excerpt of a bad line quoted back in a problem message. */
const EXCERPT_LENGTH = 60;

/**
 * Entries of a JSON Lines text. Blank lines are ignored; a line that is not a JSON object, or
 * has neither title nor abstract, is reported with its 1-based line number and the rest loads.
 */
export function parseJsonLines(text: string, origin: FileOrigin): ParsedEntries {
  const records: ParsedEntries['records'] = [];
  const problems: LoadProblem[] = [];
  let start = 0;
  let lineNumber = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    lineNumber += 1;
    const line = text.slice(start, end).trim();
    start = end + 1;
    if (line.length === 0) continue;
    const parsed = parseObject(line);
    if (typeof parsed === 'string') {
      problems.push({ file: origin.file, line: lineNumber, message: parsed });
      continue;
    }
    addRecord(parsed, origin, lineNumber, records, problems);
  }
  return { records, problems };
}

/**
 * Entries of a JSON document: an array of paper objects, an object holding such an array
 * (`{"papers": […]}`), or a single paper object. A JSON Lines text saved as `.json` is read as
 * JSON Lines. Bad items are reported with the line they start on.
 */
export function parseJsonDocument(text: string, origin: FileOrigin): ParsedEntries {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    if (text.trimStart().startsWith('{')) return parseJsonLines(text, origin);
    const problem: LoadProblem = { file: origin.file, message: jsonErrorMessage(error) };
    const line = errorLine(error, text);
    if (line !== undefined) problem.line = line;
    return { records: [], problems: [problem] };
  }
  const items = papersIn(value);
  if (!items) {
    return {
      records: [],
      problems: [{ file: origin.file, message: 'expected an array of paper objects' }],
    };
  }
  const records: ParsedEntries['records'] = [];
  const problems: LoadProblem[] = [];
  let lines: number[] | undefined;
  items.forEach((item, index) => {
    // Line numbers cost a scan of the text, so they are found only once something is wrong.
    const lineOf = () => {
      lines ??= Array.isArray(value) ? arrayItemLines(text) : [];
      return lines[index];
    };
    if (!isPlainObject(item)) {
      const problem: LoadProblem = {
        file: origin.file,
        message: `item ${index + 1} is not an object`,
      };
      const line = lineOf();
      if (line !== undefined) problem.line = line;
      problems.push(problem);
      return;
    }
    const before = problems.length;
    addRecord(item, origin, undefined, records, problems);
    const added = problems[before];
    if (added) {
      added.message = `item ${index + 1}: ${added.message}`;
      const line = lineOf();
      if (line !== undefined) added.line = line;
    }
  });
  return { records, problems };
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
  };
}

function addRecord(
  item: Record<string, unknown>,
  origin: FileOrigin,
  line: number | undefined,
  records: ParsedEntries['records'],
  problems: LoadProblem[],
): void {
  const recordOrigin = line === undefined ? { ...origin } : { ...origin, line };
  const record = buildRecord(jsonFields(item), recordOrigin);
  if (typeof record === 'string') {
    const problem: LoadProblem = { file: origin.file, message: record };
    if (line !== undefined) problem.line = line;
    problems.push(problem);
  } else {
    records.push(record);
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
  const printable = line.replace(/[\p{Cc}\ufffd]/gu, '?');
  return printable.length > EXCERPT_LENGTH ? `${printable.slice(0, EXCERPT_LENGTH)}…` : printable;
}

function jsonErrorMessage(error: unknown): string {
  const reason = error instanceof Error ? error.message.split('\n')[0]! : 'unreadable';
  return `not valid JSON (${excerpt(reason)})`;
}

/** The line of a JSON.parse error, from the "position N" V8 puts in its message. */
function errorLine(error: unknown, text: string): number | undefined {
  const position = error instanceof Error ? /position (\d+)/.exec(error.message) : null;
  if (!position) return undefined;
  return lineAt(text, Number(position[1]));
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line += 1;
  return line;
}

/** The 1-based line on which each item of a top-level JSON array starts. */
function arrayItemLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let expectingItem = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (ch === '\n') line += 1;
    if (inString) {
      if (ch === '\\') i += 1;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n') continue;
    if (depth === 1 && expectingItem) {
      lines.push(line);
      expectingItem = false;
    }
    if (ch === '"') inString = true;
    else if (ch === '[' || ch === '{') {
      depth += 1;
      if (depth === 1) expectingItem = true;
    } else if (ch === ']' || ch === '}') depth -= 1;
    else if (ch === ',' && depth === 1) expectingItem = true;
  }
  return lines;
}
