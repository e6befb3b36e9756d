import type { APIEmbed } from 'discord.js';
import type {
  CitationView,
  DailyView,
  DigestView,
  HelpView,
  KeyPoint,
  NoticeView,
  PaperView,
  RandomView,
  ReplyView,
  ResultsView,
  SimilarView,
  SummaryView,
} from '../../src/index.ts';
import { describeSearch, noResultsText, resultsCount, resultsSubject } from '../../src/index.ts';
import {
  type AskAnswerView,
  type AskProgressView,
  type AskReplyParts,
  askAnswerParts,
  askProgressParts,
} from './ask-reply.ts';
import type { ResultsPlace } from './button-store.ts';
import { cardEmbed, EMBED_COLOR } from './card-embed.ts';
import { anotherButton, pagingRow, paperButtons, paperListRows, toolRow } from './components.ts';
import { type LibraryView, libraryReplyParts } from './library-reply.ts';
import { embedLength, embedShare, LIMITS } from './limits.ts';
import { noticeText } from './notice-text.ts';
import { type ButtonSink, collectButtons, type RenderedReply } from './pending-buttons.ts';
import { EPHEMERAL, type MessageRow, NO_MENTIONS, type ReplyPayload } from './reply-payload.ts';
import { boldSnippet, codeBlock, cut, escapeLine, escapeText } from './text.ts';

/** A message only Shammie's Discord side says: the answer of a daily or watch command. */
export interface DailyAdminView {
  kind: 'daily-admin';
  ok: boolean;
  text: string;
  /** Said in the channel (a subscription changed) rather than to the user alone. */
  public: boolean;
}

/** Everything the Discord adapter can show. */
export type DiscordView =
  | ReplyView
  | DailyAdminView
  | AskAnswerView
  | AskProgressView
  | LibraryView;

export interface ToReplyContext {
  /** The search page this view was reached from: its buttons keep a way back. */
  back?: ResultsPlace;
}

/** What the renderers below draw with: the way back, and where each button's action goes. */
interface RenderContext extends ToReplyContext {
  store: ButtonSink;
}

/** The longest quoted query in a message's first line. */
const QUOTE_MAX = 200;

const POINT_LABELS: Record<KeyPoint['kind'], string> = {
  problem: 'Problem',
  method: 'Method',
  result: 'Result',
};

function payload(
  content: string | undefined,
  embeds: APIEmbed[],
  components: MessageRow[],
  ephemeral = false,
): ReplyPayload {
  return {
    ...(content !== undefined ? { content: cut(content, LIMITS.content) } : {}),
    embeds: embeds.slice(0, LIMITS.embeds),
    components: components.slice(0, LIMITS.rows),
    ...(ephemeral ? { flags: EPHEMERAL } : {}),
    allowed_mentions: NO_MENTIONS,
  };
}

function partsPayload(parts: AskReplyParts): ReplyPayload {
  return payload(parts.content, parts.embeds, parts.rows);
}

function quote(text: string): string {
  return `“${escapeLine(text, QUOTE_MAX)}”`;
}

/** "**TL;DR** …" and the key points, escaped, within `max`. */
function summaryBody(tldr: string, points: readonly KeyPoint[], max: number): string {
  const head = '**TL;DR** ';
  const tldrMax = points.length > 0 ? Math.floor(max * 0.45) : max;
  const lines = [head + escapeText(tldr, Math.max(0, tldrMax - head.length))];
  let left = max - (lines[0]?.length ?? 0);
  points.forEach((point, i) => {
    const label = `\n• **${POINT_LABELS[point.kind]}** `;
    const room = Math.floor(left / (points.length - i)) - label.length;
    if (room < 8) return;
    const line = label + escapeText(point.text, room).replace(/\n+/g, ' ');
    lines.push(line);
    left -= line.length;
  });
  return lines.join('');
}

/**
 * A core view (or a daily-admin answer) as a Discord message: escaped, bolded, cut to every
 * limit. Pure: the buttons' actions come back beside the payload, for the caller to store
 * (`storeButtons`) just before sending.
 */
export function toReply(view: DiscordView, context: ToReplyContext = {}): RenderedReply {
  const store = collectButtons();
  const payload = render(view, { ...context, store });
  return { payload, buttons: store.buttons };
}

