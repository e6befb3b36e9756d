import { CITATION_FORMATS, type Engine } from '../engine-types.ts';
import { isShammieError, ShammieError } from '../errors.ts';
import { readReference } from '../search/paper-reference.ts';
import { splitFilters } from '../search/query-parser.ts';
import { HELP_ENTRIES } from '../views/help-entries.ts';
import { paperCard } from '../views/paper-card.ts';
import type { NoticeView, ReplyView, ResultsView, SearchRequest } from '../views/reply-view.ts';
import { filterList } from '../views/search-heading.ts';
import type { ChatCommand } from './grammar.ts';

/** Hits per page of a results view unless the platform asks otherwise. */
export const DEFAULT_PAGE_SIZE = 5;
/** Largest page a user may ask for. */
export const MAX_PAGE_SIZE = 10;
/** Papers in a topic digest or a similar list. */
export const DIGEST_SIZE = 3;
export const SIMILAR_SIZE = 5;

/** What answering needs besides the engine: injected so answers are deterministic in tests. */
export interface AnswerContext {
  /** Today's local date, YYYY-MM-DD, for `daily` with no date. */
  today: string;
  random: () => number;
  pageSize?: number;
}

/** Friendly words for a bug on our side; never the error itself. */
export const APOLOGY = 'Sorry, something went wrong on my side. Please try again in a moment.';

/** The commands that change or describe the library: each platform's library service answers them. */
export type LibraryCommand = Extract<ChatCommand, { kind: 'add' | 'remove' | 'library' }>;

/**
 * The commands the engine answers by itself: not daily subscriptions (they need the scheduler),
 * questions (an ask service answers them, maybe with a model, and platforms render them) nor
 * the library's commands (they fetch papers and store them).
 */
export type EngineCommand = Exclude<
  ChatCommand,
  | { kind: 'daily'; action: 'subscribe' | 'unsubscribe' | 'status' }
  | { kind: 'ask' }
  | LibraryCommand
  | { kind: 'watch' }
>;

/** True for `add`, `remove` and `library`, which the platform's library service answers. */
export function isLibraryCommand(command: ChatCommand): command is LibraryCommand {
  return command.kind === 'add' || command.kind === 'remove' || command.kind === 'library';
}

/**
 * True when the command is answered by `answer` alone; false when it needs the daily scheduler
 * or the library service, or is a question (`kind: 'ask'`).
 */
export function isEngineCommand(command: ChatCommand): command is EngineCommand {
  return (
    command.kind !== 'ask' &&
    !isLibraryCommand(command) &&
    command.kind !== 'watch' &&
    !(command.kind === 'daily' && command.action !== 'show')
  );
}

/**
 * Answers one command with a view. Errors the user caused become notices; anything else is
 * rethrown for the adapter to log (with its event id) and apologise for.
 */
export function answer(engine: Engine, command: EngineCommand, context: AnswerContext): ReplyView {
  try {
    return answerOrThrow(engine, command, context);
  } catch (error) {
    if (isShammieError(error)) return errorNotice(error);
    throw error;
  }
}

/** A user-caused error as a notice. */
export function errorNotice(error: ShammieError): NoticeView {
  return { kind: 'notice', tone: 'error', code: error.code, text: error.message };
}

function answerOrThrow(engine: Engine, command: EngineCommand, context: AnswerContext): ReplyView {
  switch (command.kind) {
    case 'search':
      return searchPage(engine, parseRequest(command.query, context.pageSize), 0);
    case 'paper': {
      const paper = engine.resolve(command.ref);
      return { kind: 'paper', card: paperCard(paper), abstract: paper.abstract };
    }
    case 'summary':
      return summaryOrDigest(engine, command.ref);
    case 'similar': {
      const paper = engine.resolve(command.ref);
      const hits = engine.similar(paper, SIMILAR_SIZE);
      return { kind: 'similar', of: paperCard(paper), cards: hits.map((h) => paperCard(h.paper)) };
    }
    case 'cite': {
      const paper = engine.resolve(command.ref);
      return {
        kind: 'citation',
        card: paperCard(paper),
        format: command.format,
        text: engine.cite(paper, command.format),
      };
    }
    case 'unknown-format':
      throw new ShammieError(
        'BAD_FORMAT',
        `There is no citation format “${command.name.slice(0, 40)}”. Formats: ${CITATION_FORMATS.join(', ')}.`,
      );
    case 'random': {
      const paper = engine.random(context.random, command.topic);
      if (!paper) {
        return {
          kind: 'notice',
          tone: 'info',
          text: `No paper matches “${command.topic ?? ''}”, so there is nothing to pick from.`,
        };
      }
      const view: ReplyView = {
        kind: 'random',
        card: paperCard(paper),
        tldr: engine.summarize(paper).tldr,
      };
      if (command.topic) view.topic = command.topic;
      return view;
    }
    case 'daily':
      return dailyView(engine, command.date ?? context.today);
    case 'help':
      return { kind: 'help', entries: [...HELP_ENTRIES], stats: engine.stats() };
  }
}

