/**
 * Papers as BibTeX, as Zotero, Google Scholar, DBLP and arXiv export it. Citation.js parses each
 * entry; the file is first cut into entries here only so that one broken entry (unbalanced
 * braces, a syntax error) is reported with its line while every other entry still loads.
 */
import { createRequire } from 'node:module';
import type { LoadProblem } from '../types.ts';
import { parseAuthors } from './author-names.ts';
import { cleanLatex } from './latex-clean.ts';
import { ACCENTS, LETTER_COMMANDS, SYMBOLS } from './latex-symbols.ts';
import { buildRecord, type RecordFields } from './paper-record.ts';
import type { FileOrigin, ParsedEntries } from './parsed-entries.ts';

/** An entry longer than this is reported rather than parsed: no real reference is that long. */
export const MAX_ENTRY_LENGTH = 1024 * 1024;
/** The start of an entry: `@type{` or `@type(` at the beginning of a line. */
const ENTRY_START = /^[ \t]*@[ \t]*([A-Za-z]+)[ \t]*([{(])/gm;

/** The slice of `@citation-js/core` used here (the package ships no types). */
interface CitationJsCore {
  plugins: {
    input: {
      chain(input: unknown, options: Record<string, unknown>): unknown;
    };
    config: {
      get(plugin: '@bibtex'): {
        constants: { commands: Record<string, string>; diacritics: Record<string, string> };
      };
    };
  };
}

let core: CitationJsCore | undefined;

/**
 * citation-js is CommonJS and slow-ish to load: it is required once, on the first BibTeX file,
 * and its BibTeX plugin registers itself with the core.
 */
function citationJs(): CitationJsCore {
  if (!core) {
    const require = createRequire(import.meta.url);
    core = require('@citation-js/core') as CitationJsCore;
    require('@citation-js/plugin-bibtex');
    teachLetters(core);
  }
  return core;
}

/**
 * Citation.js 0.7 knows `\o` and `\ss` but not `\AA` or `\aa`: it keeps them as text, and
 * "{\AA}str{\"o}m" came out as "öm". Every LaTeX letter Shammie knows is added to its table
 * of commands, the documented way to extend it (`config.constants.commands`).
 */
function teachLetters(citationJsCore: CitationJsCore): void {
  const { commands, diacritics } = citationJsCore.plugins.config.get('@bibtex').constants;
  for (const name of LETTER_COMMANDS) {
    if (!Object.hasOwn(commands, name)) commands[name] = SYMBOLS[name]!;
  }
  // `\b` is the macron below (ḵ), as titles read it; Citation.js has the low line (k̲).
  diacritics.b = ACCENTS.b!;
}

interface RawEntry {
  type: string;
  label: string;
  properties: Record<string, string>;
}

interface CslName {
  given?: string;
  family?: string;
  suffix?: string;
  literal?: string;
  'dropping-particle'?: string;
  'non-dropping-particle'?: string;
}

/**
 * Entries of a BibTeX text. `@string` macros apply to the entries after them; `@comment` and
 * `@preamble` are passed over. A broken entry or one with neither title nor abstract is
 * reported with the line it starts on.
 */
export function parseBibtex(text: string, origin: FileOrigin): ParsedEntries {
  const records: ParsedEntries['records'] = [];
  const problems: LoadProblem[] = [];
  const report = (line: number, message: string) =>
    problems.push({ file: origin.file, line, message });
  const starts = [...text.matchAll(ENTRY_START)];
  if (starts.length === 0) {
    return {
      records,
      problems: [{ file: origin.file, message: 'no BibTeX entries (@type{key, …}) found' }],
    };
  }
  let macros = '';
  let line = 1;
  let counted = 0;
  starts.forEach((start, index) => {
    const offset = start.index;
    line += countNewlines(text, counted, offset);
    counted = offset;
    const chunkEnd = starts[index + 1]?.index ?? text.length;
    const leading = start[0].length - start[0].trimStart().length;
    const entryLine = line + countNewlines(start[0], 0, leading);
    const chunk = text.slice(offset, chunkEnd);
    const type = start[1]!.toLowerCase();
    if (type === 'comment' || type === 'preamble') return;
    if (chunk.length > MAX_ENTRY_LENGTH) {
      report(entryLine, 'entry too long (over 1 MB): skipped');
      return;
    }
    const close = closingIndex(chunk, start[0].length - 1, start[2] === '(' ? ')' : '}');
    if (close === undefined) {
      report(entryLine, 'unbalanced braces: this entry never closes');
      return;
    }
    const entryText = chunk.slice(0, close + 1);
    const after = chunk.slice(close + 1);
    if (/^\s*,|=/.test(after)) {
      report(entryLine, 'unbalanced braces: the entry closes before its last field');
      return;
    }
    if (type === 'string') {
      macros += `${entryText.replace(/\n/g, ' ')}\n`;
      return;
    }
    const parsed = parseEntry(macros, entryText);
    if (typeof parsed === 'string') {
      report(entryLine + errorLineOffset(parsed, macros), syntaxMessage(parsed));
      return;
    }
    const warn = (message: string) => report(entryLine, `${entryLabel(parsed)}: ${message}`);
    const record = buildRecord(bibtexFields(parsed), { ...origin, line: entryLine }, warn);
    if (typeof record === 'string') report(entryLine, `${entryLabel(parsed)}: ${record}`);
    else records.push(record);
  });
  return { records, problems };
}

/** The one entry in `entryText` as Citation.js reads it, or the library's error message. */
function parseEntry(macros: string, entryText: string): RawEntry | string {
  try {
    const entries = citationJs().plugins.input.chain(macros + entryText, {
      forceType: '@biblatex/text',
      target: '@biblatex/entries+list',
      generateGraph: false,
    }) as unknown as RawEntry[];
    const entry = entries[entries.length - 1];
    return entry ?? 'no entry found';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

function bibtexFields(entry: RawEntry): RecordFields {
  const p = entry.properties;
  const archive = p.archiveprefix ?? p.eprinttype;
  const eprintIsArxiv = p.eprint !== undefined && (archive === undefined || /arxiv/i.test(archive));
  return {
    title: p.title,
    abstract: p.abstract,
    authors: authorNames(entry),
    year: p.year ?? p.date,
    venue: p.journal ?? p.journaltitle ?? p.booktitle,
    url: p.url === undefined ? undefined : unescapeUrl(p.url),
    doi: p.doi,
    arxiv: p.arxivid ?? p.arxiv ?? (eprintIsArxiv ? p.eprint : undefined),
    mentions: [p.journal, p.note, p.howpublished, p.eprint],
    citationKey: entry.label,
    volume: p.volume,
    number: p.number ?? p.issue,
    pages: p.pages,
  };
}

/** Authors via Citation.js's name parser ("Last, First", particles, "Jr."); "others" dropped. */
function authorNames(entry: RawEntry): string[] {
  if (entry.properties.author === undefined) return [];
  try {
    const spelled = {
      ...entry,
      properties: { ...entry.properties, author: bracedLetters(entry.properties.author) },
    };
    const [csl] = citationJs().plugins.input.chain([spelled], {
      forceType: '@biblatex/entries+list',
      generateGraph: false,
    }) as unknown as { author?: CslName[] }[];
    const names = (csl?.author ?? []).map(displayName).filter((name) => name.length > 0);
    if (names.length > 0) return names;
  } catch {
    // Fall through: Shammie's own splitter reads the raw list.
  }
  return parseAuthors(entry.properties.author);
}

/** A letter command ended by spaces (`M\o ller`, `Stra\ss and …`), the spaces before `and` kept. */
const SPACED_LETTER = new RegExp(
  `\\\\(${[...LETTER_COMMANDS].join('|')})(?![A-Za-z])[ \\t\\n]+(and\\s)?`,
  'g',
);

/**
 * A name list with each letter command ended by spaces written braced instead (`M{\o}ller`):
 * in TeX the spaces only end the command's name, but Citation.js's name splitter reads them as
 * the gap between two names' words, or swallows the space before `and`. BibTeX itself splits
 * on ` and ` first, so a space before `and` still separates two names.
 */
function bracedLetters(authors: string): string {
  return authors.replace(SPACED_LETTER, (_, name: string, and?: string) =>
    and ? `{\\${name}} ${and}` : `{\\${name}}`,
  );
}

function displayName(name: CslName): string {
  const parts = name.literal
    ? [name.literal]
    : [
        name.given,
        name['dropping-particle'],
        name['non-dropping-particle'],
        name.family,
        name.suffix,
      ];
  const text = parts.filter(Boolean).join(' ');
  if (/^others$/i.test(text.trim())) return '';
  // An accent on a dotless i (from `\'\i`) is an í.
  return cleanLatex(
    text.replace(/ı(?=[\u0300-\u036f])/g, 'i').replace(/ȷ(?=[\u0300-\u036f])/g, 'j'),
  ).normalize('NFC');
}

/** BibTeX writes `_`, `%`, `&`, `#` and `~` in addresses escaped (`paper\\_files`). */
function unescapeUrl(url: string): string {
  return url.replace(/\\(?:textasciitilde\s*|~\{\})/g, '~').replace(/\\([_%&#$])/g, '$1');
}

function entryLabel(entry: RawEntry): string {
  return entry.label ? `@${entry.type}{${entry.label}}` : `@${entry.type}`;
}

/**
 * Index in `chunk` of the delimiter closing the entry whose opening delimiter is at `open`, or
 * undefined when the entry never closes. As in BibTeX, every brace counts; in a `(`-delimited
 * entry only a `)` outside braces and quotes closes it.
 */
function closingIndex(chunk: string, open: number, closer: '}' | ')'): number | undefined {
  let depth = 0;
  let quoted = false;
  for (let i = open + 1; i < chunk.length; i += 1) {
    const ch = chunk[i];
    if (ch === '{') depth += 1;
    else if (ch === '}') {
      if (depth === 0) return closer === '}' ? i : undefined;
      depth -= 1;
    } else if (ch === '"' && depth === 0) quoted = !quoted;
    else if (ch === ')' && closer === ')' && depth === 0 && !quoted) return i;
  }
  return undefined;
}

function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1))
    count += 1;
  return count;
}

/** Lines into the entry where the library's error points ("at line 3 col 7"), macros excluded. */
function errorLineOffset(message: string, macros: string): number {
  const at = /at line (\d+)/.exec(message);
  if (!at) return 0;
  const macroLines = countNewlines(macros, 0, macros.length);
  return Math.max(0, Number(at[1]) - 1 - macroLines);
}

function syntaxMessage(message: string): string {
  const first = message.split('\n')[0]!.replace(/\s*at line \d+ col \d+:?\s*$/, '');
  return `BibTeX syntax error: ${first}`;
}
