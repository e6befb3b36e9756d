/**
 * Adding papers by reference (`add REF…` in the chat and on the command line): each reference
 * is read with `parsePaperRef`; papers the library or the corpus files already hold are found
 * without asking any service; arXiv ids go to the arXiv API in one batch; DOIs go to Crossref
 * and OpenAlex, and a DOI that names an arXiv paper becomes that paper. A paper is written only
 * once everything it needs is known (a title, an abstract, not withdrawn), in one transaction:
 * nothing is ever half-added. Adding a removed paper undoes the removal.
 */

import { type Paper, ShammieError } from '../../src/index.ts';
import { type PaperRef, parsePaperRef } from '../sources/arxiv-ids.ts';
import type { ArxivRecord } from '../sources/arxiv-record.ts';
import type { Sources } from '../sources/create-sources.ts';
import type { DoiRecord } from '../sources/resolve-doi.ts';
import { isServiceError } from '../sources/service-error.ts';
import { isLibraryStoreError } from './library-errors.ts';
import {
  actorOf,
  arxivPaper,
  doiPaper,
  unusableArxivRecord,
  unusableDoiRecord,
} from './library-paper.ts';
import type {
  LibraryPaper,
  LibrarySource,
  LibraryStore,
  NewLibraryPaper,
  PaperKeys,
} from './library-store.ts';

/** Most references one chat message may add (the command line takes any number). */
export const MAX_REFS_PER_CHAT = 10;

/** Longest reference echoed back in a result's `ref`. */
export const MAX_REF_ECHO = 300;

/** The platforms whose adds count as `chat` (the command line's count by service). */
export const CHAT_PLATFORMS: readonly string[] = ['discord', 'slack', 'terminal'];

/** What happened to one reference (the `add --json` shape, plus the paper for its card). */
export interface AddResult {
  ref: string;
  status: 'added' | 'already' | 'not-found' | 'failed';
  id?: string;
  arxiv?: string;
  doi?: string;
  title?: string;
  /** A sentence for the user: why it failed, or that a removal was undone. */
  message?: string;
  /** The paper (a library paper carries who added it, where and when), for its card. */
  paper?: Paper | LibraryPaper;
}

/** A corpus-file paper any of `keys` names, if any (the current file corpus). */
export type CorpusLookup = (keys: PaperKeys) => Paper | undefined;

export interface AddPapersOptions {
  sources: Pick<Sources, 'arxiv' | 'dois'>;
  store: LibraryStore;
  /** The user adding (platform user id; the account name on the command line). */
  who?: string;
  /** Where: `platform` (`discord`, `slack`, `terminal`, `cli`) and the channel's id. */
  where?: { platform: string; channel?: string };
  /** The clock, epoch ms. */
  now: () => number;
  /** Finds a paper among the corpus files (any of its identifiers). */
  inCorpus?: CorpusLookup;
  /** Most references accepted at once ({@link MAX_REFS_PER_CHAT} from a chat). */
  maxRefs?: number;
}

/** A reference still to be fetched from arXiv. */
interface ArxivWanted {
  index: number;
  arxiv: string;
  /** The DOI record that named this arXiv paper, when the reference was a DOI. */
  doiRecord?: DoiRecord;
}

/**
 * Adds the papers `refs` name; one result per reference, in order. Throws a ShammieError
 * BAD_ARGUMENT (before any request) when there are none or more than `maxRefs`.
 */
export async function addPapers(
  refs: readonly string[],
  options: AddPapersOptions,
): Promise<AddResult[]> {
  checkCount(refs, options.maxRefs);
  const results: Array<AddResult | undefined> = refs.map(() => undefined);
  const wanted: ArxivWanted[] = [];
  const dois: Array<{ index: number; doi: string }> = [];
  refs.forEach((ref, index) => {
    const parsed = parsePaperRef(ref);
    if (parsed === undefined) {
      results[index] = fail(ref, 'failed', NOT_A_REF);
      return;
    }
    const known = findLocal(ref, keysOf(parsed), options);
    if (known) results[index] = known;
    else if (parsed.kind === 'arxiv') wanted.push({ index, arxiv: parsed.arxiv });
    else dois.push({ index, doi: parsed.doi });
  });
  await resolveDois(refs, dois, wanted, results, options);
  await fetchArxiv(refs, wanted, results, options);
  return results.map((result, index) => result ?? fail(refs[index]!, 'failed', 'Not added.'));
}

