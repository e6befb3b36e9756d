import { type Paper, paperCard } from '../../../src/index.ts';
import type { AddResult } from '../../library/add-papers.ts';
import { LIBRARY_SOURCES, type LibraryPaper } from '../../library/library-store.ts';
import type { LibrarySummary, RecentAddition } from '../../library/library-summary.ts';
import type { RemoveResult } from '../../library/remove-paper.ts';
import { parsePaperRef } from '../../sources/arxiv-ids.ts';
import { escapeMrkdwn, mrkdwnLink, truncate } from '../mrkdwn.ts';
import { context, header, type SlackBlock, type SlackMessage, section } from './block-kit.ts';
import { fitMessage } from './fit-message.ts';
import { cardContext, cardFallback, cardSection, oneLine } from './paper-card-blocks.ts';

/**
 * The library's answers as Slack messages: the cards of papers added (who added them, where),
 * "already in the library", what was not found or failed, a removal with how to undo it, and the
 * library's summary. Pure. Every text from outside (titles, references, services' sentences) is
 * escaped, so a title holding `<!channel>` shows as text; the only mentions written are of the
 * Slack users and channels the library recorded, and only when they are well-formed ids.
 */

/** Longest reference echoed back before "…". */
const REF_MAX = 120;
/** Longest sentence from a service shown before "…". */
const MESSAGE_MAX = 400;

/** A Slack user id (`U…`, `W…` on Enterprise Grid). */
const SLACK_USER = /^[UW][A-Z0-9]{2,20}$/;
/** A Slack conversation id: channel, private channel, DM. */
const SLACK_CHANNEL = /^[CGD][A-Z0-9]{2,20}$/;

/** What the thread shows while papers are fetched: "Fetching 2305.11206 from arXiv…". */
export function fetchingText(refs: readonly string[]): string {
  const [only] = refs;
  if (refs.length !== 1 || only === undefined) return `Fetching ${refs.length} papers…`;
  const parsed = parsePaperRef(only);
  if (parsed?.kind === 'arxiv') return `Fetching ${parsed.arxiv} from arXiv…`;
  if (parsed?.kind === 'doi') return `Looking up ${parsed.doi} at Crossref and OpenAlex…`;
  return `Fetching ${oneLine(truncate(only, REF_MAX))}…`;
}

/** The placeholder posted before a fetch, edited into the result when it ends. */
export function fetchingMessage(refs: readonly string[]): SlackMessage {
  const text = escapeMrkdwn(fetchingText(refs));
  return fitMessage(text, [section(`:hourglass_flowing_sand: ${text}`)]);
}

/** One block group per reference, in the order they were given. */
export function addMessage(results: readonly AddResult[]): SlackMessage {
  const blocks: Array<SlackBlock | undefined> = [];
  const lines: string[] = [];
  for (const result of results) {
    blocks.push(...addResultBlocks(result));
    lines.push(addResultLine(result));
  }
  return fitMessage(lines.join('\n'), blocks);
}

function addResultBlocks(result: AddResult): Array<SlackBlock | undefined> {
  const { paper } = result;
  if ((result.status === 'added' || result.status === 'already') && paper) {
    const lead =
      result.status === 'added'
        ? ':white_check_mark: *Added to the library*'
        : ':information_source: *Already in the library*';
    // A removal undone says so; "Already in the library." repeats the lead.
    const note =
      result.status === 'added' && result.message ? ` ${escapeMrkdwn(result.message)}` : '';
    const card = paperCard(paper);
    return [section(`${lead}${note}`), cardSection(card), cardContext(card, provenance(paper))];
  }
  const icon = result.status === 'not-found' ? ':mag:' : ':warning:';
  const why = result.message ?? 'Not added.';
  return [
    section(
      `${icon} *${escapeMrkdwn(refText(result.ref))}*: ${escapeMrkdwn(truncate(why, MESSAGE_MAX))}`,
    ),
  ];
}

function addResultLine(result: AddResult): string {
  if ((result.status === 'added' || result.status === 'already') && result.paper) {
    const what = result.status === 'added' ? 'Added' : 'Already in the library';
    return `${what}: ${cardFallback(paperCard(result.paper))}`;
  }
  return `${escapeMrkdwn(refText(result.ref))}: ${escapeMrkdwn(truncate(result.message ?? 'Not added.', MESSAGE_MAX))}`;
}

/**
 * Who added a paper and where, as mrkdwn: `Added by <@U…> in <#C…> on 2024-06-01` for a paper
 * added on Slack, the platform's name otherwise, "From the corpus files" for a file's paper.
 */
export function provenance(paper: Paper | LibraryPaper): string {
  if (!('addedAt' in paper)) return 'From the corpus files';
  return addedLine(paper);
}

