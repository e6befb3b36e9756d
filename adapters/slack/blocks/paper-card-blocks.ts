import { type PaperCard, yearAndVenue } from '../../../src/index.ts';
import { escapeMrkdwn, mrkdwnLink, snippetToMrkdwn, truncate } from '../mrkdwn.ts';
import { ACTION_IDS } from './action-ids.ts';
import {
  type ActionsBlock,
  actions,
  button,
  type ContextBlock,
  context,
  type SectionBlock,
  section,
} from './block-kit.ts';

/** Longest title, author line and venue line a card shows before "…". */
const TITLE_MAX = 300;
const AUTHORS_MAX = 300;
const VENUE_MAX = 200;
/** Longest snippet a card shows; ten of them must still fit one message. */
export const SNIPPET_MAX = 500;

/** The card's first lines as escaped mrkdwn: linked bold title, authors, year · venue. */
export function cardLines(card: PaperCard): string[] {
  const lines = [`*${mrkdwnLink(card.url, truncate(card.title.trim() || card.id, TITLE_MAX))}*`];
  if (card.authorsShort.trim() !== '') {
    lines.push(escapeMrkdwn(truncate(oneLine(card.authorsShort), AUTHORS_MAX)));
  }
  const when = yearAndVenue(card);
  if (when !== '') lines.push(escapeMrkdwn(truncate(oneLine(when), VENUE_MAX)));
  return lines;
}

/** A paper's section: title, authors, year · venue, and the snippet with matched terms in bold. */
export function cardSection(card: PaperCard, extra: string[] = []): SectionBlock {
  const lines = cardLines(card);
  if (card.snippet && card.snippet.length > 0) {
    lines.push(`>${snippetToMrkdwn(card.snippet, SNIPPET_MAX)}`);
  }
  return section([...lines, ...extra].join('\n'));
}

/** The context line naming the paper: arXiv id, else DOI, else Shammie's id. */
export function cardContext(card: PaperCard, ...more: string[]): ContextBlock {
  const ids: string[] = [];
  if (card.arxiv) ids.push(`arXiv:${escapeMrkdwn(truncate(card.arxiv, 100))}`);
  if (card.doi) ids.push(`DOI ${escapeMrkdwn(truncate(card.doi, 200))}`);
  if (ids.length === 0) ids.push(`id ${escapeMrkdwn(truncate(card.id, 200))}`);
  return context(ids.join(' · '), ...more);
}

/**
 * Summary, Similar and Cite buttons carrying the paper's id. A paper whose id is too long for a
 * button value simply gets no buttons.
 */
export function cardButtons(card: PaperCard, blockId: string): ActionsBlock | undefined {
  return actions(blockId, [
    button('Summary', ACTION_IDS.summary, card.id),
    button('Similar', ACTION_IDS.similar, card.id),
    button('Cite', ACTION_IDS.cite, card.id),
  ]);
}

/**
 * A paper of a list as its three blocks: section (with `extra` lines), context, buttons. The
 * buttons' block id is the paper's place in the list, which keeps ids unique in a message.
 */
export function listedCardBlocks(
  card: PaperCard,
  index: number,
  extra: string[] = [],
): Array<SectionBlock | ContextBlock | ActionsBlock | undefined> {
  return [cardSection(card, extra), cardContext(card), cardButtons(card, `paper_${index}`)];
}

/** The plain fallback of a list: one numbered line per card, counting from `first`. */
export function cardListFallback(cards: readonly PaperCard[], first = 1): string {
  return cards.map((card, i) => `${first + i}. ${cardFallback(card)}`).join('\n');
}

/** The one-line plain fallback of a card: "Title (2023)". */
export function cardFallback(card: PaperCard): string {
  const year = card.year !== undefined ? ` (${card.year})` : '';
  return `${escapeMrkdwn(truncate(oneLine(card.title || card.id), 200))}${year}`;
}

/** Collapses line breaks: a title or author list is one line. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