/** A search request from chat text: filters stay in the query, where the engine reads them. */
function parseRequest(query: string, pageSize = DEFAULT_PAGE_SIZE): SearchRequest {
  return { query, limit: Math.min(Math.max(1, pageSize), MAX_PAGE_SIZE) };
}

/**
 * One page (0-based) of a search, clamped to the pages that exist. Pages hold at most
 * `maxPageSize` papers: a chat message is kept to MAX_PAGE_SIZE, while a terminal, which prints
 * one page and no buttons, may ask for more.
 */
export function searchPage(
  engine: Engine,
  request: SearchRequest,
  page: number,
  maxPageSize = MAX_PAGE_SIZE,
): ResultsView {
  const limit = Math.min(Math.max(1, Math.floor(request.limit)), maxPageSize);
  const options = {
    limit,
    offset: Math.max(0, Math.floor(page)) * limit,
    ...(request.author ? { author: request.author } : {}),
    ...(request.year ? { year: request.year } : {}),
  };
  let result = engine.search(request.query, options);
  const pageCount = Math.max(1, Math.ceil(result.total / limit));
  if (options.offset >= result.total && result.total > 0) {
    options.offset = (pageCount - 1) * limit;
    result = engine.search(request.query, options);
  }
  const view: ResultsView = {
    kind: 'results',
    request: { ...request, limit },
    total: result.total,
    page: Math.floor(options.offset / limit),
    pageCount,
    cards: result.hits.map((hit) => paperCard(hit.paper, hit.snippet)),
  };
  if (result.total === 0) {
    const emptied = emptiedBy(engine, request);
    if (emptied) view.emptiedBy = emptied;
  }
  return view;
}

/**
 * The filter that emptied a search: the first whose removal finds papers, with how many; or
 * all of them together when no single one is to blame. Undefined when the words alone find
 * nothing.
 */
export function emptiedBy(
  engine: Engine,
  request: SearchRequest,
): { filter: string; total: number } | undefined {
  const { text, filters } = splitFilters(request.query);
  const all = [
    ...filters,
    ...(request.author ? [{ key: 'author' as const, value: request.author }] : []),
    ...(request.year ? [{ key: 'year' as const, value: request.year }] : []),
  ];
  if (all.length === 0) return undefined;
  const count = (kept: typeof all): number => {
    const query = [text, ...kept.map((f) => `${f.key}:"${f.value.replace(/"/g, '')}"`)].join(' ');
    try {
      return engine.search(query, { limit: 0 }).total;
    } catch {
      // Without its filters the query may be empty: nothing to compare with.
      return 0;
    }
  };
  for (let i = 0; i < all.length; i++) {
    const total = count(all.filter((_, j) => j !== i));
    const filter = all[i];
    if (total > 0 && filter) return { filter: `${filter.key}: ${filter.value}`, total };
  }
  if (all.length < 2) return undefined;
  const total = count([]);
  return total > 0
    ? { filter: filterList(all.map((f) => `${f.key}: ${f.value}`)), total }
    : undefined;
}

/**
 * `summary REF`: a paper's summary when REF names a paper, else a digest of the topic.
 * `paper:REF` forces the paper (the best match), `topic:REF` the digest.
 */
export function summaryOrDigest(engine: Engine, ref: string): ReplyView {
  const { intent } = readReference(ref);
  // resolve: a forced paper that nothing matches gets the not-found answer, not a digest.
  const paper = intent === 'paper' ? engine.resolve(ref) : engine.lookup(ref);
  if (paper) {
    const summary = engine.summarize(paper);
    return { kind: 'summary', card: paperCard(paper), tldr: summary.tldr, points: summary.points };
  }
  const digest = engine.digest(ref, DIGEST_SIZE);
  if (digest.items.length === 0) {
    throw new ShammieError('PAPER_NOT_FOUND', `No paper or topic matches “${digest.topic}”.`);
  }
  return {
    kind: 'digest',
    topic: digest.topic,
    total: digest.total,
    items: digest.items.map((item) => ({ card: paperCard(item.paper), tldr: item.tldr })),
  };
}

/** The daily view of a date. */
export function dailyView(engine: Engine, date: string): ReplyView {
  const paper = engine.daily(date);
  const summary = engine.summarize(paper);
  return {
    kind: 'daily',
    date,
    card: paperCard(paper),
    tldr: summary.tldr,
    points: summary.points,
  };
}
