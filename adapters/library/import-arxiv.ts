/**
 * Bulk imports from arXiv: the results of an arXiv API search (`import arxiv --query`), or a
 * category's papers between two dates harvested through OAI-PMH (`import arxiv --category`).
 * Each page is stored in one transaction, a harvest's page together with the resumption token
 * of the next one: an import that is interrupted (a crash, a full disk, a service down) resumes
 * from the last stored token, and a paper already there is never added twice. Memory holds one
 * page. Withdrawn papers and papers without an abstract are skipped; papers someone removed
 * stay removed.
 */

import type { Paper } from '../../src/index.ts';
import type { ArxivRecord } from '../sources/arxiv-record.ts';
import type { Sources } from '../sources/create-sources.ts';
import { isServiceError } from '../sources/service-error.ts';
import type { CorpusLookup } from './add-papers.ts';
import { actorOf, arxivPaper, unusableArxivRecord } from './library-paper.ts';
import type {
  ImportJobSpec,
  ImportPosition,
  ImportState,
  LibraryPaper,
  LibraryStore,
  NewLibraryPaper,
} from './library-store.ts';

/** Times a harvest starts over after its resumption token expired, before giving up. */
export const MAX_HARVEST_RESTARTS = 2;

/** Where an import stands, after each stored page (for a progress bar). */
export interface ImportProgress {
  /** Records read from the service so far (a resumed harvest counts its earlier pages). */
  harvested: number;
  /** Records the service says there are in all, when it says. */
  total?: number;
  /** Papers added by this run. */
  added: number;
  /** Papers of this run the library or the corpus files already had. */
  already: number;
  /** Papers of this run left out: withdrawn, or without an abstract. */
  skipped: number;
}

/** What an import did. */
export interface ImportReport extends ImportProgress {
  /** True when a harvest continued from a stored resumption token. */
  resumed: boolean;
  /** Times the harvest started over because its token had expired. */
  restarts: number;
}

export interface ImportContext {
  sources: Pick<Sources, 'arxiv' | 'oai'>;
  store: LibraryStore;
  /** The clock, epoch ms. */
  now: () => number;
  /** Who started the import, and where (recorded with each paper). */
  who?: string;
  where?: { platform: string; channel?: string };
  /** Finds a paper among the corpus files: those are not added again. */
  inCorpus?: CorpusLookup;
  /** Called after each stored page. */
  onProgress?: (progress: ImportProgress) => void;
  /** Called with a sentence for the user when the import must change course (a token expired). */
  onNotice?: (message: string) => void;
  /** Called with the papers each page added, once they are stored (to index them). */
  onAdded?: (papers: readonly LibraryPaper[]) => void;
  /**
   * Stops the import (Ctrl-C): the request under way, or the next one, is cancelled; the pages
   * stored stay stored. The import rejects with the signal's reason.
   */
  signal?: AbortSignal;
}

export interface QueryImportOptions extends ImportContext {
  /** Most results imported (arXiv serves at most 30,000 per search). */
  max?: number;
}

export interface CategoryImportOptions extends ImportContext, ImportJobSpec {}

/**
 * Imports the results of an arXiv API search (`au:Levy_O AND cat:cs.CL`, or plain words), up
 * to `max`. A search has no resumption token: running it again adds only what is missing.
 */
