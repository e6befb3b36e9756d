import {
  type DigestView,
  describeSearch,
  noResultsText,
  type ResultsView,
  resultsSubject,
  type SimilarView,
} from '../../../src/index.ts';
import { escapeMrkdwn, truncate } from '../mrkdwn.ts';
import { ACTION_IDS } from './action-ids.ts';
import { actions, button, context, header, type SlackBlock, section } from './block-kit.ts';
import { cardFallback, cardListFallback, listedCardBlocks, oneLine } from './paper-card-blocks.ts';

/** The blocks and fallback text of a message, before `fitMessage`. */
export interface Draft {
  text: string;
  blocks: Array<SlackBlock | undefined>;
}

/** Longest TL;DR shown under a digest entry. */
const DIGEST_TLDR_MAX = 600;

/**
 * A page of search results: header, a count, one section per paper with its ids and buttons,
 * and More results when `moreValue` (the paging key of the next page) is given.
 */
export function resultsDraft(view: ResultsView, moreValue?: string): Draft {
  const subject = oneLine(resultsSubject(describeSearch(view.request), 500));
  const blocks: Array<SlackBlock | undefined> = [header(`Results ${subject}`.trim())];
  if (view.total === 0 || view.cards.length === 0) {
    blocks.push(
      section(`${escapeMrkdwn(noResultsText(view, 500))} Try fewer or other words, or \`help\`.`),
    );
    return { text: escapeMrkdwn(noResultsText(view, 200)), blocks };
  }
  const first = view.page * view.request.limit + 1;
  const last = first + view.cards.length - 1;
  blocks.push(
    context(
      `${first}–${last} of ${view.total} ${view.total === 1 ? 'paper' : 'papers'} · page ${view.page + 1} of ${view.pageCount}`,
    ),
  );
  view.cards.forEach((card, index) => {
    blocks.push(...listedCardBlocks(card, index));
  });
  if (moreValue !== undefined && view.page + 1 < view.pageCount) {
    blocks.push(actions('more', [button('More results', ACTION_IDS.more, moreValue, 'primary')]));
  }
  const list = cardListFallback(view.cards, first);
  return {
    text: `Results ${escapeMrkdwn(oneLine(resultsSubject(describeSearch(view.request), 200)))} (${first}–${last} of ${view.total}):\n${list}`,
    blocks,
  };
}

/** A digest of a topic: each paper with its TL;DR. */
export function digestDraft(view: DigestView): Draft {
  const topic = oneLine(view.topic);
  const blocks: Array<SlackBlock | undefined> = [
    header(`Digest: ${topic}`),
    context(
      `${view.total} ${view.total === 1 ? 'paper matches' : 'papers match'}; the best ${view.items.length}:`,
    ),
  ];
  view.items.forEach((item, index) => {
    const tldr = escapeMrkdwn(truncate(item.tldr, DIGEST_TLDR_MAX));
    blocks.push(...listedCardBlocks(item.card, index, [tldr]));
  });
  const list = cardListFallback(view.items.map((item) => item.card));
  return { text: `Digest of “${escapeMrkdwn(truncate(topic, 200))}”:\n${list}`, blocks };
}

/** Papers similar to one paper. */
export function similarDraft(view: SimilarView): Draft {
  const blocks: Array<SlackBlock | undefined> = [header(`Similar to ${oneLine(view.of.title)}`)];
  if (view.cards.length === 0) {
    blocks.push(section('I found no paper sharing its distinctive terms.'));
    return { text: `No papers similar to ${cardFallback(view.of)}.`, blocks };
  }
  view.cards.forEach((card, index) => {
    blocks.push(...listedCardBlocks(card, index));
  });
  const list = cardListFallback(view.cards);
  return { text: `Papers similar to ${cardFallback(view.of)}:\n${list}`, blocks };
}