function render(view: DiscordView, context: RenderContext): ReplyPayload {
  switch (view.kind) {
    case 'results':
      return resultsReply(view, context.store);
    case 'paper':
      return paperReply(view, context);
    case 'summary':
      return summaryReply(view, context);
    case 'digest':
      return digestReply(view, context);
    case 'similar':
      return similarReply(view, context);
    case 'citation':
      return citationReply(view, context);
    case 'random':
      return randomReply(view, context);
    case 'daily':
      return dailyMessage(view, context);
    case 'help':
      return helpReply(view);
    case 'notice':
      return noticeReply(view);
    case 'ask-answer':
      return partsPayload(askAnswerParts(view.answer, context.store));
    case 'ask-progress':
      return partsPayload(askProgressParts(view));
    case 'library-add':
    case 'library-remove':
    case 'library-summary': {
      const parts = libraryReplyParts(view);
      return payload(parts.content, parts.embeds, [], parts.ephemeral);
    }
    case 'daily-admin':
      return payload(
        `${view.ok ? '✅' : '⚠️'} ${escapeText(view.text, LIMITS.content - 3)}`,
        [],
        [],
        !(view.ok && view.public),
      );
  }
}

function resultsReply(view: ResultsView, store: ButtonSink): ReplyPayload {
  const { request } = view;
  // The words and filters are quoted back raw by the core, and escaped here.
  const subjectMax = QUOTE_MAX + 200;
  if (view.cards.length === 0) {
    return payload(
      `${escapeLine(noResultsText(view, QUOTE_MAX), subjectMax)} Try fewer or other words, or /help for examples.`,
      [],
      [],
      true,
    );
  }
  const subject = escapeLine(resultsSubject(describeSearch(request), QUOTE_MAX), subjectMax);
  const content = `🔎 **${resultsCount(view)}** ${subject}`.trimEnd();
  const first = view.page * request.limit + 1;
  const cards = view.cards.slice(0, LIMITS.embeds);
  const budget = embedShare(cards.length);
  const embeds = cards.map((card, i) =>
    cardEmbed(card, {
      budget,
      number: first + i,
      body: (max) => (card.snippet ? boldSnippet(card.snippet, max) : ''),
    }),
  );
  const place: ResultsPlace = { request, page: view.page };
  const paging = view.pageCount > 1 ? [pagingRow(store, place, view.pageCount)] : [];
  const rows = paperListRows(store, cards, LIMITS.rows - paging.length, {
    firstNumber: first,
    back: place,
  });
  return payload(content, embeds, [...rows, ...paging]);
}

function paperReply(view: PaperView, context: RenderContext): ReplyPayload {
  const { store, back } = context;
  const embed = cardEmbed(view.card, {
    budget: embedShare(1),
    body: (max) => escapeText(view.abstract, max),
  });
  const buttons = paperButtons(store, view.card.id, ['summary', 'similar', 'cite'], {
    ...(back ? { back } : {}),
  });
  return payload(undefined, [embed], toolRow(store, { ...(back ? { back } : {}), extra: buttons }));
}

function summaryReply(view: SummaryView, context: RenderContext): ReplyPayload {
  const { store, back } = context;
  const embed = cardEmbed(view.card, {
    budget: embedShare(1),
    body: (max) => summaryBody(view.tldr, view.points, max),
  });
  const buttons = paperButtons(store, view.card.id, ['similar', 'cite'], {
    ...(back ? { back } : {}),
  });
  return payload(undefined, [embed], toolRow(store, { ...(back ? { back } : {}), extra: buttons }));
}

function digestReply(view: DigestView, context: RenderContext): ReplyPayload {
  const { store, back } = context;
  const shown = view.items.length;
  const content = `📚 Digest of ${quote(view.topic)}: the ${shown} best of ${view.total} matching papers`;
  const items = view.items.slice(0, LIMITS.embeds);
  const budget = embedShare(items.length);
  const embeds = items.map((item, i) =>
    cardEmbed(item.card, {
      budget,
      number: i + 1,
      body: (max) => summaryBody(item.tldr, [], max),
    }),
  );
  const tools = toolRow(store, back ? { back } : {});
  const rows = paperListRows(
    store,
    items.map((item) => item.card),
    LIMITS.rows - tools.length,
    back ? { back } : {},
  );
  return payload(content, embeds, [...rows, ...tools]);
}

