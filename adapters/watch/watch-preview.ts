/**
 * A watch's ranking of one day's announcement without posting anything: what `shammie watch
 * preview` prints and what `watch add` in the terminal shows. Today's announcement comes from
 * the feed; a past day's from arXiv's OAI-PMH, which lists papers by the date their record
 * changed: those whose first version is at most {@link NEW_WITHIN_DAYS} days older are the
 * day's new papers (the rest are replacements), cross-listed when their primary category is
 * another.
 */

import {
  indexCandidates,
  type Paper,
  type RankedCandidate,
  rankCandidates,
} from '../../src/index.ts';
import type { AnnouncedPaper } from '../sources/arxiv-rss.ts';
import type { Sources } from '../sources/create-sources.ts';
import { arxivDay } from './announcement-feed.ts';
import { toPaper } from './watch-post.ts';
import type { WatchSpec } from './watch-spec.ts';

/** A paper whose first version is this many days older than the day is not new that day. */
export const NEW_WITHIN_DAYS = 5;

export interface DayAnnouncement {
  /** The announcement's date as arXiv states it (or the day asked for). */
  date: string;
  items: AnnouncedPaper[];
}

/** Today's announcement of `category` from the feed, or a past day's from OAI-PMH. */
export async function announcementOf(
  sources: Pick<Sources, 'rss' | 'oai'>,
  category: string,
  day: string | undefined,
  now: number,
): Promise<DayAnnouncement> {
  const today = arxivDay(now);
  if (day === undefined || day >= today) {
    const feed = await sources.rss.announcements(category);
    return { date: feed.date ?? today, items: feed.items };
  }
  const items: AnnouncedPaper[] = [];
  const oldest = new Date(Date.parse(`${day}T00:00:00Z`) - NEW_WITHIN_DAYS * 86_400_000)
    .toISOString()
    .slice(0, 10);
  for await (const page of sources.oai.harvest({ category, from: day, until: day })) {
    for (const record of page.records) {
      const first = record.published?.slice(0, 10);
      if (record.withdrawn || first === undefined || first < oldest) continue;
      const primary = record.primaryCategory ?? record.categories[0];
      items.push({
        arxiv: record.arxiv,
        title: record.title,
        abstract: record.abstract,
        authors: record.authors,
        categories: record.categories,
        announceType: primary?.toLowerCase() === category.toLowerCase() ? 'new' : 'cross',
        url: record.url,
      });
    }
  }
  return { date: day, items };
}

/** The day's candidates ranked for a watch with `library` as its profile, best first. */
export function rankAnnouncement(
  spec: Pick<WatchSpec, 'keywords' | 'phrases' | 'authors' | 'exclude' | 'crossLists'>,
  items: readonly AnnouncedPaper[],
  library: readonly Paper[],
): { ranked: RankedCandidate[]; total: number } {
  const seen = new Set<string>();
  const papers = items
    .filter(
      (item) => item.announceType === 'new' || (spec.crossLists && item.announceType === 'cross'),
    )
    .filter((item) => !seen.has(item.arxiv) && seen.add(item.arxiv))
    .map(toPaper);
  const { keywords, phrases, authors, exclude } = spec;
  const ranked = rankCandidates(
    indexCandidates(papers),
    { keywords, phrases, authors, exclude },
    { library, liked: [], disliked: [] },
  );
  return { ranked, total: papers.length };
}
