import { splitFilters, type TypedFilter } from '../search/query-parser.ts';
import type { ResultsView, SearchRequest } from './reply-view.ts';

/**
 * The words every platform uses to say what a search found: how many papers of how many are
 * shown, what was looked for and which filters applied. Text is raw: adapters escape it.
 */

/** What a search looked for: its words (filters taken out) and its filters, as typed. */
export interface SearchDescription {
  /** The free text, or '' for a search by filters alone. */
  text: string;
  /** "author: levy", "year: 2023..2024". */
  filters: string[];
}

/** The search's words and filters, from the query and from the request's own options. */
export function describeSearch(request: SearchRequest): SearchDescription {
  const { text, filters } = splitFilters(request.query);
  const all: TypedFilter[] = [...filters];
  if (request.author) all.push({ key: 'author', value: request.author });
  if (request.year) all.push({ key: 'year', value: request.year });
  return { text, filters: all.map((f) => `${f.key}: ${f.value}`) };
}

/** The filters joined for a sentence: "author: levy and year: 2023". */
export function filterList(filters: readonly string[]): string {
  if (filters.length <= 1) return filters[0] ?? '';
  return `${filters.slice(0, -1).join(', ')} and ${filters[filters.length - 1]}`;
}

/**
 * "5 papers", or when a page shows only some: "Showing 4 of 5 papers" (first page),
 * "Showing 5–8 of 10 papers" or "Showing paper 9 of 9" (a later one).
 */
export function resultsCount(view: Pick<ResultsView, 'total' | 'page' | 'request' | 'cards'>) {
  const noun = view.total === 1 ? 'paper' : 'papers';
  if (view.cards.length >= view.total) return `${view.total} ${noun}`;
  const first = view.page * view.request.limit + 1;
  const last = first + view.cards.length - 1;
  if (view.page === 0) return `Showing ${view.cards.length} of ${view.total} ${noun}`;
  if (first === last) return `Showing paper ${first} of ${view.total}`;
  return `Showing ${first}–${last} of ${view.total} ${noun}`;
}

/**
 * What follows the count: `for “long context”`, `for “long context” with year: 2023`, or for
 * filters alone `with year: 2023`. The query is cut to `max` characters.
 */
export function resultsSubject(description: SearchDescription, max = 200): string {
  const parts: string[] = [];
  if (description.text !== '') parts.push(`for “${cut(description.text, max)}”`);
  if (description.filters.length > 0) parts.push(`with ${filterList(description.filters)}`);
  return parts.join(' ');
}

/**
 * Why a search found nothing: `No papers match “long context” with year: 1999.`, and when one
 * filter emptied it, how many papers there are without it.
 */
export function noResultsText(view: Pick<ResultsView, 'request' | 'emptiedBy'>, max = 200): string {
  const description = describeSearch(view.request);
  const what = [
    description.text !== '' ? `“${cut(description.text, max)}”` : '',
    description.filters.length > 0
      ? `${description.text !== '' ? 'with ' : ''}${filterList(description.filters)}`
      : '',
  ]
    .filter((part) => part !== '')
    .join(' ');
  const head = `No papers match ${what || 'that'}.`;
  const emptied = view.emptiedBy;
  if (!emptied) return head;
  const count = `${emptied.total} ${emptied.total === 1 ? 'does' : 'do'}`;
  return `${head} Without ${emptied.filter}, ${count}.`;
}

function cut(text: string, max: number): string {
  // By code points: a cut must not split an emoji's surrogate pair.
  const points = Array.from(text.replace(/\s+/g, ' ').trim());
  return points.length > max ? `${points.slice(0, max).join('')}…` : points.join('');
}
