import type { APIEmbed } from 'discord.js';
import { type Paper, paperCard } from '../../src/index.ts';
import type { AddResult } from '../library/add-papers.ts';
import { LIBRARY_SOURCES, type LibrarySource } from '../library/library-store.ts';
import type { LibrarySummary, RecentAddition } from '../library/library-summary.ts';
import type { RemoveResult } from '../library/remove-paper.ts';
import { cardEmbed, EMBED_COLOR } from './card-embed.ts';
import { embedShare, LIMITS } from './limits.ts';
import { escapeLine, escapeText, escapeUnits, fitUnits, oneLine } from './text.ts';

/**
 * The answers of /add, /remove and /library as Discord messages: the paper's card with who
 * added it and where (user and channel mentions, which ping nobody: every message is sent with
 * mentions off), "already in the library" with the card, a failure's sentence; the library's
 * sizes and last additions. Pure: results in, message parts out.
 */

/** Who did something, and where, as Discord knows them. */
export interface DiscordActor {
  userId: string;
  /** The channel, when it was done in a server's channel. */
  channelId?: string;
}

/** What /add did with each reference. */
export interface LibraryAddView {
  kind: 'library-add';
  results: AddResult[];
  /** The user who asked: a paper added now was added by them, there. */
  by: DiscordActor;
}

/** What /remove did. */
export interface LibraryRemoveView {
  kind: 'library-remove';
  result: RemoveResult;
  by: DiscordActor;
}

/** /library: sizes by source, the last additions, how to export. */
export interface LibrarySummaryView {
  kind: 'library-summary';
  summary: LibrarySummary;
}

export type LibraryView = LibraryAddView | LibraryRemoveView | LibrarySummaryView;

/** A message's parts, for the caller to put in a payload. */
export interface LibraryReplyParts {
  content?: string;
  embeds: APIEmbed[];
  /** Only the user sees it (nothing was changed, or it is a listing for them). */
  ephemeral: boolean;
}

/** Longest reference quoted back in a line of a several-reference answer. */
const REF_MAX = 80;
/** Longest title in the list of last additions. */
const RECENT_TITLE_MAX = 120;
/** Discord user and channel ids: only these become mentions, anything else is left out. */
const SNOWFLAKE = /^\d{17,20}$/;

/** Where the other platforms' additions come from, in words (their ids mean nothing here). */
const PLATFORM_WORDS: Record<string, string> = {
  slack: 'on Slack',
  cli: 'from the command line',
  terminal: 'in shammie chat',
};

const SOURCE_WORDS: Record<LibrarySource, string> = {
  chat: 'from the chat',
  arxiv: 'from arXiv',
  doi: 'by DOI',
  import: 'imported',
};

/** `<@id>` for a Discord user id, else undefined. */
function userMention(id: string | undefined): string | undefined {
  return id !== undefined && SNOWFLAKE.test(id) ? `<@${id}>` : undefined;
}

function channelMention(id: string | undefined): string | undefined {
  return id !== undefined && SNOWFLAKE.test(id) ? `<#${id}>` : undefined;
}

/** "by <@1…> in <#2…>" (either part left out when unknown); empty when neither is known. */
export function byWhom(actor: Partial<DiscordActor>): string {
  const user = userMention(actor.userId);
  const channel = channelMention(actor.channelId);
  return [user ? `by ${user}` : '', channel ? `in ${channel}` : ''].filter(Boolean).join(' ');
}

/**
 * Who added a stored paper and where, in words: mentions for an addition on Discord, the
 * platform for the others (their ids mean nothing here), the source for an import.
 */
export function provenance(
  paper: Pick<RecentAddition, 'addedBy' | 'platform' | 'channel'> & { source?: LibrarySource },
): string {
  if (paper.platform === 'discord') {
    return byWhom({
      ...(paper.addedBy !== undefined ? { userId: paper.addedBy } : {}),
      ...(paper.channel !== undefined ? { channelId: paper.channel } : {}),
    });
  }
  if (paper.platform !== undefined) return PLATFORM_WORDS[paper.platform] ?? '';
  return paper.source === 'import' ? 'imported from arXiv' : '';
}

/** A Discord timestamp: each reader sees the date in their own time zone. */
export function discordDate(epochMs: number): string {
  return `<t:${Math.floor(epochMs / 1000)}:d>`;
}

/** The provenance fields of a library paper, undefined for a corpus-file paper. */
function stored(paper: Paper): (RecentAddition & { source: LibrarySource }) | undefined {
  const row = paper as Partial<RecentAddition>;
  if (typeof row.addedAt !== 'number' || typeof row.source !== 'string') return undefined;
  return row as RecentAddition & { source: LibrarySource };
}

/** "added by <@…> in <#…> on <t:…:d>", or "from the corpus files". */
function alreadyWhere(paper: Paper): string {
  const row = stored(paper);
  if (!row) return ' (from the corpus files)';
  const who = provenance(row);
  return `, added${who ? ` ${who}` : ''} on ${discordDate(row.addedAt)}`;
}

/** Untrusted text escaped for the middle of a line (a leading "1." is no list there). */
function midLine(text: string, max: number): string {
  return fitUnits(escapeUnits(oneLine(text).slice(0, max * 2 + 2), { lineStart: false }), max);
}