function similarReply(view: SimilarView, context: RenderContext): ReplyPayload {
  const { store, back } = context;
  const title = escapeLine(view.of.title, 200) || '(untitled)';
  if (view.cards.length === 0) {
    return payload(
      `No other paper shares enough terms with **${title}**.`,
      [],
      toolRow(store, back ? { back } : {}),
    );
  }
  const cards = view.cards.slice(0, LIMITS.embeds);
  const budget = embedShare(cards.length);
  const embeds = cards.map((card, i) => cardEmbed(card, { budget, number: i + 1 }));
  const tools = toolRow(store, back ? { back } : {});
  const rows = paperListRows(store, cards, LIMITS.rows - tools.length, back ? { back } : {});
  return payload(`🧭 Papers similar to **${title}**`, embeds, [...rows, ...tools]);
}

function citationReply(view: CitationView, context: RenderContext): ReplyPayload {
  const { store, back } = context;
  const language = view.format === 'bibtex' ? 'bibtex' : '';
  const embed = cardEmbed(view.card, { budget: embedShare(1) });
  const buttons = paperButtons(store, view.card.id, ['summary', 'similar'], {
    ...(back ? { back } : {}),
  });
  return payload(
    codeBlock(view.text, language, LIMITS.content),
    [embed],
    toolRow(store, { ...(back ? { back } : {}), extra: buttons }),
  );
}

function randomReply(view: RandomView, context: RenderContext): ReplyPayload {
  const { store } = context;
  const content = view.topic ? `🎲 A random paper on ${quote(view.topic)}` : '🎲 A random paper';
  const embed = cardEmbed(view.card, {
    budget: embedShare(1),
    body: (max) => summaryBody(view.tldr, [], max),
  });
  const buttons = [
    ...paperButtons(store, view.card.id, ['summary', 'similar', 'cite']),
    anotherButton(store, view.topic),
  ];
  return payload(content, [embed], toolRow(store, { extra: buttons }));
}

/**
 * The daily paper as a message without buttons: the daily post to a channel, which outlives any
 * button state.
 */
export function dailyReply(view: DailyView): ReplyPayload {
  return dailyMessage(view);
}

/** The daily paper, with Similar / Cite buttons when it is an answer (`context` given). */
function dailyMessage(view: DailyView, context?: RenderContext): ReplyPayload {
  const embed = cardEmbed(view.card, {
    budget: embedShare(1),
    body: (max) => summaryBody(view.tldr, view.points, max),
  });
  const rows = context
    ? toolRow(context.store, {
        extra: paperButtons(context.store, view.card.id, ['similar', 'cite']),
      })
    : [];
  return payload(`📅 Paper of the day · ${escapeLine(view.date, 20)}`, [embed], rows);
}

function helpReply(view: HelpView): ReplyPayload {
  const lines = view.entries.map((entry) => {
    const usage = entry.usage ? ` ${entry.usage}` : '';
    return `**${entry.command}**${usage}\n${entry.description} Example: \`${entry.example}\``;
  });
  const embed: APIEmbed = {
    color: EMBED_COLOR,
    title: 'Shammie: papers for your lab',
    description: cut(lines.join('\n\n'), LIMITS.embedDescription),
    fields: helpStatsFields(view),
  };
  // The entries are ours, but the stats are the corpus's: keep the sum in bounds regardless.
  while (embedLength(embed) > LIMITS.embedTotal && (embed.fields?.length ?? 0) > 0) {
    embed.fields?.pop();
  }
  return payload(undefined, [embed], [], true);
}

function helpStatsFields(view: HelpView): NonNullable<APIEmbed['fields']> {
  const { stats } = view;
  const years = stats.years ? ` from ${stats.years.from} to ${stats.years.to}` : '';
  const fields = [{ name: 'Corpus', value: `${stats.papers} papers${years}`, inline: true }];
  if (stats.topAuthors.length > 0) {
    const authors = stats.topAuthors
      .slice(0, 5)
      .map((a) => `${escapeLine(a.name, 60)} (${a.papers})`)
      .join(', ');
    fields.push({ name: 'Most papers', value: cut(authors, LIMITS.fieldValue), inline: true });
  }
  if (stats.collections.length > 0) {
    const names = stats.collections.slice(0, 10).map((c) => escapeLine(c, 60));
    fields.push({
      name: 'Collections',
      value: cut(names.join(', '), LIMITS.fieldValue),
      inline: false,
    });
  }
  return fields.filter((f) => f.value.trim() !== '');
}

/** A notice: only the user sees it. */
export function noticeReply(view: NoticeView): ReplyPayload {
  return payload(noticeText(view), [], [], true);
}