/** The `add --json` fields of a result (the paper itself left out). */
export function addResultJson(result: AddResult): Omit<AddResult, 'paper'> {
  const { paper: _paper, ...json } = result;
  return json;
}

const NOT_A_REF =
  'That is not an arXiv id or URL, or a DOI: write it like 2305.11206 or 10.1145/3442188.3445922.';

function checkCount(refs: readonly string[], maxRefs = Number.POSITIVE_INFINITY): void {
  if (refs.length === 0) {
    throw new ShammieError(
      'BAD_ARGUMENT',
      'Name a paper to add: an arXiv id or URL (2305.11206), or a DOI (10.1145/3442188.3445922).',
    );
  }
  if (refs.length > maxRefs) {
    throw new ShammieError(
      'BAD_ARGUMENT',
      `Add at most ${maxRefs} papers at a time (${refs.length} were given).`,
    );
  }
}

function keysOf(ref: PaperRef): PaperKeys {
  return ref.kind === 'arxiv' ? { arxiv: ref.arxiv } : { doi: ref.doi };
}

/**
 * The result for a paper the library or the corpus files hold already: `already`, or `added`
 * when it had been removed (the removal is undone). Undefined when neither has it.
 */
function findLocal(ref: string, keys: PaperKeys, options: AddPapersOptions): AddResult | undefined {
  try {
    const stored = options.store.findPaper(keys);
    const file = stored ? undefined : options.inCorpus?.(keys);
    const paper = stored ?? file;
    if (!paper) return undefined;
    const restored = options.store.restorePaper({ ...keys, ...keysOfPaper(paper) });
    return restored
      ? success(ref, 'added', paper, 'It had been removed; it is back in the library.')
      : success(ref, 'already', paper, 'Already in the library.');
  } catch (error) {
    if (isLibraryStoreError(error)) return fail(ref, 'failed', error.message);
    throw error;
  }
}

function keysOfPaper(paper: Paper): PaperKeys {
  const keys: PaperKeys = { id: paper.id };
  if (paper.arxiv) keys.arxiv = paper.arxiv;
  if (paper.doi) keys.doi = paper.doi;
  return keys;
}

/** Resolves each DOI; one naming an arXiv paper joins `wanted`, others end in a result. */
async function resolveDois(
  refs: readonly string[],
  dois: ReadonlyArray<{ index: number; doi: string }>,
  wanted: ArxivWanted[],
  results: Array<AddResult | undefined>,
  options: AddPapersOptions,
): Promise<void> {
  await Promise.all(
    dois.map(async ({ index, doi }) => {
      const ref = refs[index]!;
      try {
        const resolution = await options.sources.dois.resolveDoi(doi);
        if (resolution.kind === 'not-found') {
          results[index] = fail(
            ref,
            'not-found',
            `Neither Crossref nor OpenAlex knows the DOI ${doi}; check it.`,
          );
          return;
        }
        const arxiv = resolution.kind === 'arxiv' ? resolution.arxiv : resolution.record.arxiv;
        const record = resolution.kind === 'arxiv' ? undefined : resolution.record;
        if (arxiv !== undefined) {
          // The DOI names an arXiv paper: that paper, which may be here already.
          results[index] = findLocal(ref, { arxiv }, options);
          if (!results[index])
            wanted.push({ index, arxiv, ...(record ? { doiRecord: record } : {}) });
          return;
        }
        results[index] = record ? addDoiRecord(ref, record, options) : undefined;
      } catch (error) {
        results[index] = failure(ref, error);
      }
    }),
  );
}