/** One result as a line: an icon, the reference when there are several, what happened. */
function addLine(result: AddResult, by: DiscordActor, several: boolean, room: number): string {
  const ref = several ? `${midLine(result.ref, REF_MAX)}: ` : '';
  const left = Math.max(0, room - ref.length - 3);
  switch (result.status) {
    case 'added': {
      const who = byWhom(by);
      const restored = result.message !== undefined;
      const words = restored
        ? 'Back in the library (it had been removed), added again'
        : 'Added to the library';
      return `📥 ${ref}${words}${who ? ` ${who}` : ''}.`;
    }
    case 'already':
      return `📚 ${ref}Already in the library${result.paper ? alreadyWhere(result.paper) : ''}.`;
    default:
      return `⚠️ ${ref}${escapeText(result.message ?? 'Not added.', left)}`;
  }
}

/** The cards of the papers among `papers`, numbered when there are several, with abstracts. */
function paperCards(papers: readonly Paper[], numbered: boolean): APIEmbed[] {
  const shown = papers.slice(0, LIMITS.embeds);
  const budget = embedShare(shown.length);
  return shown.map((paper, i) =>
    cardEmbed(paperCard(paper), {
      budget,
      ...(numbered ? { number: i + 1 } : {}),
      body: (max) => escapeText(paper.abstract ?? '', max),
    }),
  );
}

/**
 * /add's answer: a line per reference (who added it and where, "already in the library" with
 * who added it first, or why it was not added), and the card of every paper added or found.
 * Private when nothing was added or found: only the user needs to see a mistake.
 */
export function addReplyParts(view: LibraryAddView): LibraryReplyParts {
  const { results, by } = view;
  const several = results.length > 1;
  const room = Math.floor(LIMITS.content / Math.max(1, results.length)) - 1;
  const lines = results.map((result) => addLine(result, by, several, room));
  const papers = results.flatMap((result) => (result.paper ? [result.paper] : []));
  return {
    content: lines.join('\n'),
    embeds: paperCards(papers, papers.length > 1),
    ephemeral: papers.length === 0,
  };
}

/**
 * /remove's answer: the card of the paper removed and how to undo it, in the channel (others
 * should know it is gone); anything else (already removed, not found, a failure) privately.
 */
export function removeReplyParts(view: LibraryRemoveView): LibraryReplyParts {
  const { result, by } = view;
  const words = escapeText(result.message, LIMITS.content - 200);
  const embeds = result.paper ? paperCards([result.paper], false) : [];
  if (result.status === 'removed') {
    const who = byWhom(by);
    return { content: `🗑️ ${words}${who ? ` (${who})` : ''}`, embeds, ephemeral: false };
  }
  const icon = result.status === 'already-removed' ? 'ℹ️' : '⚠️';
  return { content: `${icon} ${words}`, embeds, ephemeral: true };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** "12 from the chat, 3 from arXiv": the sources that have any. */
function bySourceText(summary: LibrarySummary): string {
  const parts = LIBRARY_SOURCES.filter((source) => summary.bySource[source] > 0).map(
    (source) => `${summary.bySource[source]} ${SOURCE_WORDS[source]}`,
  );
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

/** One of the last additions: the title, its id, who added it and where, and when. */
function recentLine(paper: RecentAddition): string {
  const title = escapeLine(paper.title, RECENT_TITLE_MAX) || '(untitled)';
  const ref = paper.arxiv ? `arXiv:${paper.arxiv}` : paper.doi ? `doi:${paper.doi}` : undefined;
  const id = ref ? ` · ${escapeLine(ref, 80)}` : '';
  const who = provenance(paper);
  return `• **${title}**${id} — ${who ? `${who}, ` : ''}${discordDate(paper.addedAt)}`;
}

/** Lines joined while they fit in `max`; the lines that did not fit are counted instead. */
function fitLines(lines: readonly string[], max: number): string {
  const kept: string[] = [];
  let used = 0;
  for (const [i, line] of lines.entries()) {
    const more = lines.length - i - 1;
    const tail = more > 0 ? `\n… and ${more} more` : '';
    if (used + line.length + 1 + tail.length > max) {
      kept.push(`… and ${lines.length - i} more`);
      break;
    }
    kept.push(line);
    used += line.length + 1;
  }
  return kept.join('\n');
}

/** /library's answer: the sizes by source, the last additions and the export command. */
export function summaryReplyParts(view: LibrarySummaryView): LibraryReplyParts {
  const { summary } = view;
  const lines = [
    `**${plural(summary.total, 'paper')}**: ${summary.files} from the corpus files, ${summary.library} added to the library${bySourceText(summary)}.`,
  ];
  if (summary.removed > 0) lines.push(`${summary.removed} removed (add one again to undo).`);
  const recent =
    summary.recent.length > 0
      ? fitLines(summary.recent.map(recentLine), LIMITS.fieldValue)
      : 'Nothing yet: add a paper with `/add ref:` and an arXiv id, URL or DOI.';
  const embed: APIEmbed = {
    color: EMBED_COLOR,
    title: '📚 The library',
    description: lines.join('\n'),
    fields: [
      { name: 'Last additions', value: recent },
      {
        name: 'Export',
        value: `Everything, from the command line: \`${summary.exportHint.replaceAll('`', '')}\``,
      },
    ],
  };
  return { embeds: [embed], ephemeral: true };
}

/** The parts of any library view. */
export function libraryReplyParts(view: LibraryView): LibraryReplyParts {
  switch (view.kind) {
    case 'library-add':
      return addReplyParts(view);
    case 'library-remove':
      return removeReplyParts(view);
    case 'library-summary':
      return summaryReplyParts(view);
  }
}
