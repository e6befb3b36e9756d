import type { APIButtonComponentWithCustomId, APIEmbed } from 'discord.js';
import type { WatchFeedbackKind, WatchItem, WatchPostView } from '../shared/watch-port.ts';
import { cardEmbed } from './card-embed.ts';
import { embedShare, LIMITS } from './limits.ts';
import {
  BUTTON_STYLE,
  COMPONENT,
  type MessageRow,
  NO_MENTIONS,
  type ReplyPayload,
} from './reply-payload.ts';
import { cut, escapeLine, escapeText, plainLine } from './text.ts';
import { encodeWatchButton } from './watch-buttons.ts';

/**
 * Papers per message of a watch post: one action row of three buttons each, and Discord allows
 * five rows a message. A longer post goes out as several messages, in order.
 */
export const PAPERS_PER_MESSAGE = LIMITS.rows;

/** The buttons under each paper, in order. */
export const WATCH_BUTTONS: ReadonlyArray<{ kind: WatchFeedbackKind; label: string }> = [
  { kind: 'more', label: 'More like this' },
  { kind: 'less', label: 'Not for us' },
  { kind: 'save', label: 'Save' },
];

/** Longest heading shown in a message's first line. */
const HEADING_MAX = 300;
/** Longest thread name Discord accepts. */
const THREAD_NAME_MAX = 100;
/** The share of a paper's description its "Why" may take when the TL;DR is long too. */
const WHY_SHARE = 0.4;

/** The post's first line: "📰 New in cs.CL · 2 Dec — 5 of 143 announced". */
function headingLine(view: WatchPostView): string {
  return `📰 ${escapeLine(view.heading, HEADING_MAX) || 'New papers'}`;
}

/** "**TL;DR** … \n**Why:** …", escaped, within `max`. */
export function watchBody(item: Pick<WatchItem, 'tldr' | 'why'>, max: number): string {
  const tldrHead = '**TL;DR** ';
  const whyHead = '**Why:** ';
  const hasTldr = item.tldr.trim() !== '';
  const hasWhy = item.why.trim() !== '';
  const whyMax = hasWhy
    ? Math.max(0, Math.floor((hasTldr ? max * WHY_SHARE : max) - whyHead.length - 1))
    : 0;
  const why = hasWhy ? `${whyHead}${escapeLine(item.why, whyMax)}` : '';
  const tldrRoom = max - (why ? why.length + 1 : 0) - tldrHead.length;
  const tldr = hasTldr && tldrRoom > 8 ? `${tldrHead}${escapeText(item.tldr, tldrRoom)}` : '';
  return cut([tldr, why].filter((part) => part !== '').join('\n'), max);
}

/** The row of More like this / Not for us / Save under paper `number`, or undefined. */
function feedbackRow(watchId: string, item: WatchItem, number: number): MessageRow | undefined {
  const arxiv = item.card.arxiv?.trim();
  if (!arxiv) return undefined;
  const buttons: APIButtonComponentWithCustomId[] = [];
  for (const { kind, label } of WATCH_BUTTONS) {
    const customId = encodeWatchButton({ kind, watchId, arxiv });
    if (customId === undefined) return undefined;
    buttons.push({
      type: COMPONENT.button,
      custom_id: customId,
      label: plainLine(`${label} #${number}`, LIMITS.buttonLabel),
      style: kind === 'more' ? BUTTON_STYLE.primary : BUTTON_STYLE.secondary,
    });
  }
  return { type: COMPONENT.row, components: buttons };
}

function message(content: string, embeds: APIEmbed[], components: MessageRow[]): ReplyPayload {
  return {
    content: cut(content, LIMITS.content),
    embeds: embeds.slice(0, LIMITS.embeds),
    components: components.slice(0, LIMITS.rows),
    allowed_mentions: NO_MENTIONS,
  };
}

/**
 * A watch post as Discord messages: the heading and up to five papers a message, each paper an
 * embed (numbered, linked title, authors, TL;DR, why it is here, arXiv id) with its row of
 * buttons. Later messages say which papers they continue with, so every message's text differs
 * (the read-back after an uncertain post tells them apart). A paper without an arXiv id, or
 * whose ids would not fit a button, gets no buttons; a paper repeated in the view gets them once.
 * Nothing matched: one message with the heading and the view's words. Pure.
 */
export function watchMessages(view: WatchPostView): ReplyPayload[] {
  const heading = headingLine(view);
  if (view.items.length === 0) {
    const note = view.emptyText?.trim() ? `\n${escapeText(view.emptyText, 1500)}` : '';
    return [message(`${heading}${note}`, [], [])];
  }
  const seen = new Set<string>();
  const messages: ReplyPayload[] = [];
  for (let start = 0; start < view.items.length; start += PAPERS_PER_MESSAGE) {
    const items = view.items.slice(start, start + PAPERS_PER_MESSAGE);
    const budget = embedShare(items.length);
    const embeds = items.map((item, i) =>
      cardEmbed(item.card, {
        budget,
        number: start + i + 1,
        body: (max) => watchBody(item, max),
      }),
    );
    const rows: MessageRow[] = [];
    items.forEach((item, i) => {
      const arxiv = item.card.arxiv?.trim() ?? '';
      if (seen.has(arxiv)) return;
      const row = feedbackRow(view.watchId, item, start + i + 1);
      if (!row) return;
      seen.add(arxiv);
      rows.push(row);
    });
    const end = start + items.length;
    const content =
      start === 0 ? heading : `${heading} (continued: ${start + 1}–${end} of ${view.items.length})`;
    messages.push(message(content, embeds, rows));
  }
  return messages;
}

/** The name of a watch post's discussion thread: "Discuss: New in cs.CL · 2 Dec", ≤ 100. */
export function watchThreadName(view: WatchPostView): string {
  return plainLine(`Discuss: ${view.heading}`, THREAD_NAME_MAX) || 'Discuss';
}