export async function importArxivQuery(
  query: string,
  options: QueryImportOptions,
): Promise<ImportReport> {
  const report: ImportReport = { ...emptyProgress(), resumed: false, restarts: 0 };
  const pages = options.sources.arxiv.searchPages(query, {
    ...(options.max === undefined ? {} : { max: options.max }),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  for await (const page of pages) {
    storePage(page.records, undefined, report, options);
    report.harvested += page.records.length;
    report.total = page.total;
    options.onProgress?.(progressOf(report));
  }
  return report;
}

/**
 * Harvests the papers of `category` (`cs.CL`) with a datestamp from `from` to `until`
 * (YYYY-MM-DD) through OAI-PMH, resuming a harvest of the same category and dates that was
 * interrupted. When arXiv no longer accepts the stored token, the harvest starts over from
 * `from` (papers already added are found, not added again) and `onNotice` says so.
 * Throws a ShammieError BAD_DATE / BAD_ARGUMENT for bad dates or category, a ServiceError when
 * arXiv fails, a LibraryStoreError when the database does; what was stored before stays stored.
 */
export async function importArxivCategory(options: CategoryImportOptions): Promise<ImportReport> {
  const spec = jobSpec(options);
  const { store, now } = options;
  const stored = resumePoint(store, spec);
  let token = stored?.token;
  const report: ImportReport = {
    ...emptyProgress(),
    harvested: stored?.harvested ?? 0,
    resumed: stored !== undefined,
    restarts: 0,
  };
  const signal = options.signal ? { signal: options.signal } : {};
  for (;;) {
    let fresh = token === undefined;
    try {
      const pages = options.sources.oai.harvest({ ...spec, resumptionToken: token, ...signal });
      for await (const page of pages) {
        const position: ImportPosition = {
          job: spec,
          harvested: page.harvested,
          fresh,
          ...(page.resumptionToken === undefined ? {} : { token: page.resumptionToken }),
        };
        storePage(page.records, position, report, options);
        fresh = false;
        token = page.resumptionToken;
        report.harvested += page.harvested;
        if (page.completeListSize !== undefined) report.total = page.completeListSize;
        options.onProgress?.(progressOf(report));
      }
      // The last page stored the job as done; a harvest that matched nothing has no page.
      store.finishImport(spec, now());
      return report;
    } catch (error) {
      if (!canRestart(error, token, report.restarts)) throw error;
      report.restarts += 1;
      report.harvested = 0;
      token = undefined;
      options.onNotice?.(
        `arXiv no longer accepts the saved harvest position; starting again from ${
          spec.from ?? 'the beginning'
        } (papers already added are not added twice).`,
      );
    }
  }
}

/**
 * The stored position the harvest `spec` would resume from: a running job with a token. None
 * when the job never ran, finished, or never stored a page (it then starts afresh).
 */
export function resumePoint(
  store: LibraryStore,
  spec: ImportJobSpec,
): (ImportState & { token: string }) | undefined {
  const stored = store.importState(jobSpec(spec));
  return stored?.status === 'running' && stored.token !== undefined
    ? { ...stored, token: stored.token }
    : undefined;
}

function jobSpec(options: ImportJobSpec): ImportJobSpec {
  const spec: ImportJobSpec = { category: options.category.trim() };
  if (options.from !== undefined) spec.from = options.from.trim();
  if (options.until !== undefined) spec.until = options.until.trim();
  return spec;
}

/** An expired token is worth a fresh start, a bounded number of times; nothing else is. */
function canRestart(error: unknown, token: string | undefined, restarts: number): boolean {
  return (
    isServiceError(error) &&
    error.code === 'EXPIRED_TOKEN' &&
    token !== undefined &&
    restarts < MAX_HARVEST_RESTARTS
  );
}

/** Stores a page's usable papers (and the harvest's position) in one transaction. */
function storePage(
  records: readonly ArxivRecord[],
  position: ImportPosition | undefined,
  report: ImportProgress,
  options: ImportContext,
): void {
  const actor = actorOf(options.who, options.where);
  const papers: NewLibraryPaper[] = [];
  for (const record of records) {
    if (unusableArxivRecord(record) !== undefined) report.skipped += 1;
    else if (options.inCorpus && inFiles(record, options.inCorpus)) report.already += 1;
    else papers.push(arxivPaper(record, 'import', actor));
  }
  const outcome = options.store.storePage(papers, position, options.now());
  report.added += outcome.added.length;
  report.already += outcome.already;
  if (outcome.added.length > 0) options.onAdded?.(outcome.added);
}

function inFiles(record: ArxivRecord, lookup: CorpusLookup): Paper | undefined {
  return lookup(record.doi ? { arxiv: record.arxiv, doi: record.doi } : { arxiv: record.arxiv });
}

function emptyProgress(): ImportProgress {
  return { harvested: 0, added: 0, already: 0, skipped: 0 };
}

function progressOf(report: ImportReport): ImportProgress {
  const { resumed: _resumed, restarts: _restarts, ...progress } = report;
  return progress;
}
