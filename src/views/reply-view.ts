import type { CitationFormat, CorpusStats, KeyPoint, Snippet } from '../engine-types.ts';
import type { ShammieErrorCode } from '../errors.ts';
import type { RichText } from './rich-text.ts';

/**
 * Platform-neutral answers. The core decides *what* to say; each adapter's pure `toReply`
 * decides how it looks on its platform (embeds, Block Kit, terminal text) and enforces that
 * platform's size limits.
 */

/** What a platform needs to show one paper. Text is raw (unescaped): adapters escape for their markup. */
export interface PaperCard {
  id: string;
  title: string;
  url?: string;
  authors: string[];
  /** "A, B, C +4": the first authors and how many more. */
  authorsShort: string;
  year?: number;
  venue?: string;
  arxiv?: string;
  doi?: string;
  /** Matched terms marked, when the card answers a search. */
  snippet?: Snippet;
}

/** The search behind a results view, so an adapter can fetch another page later. */
export interface SearchRequest {
  query: string;
  author?: string;
  year?: string;
  /** Hits per page. */
  limit: number;
}

export interface ResultsView {
  kind: 'results';
  request: SearchRequest;
  total: number;
  /** 0-based page index and the number of pages (at least 1). */
  page: number;
  pageCount: number;
  cards: PaperCard[];
  /** When nothing matched but would without one filter: that filter ("year: 1999") and the count. */
  emptiedBy?: { filter: string; total: number };
}

export interface PaperView {
  kind: 'paper';
  card: PaperCard;
  abstract: string;
}

export interface SummaryView {
  kind: 'summary';
  card: PaperCard;
  tldr: string;
  points: KeyPoint[];
}

export interface DigestView {
  kind: 'digest';
  topic: string;
  total: number;
  items: Array<{ card: PaperCard; tldr: string }>;
}

export interface SimilarView {
  kind: 'similar';
  of: PaperCard;
  cards: PaperCard[];
}

export interface CitationView {
  kind: 'citation';
  card: PaperCard;
  format: CitationFormat;
  /** The citation itself; BibTeX goes in a code block. */
  text: string;
}

export interface RandomView {
  kind: 'random';
  topic?: string;
  card: PaperCard;
  tldr: string;
}

export interface DailyView {
  kind: 'daily';
  /** YYYY-MM-DD, the local date the pick is for. */
  date: string;
  card: PaperCard;
  tldr: string;
  points: KeyPoint[];
}

export interface HelpEntry {
  /** Command word, e.g. "search". */
  command: string;
  /** Arguments, e.g. "QUERY [author:NAME] [year:2023..2024]". */
  usage: string;
  example: string;
  description: string;
}

export interface HelpView {
  kind: 'help';
  entries: HelpEntry[];
  stats: CorpusStats;
}

/** A friendly message: an error the user caused, an empty topic, a bot-side apology. */
export interface NoticeView {
  kind: 'notice';
  tone: 'info' | 'error';
  code?: ShammieErrorCode | 'INTERNAL';
  /** The words, plain: no markup of any platform. */
  text: string;
  /** The same words with the things to type marked, when there are any (see `richNotice`). */
  rich?: RichText;
}

export type ReplyView =
  | ResultsView
  | PaperView
  | SummaryView
  | DigestView
  | SimilarView
  | CitationView
  | RandomView
  | DailyView
  | HelpView
  | NoticeView;
