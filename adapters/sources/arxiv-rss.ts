/**
 * arXiv's daily announcement feeds (RSS 2.0; `ARXIV_RSS_URL`, by default
 * https://rss.arxiv.org/rss/, with the category appended: `…/rss/cs.CL`, or several joined by
 * `+`). Each item carries `arxiv:announce_type` — new, cross, replace or replace-cross. On days
 * without an announcement (weekends, holidays: the channel's `skipDays`) the feed has no items,
 * which is an empty result, not an error.
 */

import { parseArxivId } from '../../src/index.ts';
import { checkCategory } from './arxiv-categories.ts';
import { arxivAbsUrl, arxivVersion } from './arxiv-ids.ts';
import { splitAuthorList } from './author-list.ts';
import {
  cleanAuthors,
  cleanText,
  MAX_ABSTRACT_LENGTH,
  MAX_CATEGORIES,
  MAX_TITLE_LENGTH,
} from './clean-text.ts';
import type { PoliteHttp } from './polite-http.ts';
import { serviceError } from './service-error.ts';
import { child, children, childText, parseXml, textOf } from './xml-document.ts';

/** How a paper came to be in the day's listing. */
export type AnnounceType = 'new' | 'cross' | 'replace' | 'replace-cross';

const ANNOUNCE_TYPES: readonly string[] = ['new', 'cross', 'replace', 'replace-cross'];

export interface AnnouncedPaper {
  /** The id without version. */
  arxiv: string;
  /** The announced version, when the feed says. */
  version?: number;
  title: string;
  abstract: string;
  authors: string[];
  categories: string[];
  announceType: AnnounceType;
  url: string;
}

export interface Announcement {
  /** The announcement date as arXiv states it (YYYY-MM-DD in arXiv's zone), when it does. */
  date?: string;
  items: AnnouncedPaper[];
}

export interface ArxivRss {
  /** The latest announcement of `category` (`cs.CL`, or several as `cs.CL+cs.AI`). */
  announcements(category: string): Promise<Announcement>;
}

export interface ArxivRssOptions {
  /** A client whose base URL is the feed base (the category is appended). */
  http: PoliteHttp;
}

/** Creates the announcement-feed client (see the module comment). */
export function createArxivRss(options: ArxivRssOptions): ArxivRss {
  const { http } = options;
  return {
    async announcements(category) {
      const categories = category.split('+').map(checkCategory);
      const answer = await http.getText(categories.join('+'), {
        accept: 'application/rss+xml, application/xml',
      });
      return readAnnouncement(answer.text, http.service);
    },
  };
}

/** Reads an announcement feed; anything that is not RSS is BAD_RESPONSE. */
export function readAnnouncement(text: string, service = 'arXiv'): Announcement {
  const channel = child(child(parseXml(text), 'rss'), 'channel');
  if (!channel) throw serviceError('BAD_RESPONSE', service);
  const date = announcementDate(
    childText(channel, 'pubDate') || childText(channel, 'lastBuildDate'),
  );
  const items: AnnouncedPaper[] = [];
  for (const item of children(channel, 'item')) {
    const paper = readItem(item);
    if (paper) items.push(paper);
  }
  return date === undefined ? { items } : { date, items };
}

/** "Arxiv:2402.01234v1 Announce Type: new \nAbstract: …": the prefix arXiv puts before abstracts. */
const DESCRIPTION_PREFIX = /^\s*arXiv:\S+\s+Announce Type:\s*\S+\s*(?:Abstract:\s*)?/i;

function readItem(item: unknown): AnnouncedPaper | undefined {
  const link = childText(item, 'link');
  const guid = childText(item, 'guid').replace(/^oai:arXiv\.org:/i, '');
  const arxiv = parseArxivId(link) ?? parseArxivId(guid);
  if (arxiv === undefined) return undefined;
  const version = arxivVersion(guid) ?? arxivVersion(link);
  const description = textOf((item as { description?: unknown }).description);
  const categories = [...new Set(children(item, 'category').map((c) => cleanText(textOf(c), 100)))]
    .filter((c) => c !== '')
    .slice(0, MAX_CATEGORIES);
  const paper: AnnouncedPaper = {
    arxiv,
    title: cleanText(textOf((item as { title?: unknown }).title), MAX_TITLE_LENGTH),
    abstract: cleanText(description.replace(DESCRIPTION_PREFIX, ''), MAX_ABSTRACT_LENGTH),
    authors: cleanAuthors(splitAuthorList(childText(item, 'creator'))),
    categories,
    announceType: announceType(childText(item, 'announce_type'), version),
    url: arxivAbsUrl(arxiv),
  };
  if (version !== undefined) paper.version = version;
  return paper;
}

/** The item's type; an unknown one is read from the version (a first version is new). */
function announceType(text: string, version: number | undefined): AnnounceType {
  const type = text.toLowerCase();
  if (ANNOUNCE_TYPES.includes(type)) return type as AnnounceType;
  return version === undefined || version === 1 ? 'new' : 'replace';
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * The calendar date of an RFC 822 date as written ("Fri, 23 Feb 2024 00:00:00 -0500" →
 * 2024-02-23): arXiv's announcement day in its own zone, not converted to UTC.
 */
export function announcementDate(text: string): string | undefined {
  const match = /^(?:[A-Za-z]{3},\s*)?(\d{1,2})\s+([A-Za-z]{3})[a-z]*\s+(\d{4})\b/.exec(
    text.trim(),
  );
  if (!match) return undefined;
  const month = MONTHS.indexOf(match[2]!.toLowerCase());
  const day = Number(match[1]);
  if (month === -1 || day < 1 || day > 31) return undefined;
  return `${match[3]}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
