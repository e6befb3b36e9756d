import type { Snippet } from '../engine-types.ts';
import type { Paper } from '../types.ts';
import type { PaperCard } from './reply-view.ts';

/** How many authors a card names before "+N". */
export const CARD_AUTHORS_SHOWN = 3;

/** "A, B, C +4": the first `shown` authors and how many more. */
export function shortenAuthors(authors: readonly string[], shown = CARD_AUTHORS_SHOWN): string {
  if (authors.length <= shown) return authors.join(', ');
  return `${authors.slice(0, shown).join(', ')} +${authors.length - shown}`;
}

/** The card of a paper, with the matched terms of a search when there are some. */
export function paperCard(paper: Paper, snippet?: Snippet): PaperCard {
  const card: PaperCard = {
    id: paper.id,
    title: paper.title,
    authors: paper.authors,
    authorsShort: shortenAuthors(paper.authors),
  };
  if (paper.url !== undefined) card.url = paper.url;
  if (paper.year !== undefined) card.year = paper.year;
  if (paper.venue !== undefined) card.venue = paper.venue;
  if (paper.arxiv !== undefined) card.arxiv = paper.arxiv;
  if (paper.doi !== undefined) card.doi = paper.doi;
  if (snippet !== undefined) card.snippet = snippet;
  return card;
}

/** "2023 · NeurIPS 2023", or whichever of the two is known. */
export function yearAndVenue(card: Pick<PaperCard, 'year' | 'venue'>): string {
  const parts: string[] = [];
  if (card.year !== undefined) parts.push(String(card.year));
  if (card.venue && !(card.year !== undefined && card.venue === String(card.year)))
    parts.push(card.venue);
  return parts.join(' · ');
}
