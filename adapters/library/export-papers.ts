/**
 * Everything Shammie knows, written out so nothing is locked in (`export --format
 * jsonl|bibtex`): the corpus files' papers, then the library's, removed papers left out, a
 * paper both hold written once (the file's copy). Streamed to a writable with its
 * back-pressure respected, the library read a few hundred rows at a time: memory does not grow
 * with the library.
 */

import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { citePaper, type Paper, ShammieError } from '../../src/index.ts';
import { hiddenBy } from './hidden-papers.ts';
import { type LibraryStore, toPaper } from './library-store.ts';

/** The formats `export` writes. */
export const EXPORT_FORMATS = ['jsonl', 'bibtex'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** One line of the JSON Lines export: the paper's documented fields, and where it came from. */
export type ExportedPaper = Pick<
  Paper,
  'id' | 'title' | 'abstract' | 'authors' | 'year' | 'venue' | 'url' | 'arxiv' | 'doi'
> & { source: 'file' | 'library' };

export interface ExportOptions {
  /** `jsonl` or `bibtex` (any case); anything else is a ShammieError BAD_FORMAT. */
  format: string;
  /** The corpus files' papers. */
  files: Iterable<Paper>;
  store: LibraryStore;
  /** Where to write; left open (it may be stdout). */
  out: Writable;
}

/** How many papers were written from each side, and how many were left out. */
export interface ExportReport {
  files: number;
  library: number;
  /** Papers left out because they were removed. */
  removed: number;
  /** Library papers left out because a corpus file holds the same paper. */
  duplicates: number;
}

/** `format` checked: `jsonl` or `bibtex`. */
export function checkExportFormat(format: string): ExportFormat {
  const wanted = format.trim().toLowerCase();
  if ((EXPORT_FORMATS as readonly string[]).includes(wanted)) return wanted as ExportFormat;
  throw new ShammieError('BAD_FORMAT', 'Export formats: jsonl, bibtex.');
}

/** Writes every visible paper (see the module comment). */
export async function exportPapers(options: ExportOptions): Promise<ExportReport> {
  const format = checkExportFormat(options.format);
  const hidden = hiddenBy(options.store.tombstones());
  const write = writer(options.out);
  const entry = format === 'jsonl' ? jsonLine : bibtexWriter();
  const report: ExportReport = { files: 0, library: 0, removed: 0, duplicates: 0 };
  const inFiles = new Set<string>();
  for (const paper of options.files) {
    if (hidden(paper)) {
      report.removed += 1;
      continue;
    }
    for (const key of keysOf(paper)) inFiles.add(key);
    await write(entry(paper, 'file'));
    report.files += 1;
  }
  for (const stored of options.store.papers()) {
    const paper = toPaper(stored);
    if (keysOf(paper).some((key) => inFiles.has(key))) {
      report.duplicates += 1;
      continue;
    }
    await write(entry(paper, 'library'));
    report.library += 1;
  }
  report.removed += options.store.counts().removed;
  return report;
}

function keysOf(paper: Paper): string[] {
  const keys = [`id:${paper.id}`];
  if (paper.arxiv) keys.push(`arxiv:${paper.arxiv}`);
  if (paper.doi) keys.push(`doi:${paper.doi}`);
  return keys;
}

/** Writes a chunk, waiting for `drain` when the stream's buffer is full. */
function writer(out: Writable): (chunk: string) => Promise<void> {
  return async (chunk) => {
    if (!out.write(chunk)) await once(out, 'drain');
  };
}

/** The export's JSON line for a paper. */
export function exportedPaper(paper: Paper, source: 'file' | 'library'): ExportedPaper {
  // Built in the documented order, optional fields only when known.
  return {
    id: paper.id,
    title: paper.title,
    abstract: paper.abstract,
    authors: paper.authors,
    ...(paper.year === undefined ? {} : { year: paper.year }),
    ...(paper.venue ? { venue: paper.venue } : {}),
    ...(paper.url ? { url: paper.url } : {}),
    ...(paper.arxiv ? { arxiv: paper.arxiv } : {}),
    ...(paper.doi ? { doi: paper.doi } : {}),
    source,
  };
}

function jsonLine(paper: Paper, source: 'file' | 'library'): string {
  return `${JSON.stringify(exportedPaper(paper, source))}\n`;
}

/** The entry key `citePaper` wrote: `@misc{key,` → `key`. */
const ENTRY_KEY = /^@[A-Za-z]+\{([^,\n]*),/;

/**
 * BibTeX entries through the core's formatter, each key unique in the file: a key met before
 * gets the first free suffix `b`, `c`, … `z`, `ba`… (`levy2023lima`, `levy2023limab`), as
 * reference managers do.
 */
function bibtexWriter(): (paper: Paper) => string {
  const used = new Set<string>();
  return (paper) => {
    let entry = citePaper(paper, 'bibtex');
    const key = ENTRY_KEY.exec(entry)?.[1] ?? '';
    if (used.has(key)) {
      let n = 1;
      while (used.has(key + suffix(n))) n += 1;
      entry = citePaper({ ...paper, citationKey: key + suffix(n) }, 'bibtex');
      used.add(key + suffix(n));
    } else {
      used.add(key);
    }
    return `${entry}\n\n`;
  };
}

/** 1 → `b`, 25 → `z`, 26 → `ba`: letters after the (implicit) `a` of the first entry. */
function suffix(n: number): string {
  let text = '';
  for (let rest = n; rest > 0; rest = Math.floor(rest / 26)) {
    text = String.fromCharCode(97 + (rest % 26)) + text;
  }
  return text;
}