function addedLine(added: {
  addedBy?: string | undefined;
  platform?: string | undefined;
  channel?: string | undefined;
  addedAt: number;
}): string {
  const parts = ['Added'];
  const slack = added.platform === 'slack';
  if (added.addedBy !== undefined) {
    parts.push(
      slack && SLACK_USER.test(added.addedBy)
        ? `by <@${added.addedBy}>`
        : `by ${escapeMrkdwn(truncate(oneLine(added.addedBy), 60))}`,
    );
  }
  if (slack && added.channel !== undefined && SLACK_CHANNEL.test(added.channel)) {
    parts.push(added.channel.startsWith('D') ? 'in a direct message' : `in <#${added.channel}>`);
  } else if (added.platform !== undefined && !slack) {
    parts.push(
      PLATFORM_NAMES[added.platform] ?? `on ${escapeMrkdwn(truncate(added.platform, 20))}`,
    );
  }
  parts.push(`on ${dateOf(added.addedAt)}`);
  return parts.join(' ');
}

const PLATFORM_NAMES: Readonly<Record<string, string>> = {
  discord: 'on Discord',
  terminal: 'in a terminal chat',
  cli: 'from the command line',
};

function dateOf(epochMs: number): string {
  const date = new Date(epochMs);
  return Number.isNaN(date.getTime()) ? 'an unknown date' : date.toISOString().slice(0, 10);
}

function refText(ref: string): string {
  return oneLine(truncate(ref, REF_MAX)) || '(empty)';
}

/**
 * A removal: the paper's card and how to bring it back (`invocation add REF`), or why nothing
 * was removed.
 */
export function removeMessage(result: RemoveResult, invocation: string): SlackMessage {
  const message = escapeMrkdwn(truncate(result.message, MESSAGE_MAX));
  if ((result.status === 'removed' || result.status === 'already-removed') && result.paper) {
    const card = paperCard(result.paper);
    const removed = result.status === 'removed';
    const what = removed ? 'Removed from the library' : 'Removed already';
    const lead = `${removed ? ':wastebasket:' : ':information_source:'} *${what}*`;
    const undo = `Undo: \`${typed(invocation, `add ${result.arxiv ?? result.doi ?? result.id ?? result.ref}`)}\``;
    return fitMessage(`${what}: ${cardFallback(card)}`, [
      section(`${lead} ${message}`),
      cardSection(card),
      cardContext(card, undo),
    ]);
  }
  const icon = result.status === 'not-found' ? ':mag:' : ':warning:';
  const ref = escapeMrkdwn(refText(result.ref));
  return fitMessage(`${ref}: ${message}`, [section(`${icon} *${ref}*: ${message}`)]);
}

/** What to type, after the invocation (`@Shammie add …`, `/shammie add …`), inside a code span. */
function typed(invocation: string, command: string): string {
  const prefix = invocation.trim() === '' ? '' : `${invocation.trim()} `;
  return escapeMrkdwn(`${prefix}${command}`.replace(/[`\n]/g, ''));
}

/** The library's summary: sizes by source, the last additions, how to export. */
export function librarySummaryMessage(summary: LibrarySummary): SlackMessage {
  const bySource = LIBRARY_SOURCES.map(
    (source) => `${SOURCE_NAMES[source]} ${summary.bySource[source]}`,
  ).join(' · ');
  const size = `*${summary.total}* ${summary.total === 1 ? 'paper' : 'papers'}: ${summary.files} from the corpus files, ${summary.library} added to the library (${bySource}).`;
  const removed =
    summary.removed > 0 ? `\n${summary.removed} removed (add one again to undo).` : '';
  const blocks: Array<SlackBlock | undefined> = [
    header('The library'),
    section(`${size}${removed}`),
  ];
  if (summary.recent.length > 0) {
    blocks.push(section(`*Last additions*\n${summary.recent.map(recentLine).join('\n')}`));
  }
  blocks.push(
    context(
      `Export everything from a terminal: \`${escapeMrkdwn(summary.exportHint.replace(/`/g, ''))}\``,
    ),
  );
  return fitMessage(
    `The library: ${summary.total} ${summary.total === 1 ? 'paper' : 'papers'}, ${summary.library} added.`,
    blocks,
  );
}

const SOURCE_NAMES: Readonly<Record<(typeof LIBRARY_SOURCES)[number], string>> = {
  chat: 'from chat',
  arxiv: 'arXiv',
  doi: 'DOI',
  import: 'imported',
};

function recentLine(paper: RecentAddition): string {
  const url = paper.arxiv
    ? `https://arxiv.org/abs/${paper.arxiv}`
    : paper.doi
      ? `https://doi.org/${paper.doi}`
      : undefined;
  const title = mrkdwnLink(url, truncate(oneLine(paper.title) || paper.id, 200));
  return `• ${title} — ${addedLine(paper)}`;
}

/** What every asker is told when this bot was started without a library. */
export const NO_LIBRARY_TEXT =
  'Adding and removing papers is not set up on this bot; the papers it has are the ones it was started with.';
