import type { ImportJobSpec } from '../library/library-store.ts';
import { DEFAULT_SEARCH_MAX, MAX_SEARCH_RESULTS } from '../sources/arxiv-api.ts';
import { checkHarvestDates } from '../sources/arxiv-oai.ts';
import { closestCategories, knownCategory } from '../sources/arxiv-taxonomy.ts';
import { EXIT_BAD_INPUT, ExitError } from './exit-status.ts';

/** The options of `shammie import arxiv`, as commander gives them. */
export interface ImportArxivOptions {
  query?: string;
  max?: string;
  category?: string;
  from?: string;
  until?: string;
}

/** What to import: an arXiv search, or a category harvest. */
export type ImportPlan =
  | { kind: 'query'; query: string; max: number }
  | ({ kind: 'category' } & ImportJobSpec & { from: string });

/**
 * Checks the options and says what to import. Every mistake is an ExitError (status 1) with
 * one sentence: no --query nor --category, both, options of the other kind, an empty query,
 * --max that is not a whole number from 1 to 30,000, an unknown category (with the closest
 * real ones), a missing or malformed date, --from after --until.
 */
export function importPlan(options: ImportArxivOptions): ImportPlan {
  const { query, category } = options;
  if (query !== undefined && category !== undefined) {
    throw usage('--query and --category cannot be used together: import one at a time.');
  }
  if (query !== undefined) return queryPlan(query, options);
  if (category !== undefined) return categoryPlan(category, options);
  throw usage(
    'say what to import: --query "au:Levy_O AND cat:cs.CL" or --category cs.CL --from YYYY-MM-DD.',
  );
}

function queryPlan(query: string, options: ImportArxivOptions): ImportPlan {
  if (options.from !== undefined || options.until !== undefined) {
    throw usage('--from and --until go with --category (a search has no dates).');
  }
  if (query.trim() === '') throw usage('--query is empty: give arXiv search words.');
  return { kind: 'query', query: query.trim(), max: maxOf(options.max) };
}

function maxOf(text: string | undefined): number {
  if (text === undefined) return DEFAULT_SEARCH_MAX;
  const max = /^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN;
  if (!(max >= 1 && max <= MAX_SEARCH_RESULTS)) {
    throw usage(
      `--max must be a whole number from 1 to ${MAX_SEARCH_RESULTS.toLocaleString('en-US')} (arXiv's limit).`,
    );
  }
  return max;
}

function categoryPlan(text: string, options: ImportArxivOptions): ImportPlan {
  if (options.max !== undefined) throw usage('--max goes with --query (a harvest has dates).');
  const category = knownCategory(text);
  if (category === undefined) throw usage(unknownCategory(text));
  if (options.from === undefined) {
    throw usage(`--category needs --from YYYY-MM-DD, the first day of ${category} to import.`);
  }
  const from = options.from.trim();
  const until = options.until?.trim();
  checkHarvestDates({ from, until });
  return until === undefined
    ? { kind: 'category', category, from }
    : { kind: 'category', category, from, until };
}

function unknownCategory(text: string): string {
  const typed = `"${text.trim().slice(0, 40)}" is not an arXiv category`;
  const closest = closestCategories(text);
  if (closest.length === 0) return `${typed}; write it like cs.CL, hep-th or math.`;
  const last = closest.pop();
  return `${typed}; did you mean ${closest.length > 0 ? `${closest.join(', ')} or ` : ''}${last}?`;
}

function usage(message: string): ExitError {
  return new ExitError(message, EXIT_BAD_INPUT);
}
