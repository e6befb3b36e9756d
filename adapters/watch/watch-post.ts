/**
 * One watch's post for the day: its categories' announcements, the candidates that are new to
 * the channel, ranked against the channel's profile (the library, and the papers it liked and
 * disliked), the top relevant ones as a view.
 */

import {
  type CandidateIndex,
  type Engine,
  indexCandidates,
  type Paper,
  paperCard,
  type RankedCandidate,
  rankCandidates,
} from '../../src/index.ts';
import type { WatchItem, WatchPostView } from '../shared/watch-port.ts';
import type { AnnouncedPaper } from '../sources/arxiv-rss.ts';
import type { AnnouncementFeed } from './announcement-feed.ts';
import type { Watch, WatchStore } from './watch-store.ts';

/** What a watch does today. */
export type WatchPlan =
  | { kind: 'post'; announcement: string; view: WatchPostView; papers: Paper[] }
  /** Nothing matched and the watch stays quiet. */
  | { kind: 'quiet'; announcement: string }
  /** No announcement today, or this one was already posted: nothing to do. */
  | { kind: 'none'; reason: string }
  | { kind: 'down'; error: string; retryAt: number };

/** Said under a paper whose announcement carries no abstract. */
export const NO_ABSTRACT = 'The announcement has no abstract for this paper.';

/** Indexed announcements kept in memory (each is a few hundred papers). */
const INDEX_MEMO_LIMIT = 64;

export interface WatchPosts {
  /** Today's plan of `watch` for its local date `date`. */
  plan(watch: Watch, date: string): Promise<WatchPlan>;
  /** The watch's ranked candidates of today's announcement (shown or not), for `why` and preview. */
  ranked(watch: Watch): Promise<{ ranked: RankedCandidate[]; total: number } | WatchPlan>;
}

/** The day's candidates of a set of categories, indexed once for every channel. */
interface DayCandidates {
  key: string;
  date: string;
  papers: Paper[];
  announceTypes: Map<string, AnnouncedPaper['announceType']>;
  index: CandidateIndex;
}

export interface WatchPostsOptions {
  store: WatchStore;
  feed: AnnouncementFeed;
  /** The library (its `papers` are the profile) and the summarizer. */
  engine: Pick<Engine, 'papers' | 'summarize'>;
}

/** Creates the post builder (see the module comment). */
export function createWatchPosts(options: WatchPostsOptions): WatchPosts {
  const { store, feed, engine } = options;
  const memo = new Map<string, DayCandidates>();

  async function dayCandidates(categories: readonly string[]) {
    const announcements = [];
    for (const category of categories) {
      const outcome = await feed.today(category);
      if (outcome.kind !== 'ready') return outcome;
      announcements.push(outcome.announcement);
    }
    const key = announcements.map((a) => `${a.category}@${a.announced ?? a.cycle}`).join(',');
    let day = memo.get(key);
    if (!day) {
      const announceTypes = new Map<string, AnnouncedPaper['announceType']>();
      const papers: Paper[] = [];
      for (const item of announcements.flatMap((a) => a.items)) {
        // A replaced version is not new; a paper in two watched categories is one candidate.
        if (item.announceType !== 'new' && item.announceType !== 'cross') continue;
        if (announceTypes.has(item.arxiv)) continue;
        announceTypes.set(item.arxiv, item.announceType);
        papers.push(toPaper(item));
      }
      const date = announcements[0]!.announced ?? announcements[0]!.cycle;
      day = { key, date, papers, announceTypes, index: indexCandidates(papers) };
      if (memo.size >= INDEX_MEMO_LIMIT) memo.clear();
      memo.set(key, day);
    }
    return day;
  }

  function rankFor(watch: Watch, day: DayCandidates): RankedCandidate[] {
    const { liked, disliked } = store.feedback(watch.platform, watch.channelId);
    const { keywords, phrases, authors, exclude } = watch.spec;
    return rankCandidates(
      day.index,
      { keywords, phrases, authors, exclude },
      { library: engine.papers, liked, disliked },
    ).filter((c) => watch.spec.crossLists || day.announceTypes.get(c.paper.id) === 'new');
  }

  function total(watch: Watch, day: DayCandidates): number {
    if (watch.spec.crossLists) return day.papers.length;
    return day.papers.filter((p) => day.announceTypes.get(p.id) === 'new').length;
  }

  return {
    async ranked(watch) {
      const day = await dayCandidates(watch.spec.categories);
      if (!('index' in day)) return day;
      return { ranked: rankFor(watch, day), total: total(watch, day) };
    },

    async plan(watch, date) {
      const day = await dayCandidates(watch.spec.categories);
      if (!('index' in day)) return day;
      const announcement = day.key;
      if (store.hadAnnouncement(watch.id, announcement)) {
        return { kind: 'none', reason: 'this announcement was already posted' };
      }
      const shown = store.shownIn(watch.platform, watch.channelId);
      const chosen = rankFor(watch, day)
        .filter((c) => c.relevant && !shown.has(c.paper.id))
        .slice(0, watch.spec.count);
      if (chosen.length === 0 && watch.spec.quiet) return { kind: 'quiet', announcement };
      const view = watchView(
        watch,
        { date, announced: day.date },
        total(watch, day),
        chosen,
        engine,
      );
      return { kind: 'post', announcement, view, papers: chosen.map((c) => c.paper) };
    },
  };
}

/** A candidate as a paper the core can rank and summarize; its id is its arXiv id. */
export function toPaper(item: AnnouncedPaper): Paper {
  return {
    id: item.arxiv,
    arxiv: item.arxiv,
    title: item.title || `arXiv:${item.arxiv}`,
    abstract: item.abstract,
    authors: item.authors,
    url: item.url,
  };
}

/** `2 Dec` for 2024-12-02. */
export function shortDate(date: string): string {
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' })
    .format(Date.parse(`${date}T12:00:00Z`))
    .replace('Sept', 'Sep');
}

/** The post: `New in cs.CL · 2 Dec — 5 of 143 announced`, and each paper with its TL;DR and why. */
export function watchView(
  watch: Pick<Watch, 'id' | 'spec'>,
  dates: { date: string; announced: string },
  total: number,
  chosen: readonly RankedCandidate[],
  engine: Pick<Engine, 'summarize'>,
): WatchPostView {
  const items: WatchItem[] = chosen.map((c) => ({
    card: paperCard(c.paper),
    tldr:
      c.paper.abstract.trim() === '' ? NO_ABSTRACT : engine.summarize(c.paper).tldr || NO_ABSTRACT,
    why: c.why,
  }));
  const heading = `New in ${watch.spec.categories.join(', ')} · ${shortDate(dates.announced)} — ${items.length} of ${total} announced`;
  const view: WatchPostView = {
    kind: 'watch',
    date: dates.date,
    watchId: String(watch.id),
    heading,
    items,
  };
  if (items.length === 0) {
    view.emptyText = `Nothing among the ${total} papers announced matched this watch today.`;
  }
  return view;
}