/** Fetches every wanted arXiv paper in one batched call and adds each. */
async function fetchArxiv(
  refs: readonly string[],
  wanted: readonly ArxivWanted[],
  results: Array<AddResult | undefined>,
  options: AddPapersOptions,
): Promise<void> {
  if (wanted.length === 0) return;
  let found: Map<string, ArxivRecord>;
  try {
    const { records } = await options.sources.arxiv.getPapers(wanted.map((w) => w.arxiv));
    found = new Map(records.map((record) => [record.arxiv, record]));
  } catch (error) {
    for (const { index } of wanted) results[index] = failure(refs[index]!, error);
    return;
  }
  for (const { index, arxiv, doiRecord } of wanted) {
    const ref = refs[index]!;
    const record = found.get(arxiv);
    if (record) results[index] = addArxivRecord(ref, record, doiRecord, options);
    else if (doiRecord) results[index] = addDoiRecord(ref, doiRecord, options);
    else results[index] = fail(ref, 'not-found', `arXiv has no paper ${arxiv}; check the id.`);
  }
}

function addArxivRecord(
  ref: string,
  record: ArxivRecord,
  doiRecord: DoiRecord | undefined,
  options: AddPapersOptions,
): AddResult {
  const unusable = unusableArxivRecord(record);
  if (unusable) return fail(ref, 'failed', unusable);
  const paper = arxivPaper(
    record,
    sourceOf(options, 'arxiv'),
    actorOf(options.who, options.where),
    doiRecord,
  );
  // The same paper under its DOI (a corpus file may know it only by that).
  const known = paper.doi === undefined ? undefined : findLocal(ref, { doi: paper.doi }, options);
  return known ?? store(ref, paper, options);
}

function addDoiRecord(ref: string, record: DoiRecord, options: AddPapersOptions): AddResult {
  const unusable = unusableDoiRecord(record);
  if (unusable) return fail(ref, 'failed', unusable);
  return store(
    ref,
    doiPaper(record, sourceOf(options, 'doi'), actorOf(options.who, options.where)),
    options,
  );
}

function sourceOf(options: AddPapersOptions, service: 'arxiv' | 'doi'): LibrarySource {
  const platform = options.where?.platform;
  return platform !== undefined && CHAT_PLATFORMS.includes(platform) ? 'chat' : service;
}

function store(ref: string, paper: NewLibraryPaper, options: AddPapersOptions): AddResult {
  try {
    const outcome = options.store.addPaper(paper, options.now());
    if (outcome.status === 'already') {
      return success(ref, 'already', outcome.paper, 'Already in the library.');
    }
    return success(
      ref,
      'added',
      outcome.paper,
      outcome.status === 'restored' ? 'It had been removed; it is back in the library.' : undefined,
    );
  } catch (error) {
    return failure(ref, error);
  }
}

function success(
  ref: string,
  status: 'added' | 'already',
  paper: Paper,
  message: string | undefined,
): AddResult {
  const result: AddResult = { ref: echo(ref), status, id: paper.id, title: paper.title, paper };
  if (paper.arxiv) result.arxiv = paper.arxiv;
  if (paper.doi) result.doi = paper.doi;
  if (message) result.message = message;
  return result;
}

function fail(ref: string, status: 'not-found' | 'failed', message: string): AddResult {
  return { ref: echo(ref), status, message };
}

/** A service or database failure as a result; anything else is a bug and is thrown. */
function failure(ref: string, error: unknown): AddResult {
  if (isServiceError(error) || isLibraryStoreError(error)) {
    return fail(ref, 'failed', error.message);
  }
  throw error;
}

function echo(ref: string): string {
  const trimmed = ref.trim();
  return trimmed.length > MAX_REF_ECHO ? `${trimmed.slice(0, MAX_REF_ECHO - 1)}…` : trimmed;
}
