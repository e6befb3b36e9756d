import type { APIEmbed } from 'discord.js';
import type { AnswerSegment, AskAnswer, AskCitation } from '../../src/index.ts';
import { cardEmbed, EMBED_COLOR, safeUrl } from './card-embed.ts';
import { paperListRows } from './components.ts';
import { embedShare, LIMITS } from './limits.ts';
import type { ButtonSink } from './pending-buttons.ts';
import type { MessageRow } from './reply-payload.ts';
import { escapeLine, escapeText, plainLine } from './text.ts';

/**
 * An answer to /ask as a Discord message: the question as the embed's title, the lead, each
 * statement followed by its citations as links to the cited papers, the cited papers with
 * Summary / Cite buttons (answered privately, so the answer and its thread stay as they are),
 * and the note in the footer. A refusal says so and shows the closest papers as cards. Pure:
 * the buttons' actions go to `store`, which the caller stores.
 */

/** An answer (or refusal) to show. */
export interface AskAnswerView {
  kind: 'ask-answer';
  answer: AskAnswer;
}

/** The answer so far, while a model writes it: complete, cited statements only. */
export interface AskProgressView {
  kind: 'ask-progress';
  question: string;
  segments: AnswerSegment[];
}

/** A message's parts, for the caller to put in a payload. */
export interface AskReplyParts {
  content?: string;
  embeds: APIEmbed[];
  rows: MessageRow[];
}

/** What the footer says while a model is still writing. */
export const WRITING = 'Writing the answer from the library… sources follow when it is done.';
/** What the footer says of an answer quoted from abstracts. */
export const QUOTED = 'Sentences quoted from the abstracts of the cited papers.';
/** What the footer says of an answer a model wrote. */
export const WRITTEN = 'Written by a model from the cited abstracts; every sentence cites them.';

/** Longest URL put in an inline link: a corpus URL of 2,000 characters would eat the message. */
const LINK_URL_MAX = 300;
/** Longest footer: a note is a sentence. */
const FOOTER_MAX = 300;
/** A statement is cut rather than dropped while at least this much room is left for it. */
const MIN_STATEMENT_ROOM = 60;
const SOURCES = 'Sources';
const ASK_ACTIONS = ['summary', 'cite'] as const;

/**
 * A citation's paper page, fit for a markdown link: parentheses would end the link early, and an
 * "@everyone" in a corpus's URL should not even look like one.
 */
function citationUrl(citation: AskCitation | undefined): string | undefined {
  if (!citation) return undefined;
  const url =
    safeUrl(citation.url) ??
    (citation.arxiv ? safeUrl(`https://arxiv.org/abs/${citation.arxiv}`) : undefined);
  if (!url || url.length > LINK_URL_MAX) return undefined;
  return url.replace(/\(/g, '%28').replace(/\)/g, '%29').replace(/@/g, '%40');
}

/** "[1][2]" after a statement, each a link to its paper when it has a page. */
function citationMarks(cites: readonly number[], byNumber: ReadonlyMap<number, AskCitation>) {
  return cites
    .map((n) => {
      const url = citationUrl(byNumber.get(n));
      return url ? `[\\[${n}\\]](${url})` : `\\[${n}\\]`;
    })
    .join('');
}

/**
 * The lead and the statements, each with its citations, within `max`: statements are kept
 * whole while they fit, the first that does not is cut with "…", and the rest are left out.
 * Quoted sentences go one per line as quotes; a model's statements read as one paragraph.
 */
function answerBody(
  lead: string,
  segments: readonly AnswerSegment[],
  options: { quoted: boolean; byNumber: ReadonlyMap<number, AskCitation>; max: number },
): string {
  let body = escapeText(lead, Math.min(options.max, 500));
  for (const [i, segment] of segments.entries()) {
    const marks = citationMarks(segment.cites, options.byNumber);
    const tail = marks ? ` ${marks}` : '';
    const joint = options.quoted ? '\n> ' : i > 0 ? ' ' : body !== '' ? '\n\n' : '';
    const room = options.max - body.length - joint.length - tail.length;
    const plain = segment.text.replace(/\s+/g, ' ').trim();
    const whole = escapeText(plain, Number.MAX_SAFE_INTEGER);
    if (whole === '') continue;
    if (whole.length <= room) {
      body += `${joint}${whole}${tail}`;
      continue;
    }
    // The first statement that does not fit is cut, if enough of it can show; the rest wait.
    if (room >= MIN_STATEMENT_ROOM) body += `${joint}${escapeText(plain, room)}${tail}`;
    break;
  }
  return body;
}

