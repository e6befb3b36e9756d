import type { APIEmbed } from 'discord.js';
import type { PaperCard } from '../../src/index.ts';
import { LIMITS } from './limits.ts';
import { escapeLine, plainLine } from './text.ts';

/** The colour of Shammie's embeds. */
export const EMBED_COLOR = 0x2f7d6d;

/** Caps on the short parts of a card, so the description keeps most of the room. */
const AUTHOR_MAX = 120;
const FOOTER_MAX = 80;
const YEAR_VENUE_MAX = 120;

/** The card's landing page when it is a plain http(s) URL Discord will take, else undefined. */
export function safeUrl(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    const parsed = new URL(url.trim());
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
    const href = parsed.href;
    return href.length <= LIMITS.url && !/\s/.test(href) ? href : undefined;
  } catch {
    return undefined;
  }
}

/** What identifies the paper in the footer: the arXiv id, else the DOI, else Shammie's id. */
export function footerText(card: Pick<PaperCard, 'arxiv' | 'doi' | 'id'>): string {
  if (card.arxiv) return `arXiv:${card.arxiv}`;
  if (card.doi) return `doi:${card.doi}`;
  return `id: ${card.id}`;
}

/** "2023 · NeurIPS": whichever of the two is known. */
export function yearVenue(card: Pick<PaperCard, 'year' | 'venue'>): string {
  const parts: string[] = [];
  if (card.year !== undefined) parts.push(String(card.year));
  if (card.venue && card.venue.trim() !== '' && card.venue.trim() !== String(card.year)) {
    parts.push(card.venue);
  }
  return parts.join(' · ');
}

export interface CardEmbedOptions {
  /** Characters this embed may use in all (its share of the message's 6000). */
  budget: number;
  /** Shown before the title, e.g. "1." in a list. */
  number?: number;
  /** Writes the description (markdown, already escaped) in at most `max` characters. */
  body?: (max: number) => string;
}

/**
 * One paper as an embed: authors above, the linked title, the description the caller writes
 * (under a "year · venue" line) and the arXiv id in the footer, all within `budget`.
 */
export function cardEmbed(card: PaperCard, options: CardEmbedOptions): APIEmbed {
  const budget = Math.max(0, options.budget);
  const embed: APIEmbed = { color: EMBED_COLOR };

  const prefix = options.number !== undefined ? `${options.number}. ` : '';
  const titleMax = Math.min(LIMITS.embedTitle, Math.max(prefix.length + 8, Math.floor(budget / 3)));
  const title = prefix + escapeLine(card.title, titleMax - prefix.length);
  embed.title = title.trim() === '' || title === prefix ? `${prefix}(untitled)` : title;
  const url = safeUrl(card.url);
  if (url) embed.url = url;

  let used = embed.title.length;
  const authors = plainLine(card.authorsShort, Math.min(AUTHOR_MAX, Math.floor(budget / 6)));
  if (authors !== '') {
    embed.author = { name: authors };
    used += authors.length;
  }
  const footer = plainLine(footerText(card), Math.min(FOOTER_MAX, Math.floor(budget / 8)));
  if (footer !== '') {
    embed.footer = { text: footer };
    used += footer.length;
  }

  const room = Math.min(LIMITS.embedDescription, budget - used);
  const meta = yearVenue(card);
  const metaText = meta ? escapeLine(meta, Math.min(YEAR_VENUE_MAX, room - 3)) : '';
  const metaLine = metaText ? `*${metaText}*` : '';
  const bodyRoom = room - (metaLine ? metaLine.length + 1 : 0);
  const body = options.body && bodyRoom > 1 ? options.body(bodyRoom) : '';
  const description = [metaLine, body].filter((part) => part.trim() !== '').join('\n');
  if (description !== '' && description.length <= room) embed.description = description;
  return embed;
}
