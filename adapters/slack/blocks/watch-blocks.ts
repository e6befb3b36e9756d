import type { WatchItem, WatchPostView } from '../../shared/watch-port.ts';
import { escapeMrkdwn, truncate } from '../mrkdwn.ts';
import { encodeWatchValue, WATCH_ACTION_IDS } from '../watch/watch-actions.ts';
import {
  type ActionsBlock,
  actions,
  button,
  context,
  header,
  type SlackBlock,
  type SlackMessage,
  section,
} from './block-kit.ts';
import { fitMessage } from './fit-message.ts';
import { cardContext, cardFallback, cardLines } from './paper-card-blocks.ts';

/**
 * Papers per message of a watch post: three blocks each (section, context, buttons) and about
 * 1,500 characters of JSON, so five stay well inside Slack's 50 blocks and 12,000 characters.
 * A longer post goes out as several messages, in order.
 */
export const PAPERS_PER_SLACK_MESSAGE = 5;

/** Longest TL;DR and why a paper shows before "…". */
const TLDR_MAX = 700;
const WHY_MAX = 400;

/** The buttons under each paper, in order. */
const BUTTONS = [
  { kind: 'more', label: 'More like this' },
  { kind: 'less', label: 'Not for us' },
  { kind: 'save', label: 'Save' },
] as const;

/** One paper's section: numbered linked title, authors, year, TL;DR and why it is here. */
function itemSection(item: WatchItem, number: number): SlackBlock {
  const [title = '', ...rest] = cardLines(item.card);
  const lines = [`${number}. ${title}`, ...rest];
  if (item.tldr.trim() !== '') lines.push(`*TL;DR* ${escapeMrkdwn(truncate(item.tldr, TLDR_MAX))}`);
  if (item.why.trim() !== '') {
    lines.push(`*Why:* ${escapeMrkdwn(truncate(item.why.replace(/\s+/g, ' '), WHY_MAX))}`);
  }
  return section(lines.join('\n'));
}

/** More like this / Not for us / Save for one paper, or undefined without an arXiv id. */
function itemButtons(watchId: string, item: WatchItem, number: number): ActionsBlock | undefined {
  const arxiv = item.card.arxiv?.trim();
  const value = arxiv ? encodeWatchValue(watchId, arxiv) : undefined;
  if (value === undefined) return undefined;
  return actions(
    `watch_${number}`,
    BUTTONS.map(({ kind, label }) =>
      button(label, WATCH_ACTION_IDS[kind], value, kind === 'more' ? 'primary' : undefined),
    ),
  );
}

/**
 * A watch post as Slack messages: a header with the heading, then up to five papers a message,
 * each a section (title link, authors, TL;DR, why), its arXiv id and its three buttons (their
 * value carries the watch and the paper). Later messages open with a line saying which papers
 * they continue with. Nothing matched: the heading and the view's words. Every text escaped,
 * every message fitted to Slack's limits. Pure.
 */
export function watchSlackMessages(view: WatchPostView): SlackMessage[] {
  const heading = view.heading.trim() || 'New papers';
  if (view.items.length === 0) {
    const note = view.emptyText?.trim() ? escapeMrkdwn(truncate(view.emptyText, 2000)) : '';
    return [
      fitMessage(`${escapeMrkdwn(truncate(heading, 300))}${note ? `: ${note}` : ''}`, [
        header(heading),
        note ? section(note) : undefined,
      ]),
    ];
  }
  const messages: SlackMessage[] = [];
  const seen = new Set<string>();
  for (let start = 0; start < view.items.length; start += PAPERS_PER_SLACK_MESSAGE) {
    const items = view.items.slice(start, start + PAPERS_PER_SLACK_MESSAGE);
    const end = start + items.length;
    const blocks: Array<SlackBlock | undefined> = [
      start === 0
        ? header(heading)
        : context(
            `${escapeMrkdwn(truncate(heading, 300))} (continued: ${start + 1}–${end} of ${view.items.length})`,
          ),
    ];
    items.forEach((item, i) => {
      const number = start + i + 1;
      const arxiv = item.card.arxiv?.trim() ?? '';
      blocks.push(itemSection(item, number), cardContext(item.card));
      if (seen.has(arxiv)) return;
      const buttons = itemButtons(view.watchId, item, number);
      if (buttons) {
        seen.add(arxiv);
        blocks.push(buttons);
      }
    });
    const list = items.map((item, i) => `${start + i + 1}. ${cardFallback(item.card)}`).join('\n');
    messages.push(fitMessage(`${escapeMrkdwn(truncate(heading, 300))}\n${list}`, blocks));
  }
  return messages;
}