/** "**1.** [Title](url)" per cited paper, titles cut so the list fits one field. */
function sourcesList(citations: readonly AskCitation[]): string {
  const lines = citations.map((citation) => ({ citation, url: citationUrl(citation) }));
  const overhead = lines.reduce(
    (sum, { citation, url }) => sum + `**${citation.n}.** `.length + (url ? url.length + 4 : 0) + 1,
    0,
  );
  const titleMax = Math.max(12, Math.floor((LIMITS.fieldValue - overhead) / lines.length));
  const list = lines.map(({ citation, url }) => {
    const title = escapeLine(citation.title, titleMax) || '(untitled)';
    return `**${citation.n}.** ${url ? `[${title}](${url})` : title}`;
  });
  // Short titles leave room for long ones; a pathological list is still cut to the limit.
  let value = list.join('\n');
  while (value.length > LIMITS.fieldValue && list.length > 1) {
    list.pop();
    value = `${list.join('\n')}\n…`;
  }
  return value.length > LIMITS.fieldValue ? `${value.slice(0, LIMITS.fieldValue - 1)}…` : value;
}

/** The embed holding the question, the answer (or what is written so far) and a footer. */
function answerEmbed(
  question: string,
  body: (max: number) => string,
  footer: string,
  sources?: string,
): APIEmbed {
  const title = `❓ ${escapeLine(question, LIMITS.embedTitle - 2)}`;
  const footerText = plainLine(footer, FOOTER_MAX);
  const fields = sources ? [{ name: SOURCES, value: sources }] : [];
  const used =
    title.length +
    footerText.length +
    fields.reduce((n, f) => n + f.name.length + f.value.length, 0);
  const room = Math.min(LIMITS.embedDescription, embedShare(1) - used);
  const description = body(room);
  return {
    color: EMBED_COLOR,
    title,
    ...(description.trim() !== '' ? { description } : {}),
    ...(fields.length > 0 ? { fields } : {}),
    ...(footerText !== '' ? { footer: { text: footerText } } : {}),
  };
}

/** The message of an answer, or of a refusal. */
export function askAnswerParts(answer: AskAnswer, store: ButtonSink): AskReplyParts {
  if (answer.refused) return refusalParts(answer, store);
  const byNumber = new Map(answer.citations.map((c) => [c.n, c]));
  const footer = answer.note ?? (answer.mode === 'model' ? WRITTEN : QUOTED);
  const embed = answerEmbed(
    answer.question,
    (max) =>
      answerBody(answer.lead, answer.segments, {
        quoted: answer.mode === 'extractive',
        byNumber,
        max,
      }),
    footer,
    answer.citations.length > 0 ? sourcesList(answer.citations) : undefined,
  );
  const rows = paperListRows(
    store,
    answer.citations.map((c) => ({ id: c.id, title: c.title, authorsShort: '' })),
    LIMITS.rows,
    { actions: ASK_ACTIONS, numbers: answer.citations.map((c) => c.n), aside: true },
  );
  return { embeds: [embed], rows };
}

/** "I don't find this in the library." with the question and the closest papers as cards. */
function refusalParts(answer: AskAnswer, store: ButtonSink): AskReplyParts {
  const closest = (answer.closest ?? []).slice(0, LIMITS.embeds);
  const lines = [
    `🤷 **${escapeLine(answer.lead, 200)}**`,
    `❓ “${escapeLine(answer.question, 300)}”`,
    ...(answer.note ? [`-# ${escapeLine(answer.note, 300)}`] : []),
    ...(closest.length > 0 ? ['The closest papers:'] : []),
  ];
  const budget = embedShare(closest.length);
  const embeds = closest.map((card, i) => cardEmbed(card, { budget, number: i + 1 }));
  const rows = paperListRows(store, closest, LIMITS.rows, { actions: ASK_ACTIONS, aside: true });
  return { content: lines.join('\n'), embeds, rows };
}

/** The message while a model writes: what is written so far, no buttons yet. */
export function askProgressParts(view: AskProgressView): AskReplyParts {
  const embed = answerEmbed(
    view.question,
    (max) => answerBody('', view.segments, { quoted: false, byNumber: new Map(), max }),
    WRITING,
  );
  return { embeds: [embed], rows: [] };
}
