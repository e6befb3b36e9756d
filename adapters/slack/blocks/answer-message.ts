import {
  type AnswerSegment,
  type AskAnswer,
  type AskCitation,
  answerText,
} from '../../../src/index.ts';
import type { AskProgress } from '../../shared/ask-port.ts';
import { escapeMrkdwn, mrkdwnLink, truncate } from '../mrkdwn.ts';
import { ACTION_IDS } from './action-ids.ts';
import {
  actions,
  button,
  context,
  divider,
  type SlackBlock,
  type SlackMessage,
  section,
} from './block-kit.ts';
import { fitMessage } from './fit-message.ts';
import type { Draft } from './list-messages.ts';
import { cardContext, cardSection, oneLine } from './paper-card-blocks.ts';

/**
 * An answer from the library as a Slack message: the lead in bold, the statements with their
 * citation numbers linking the cited papers (`<url|[1]>`), then the cited papers with Summary
 * and Cite buttons, and the note (why a model's answer was replaced) as a context line. Every
 * text from the core, the question, abstracts or a model, is escaped here, so `<!channel>` or
 * `<@U…>` in any of them shows as text and pings no one. Pure.
 */

/** What the message in the thread says while a model writes. */
export const LOOKING_TEXT = 'Looking in the library…';

/** Longest title of a cited paper shown before "…". */
const TITLE_MAX = 300;
/** Longest statement shown before "…" (the section itself holds 3,000). */
const STATEMENT_MAX = 900;

/** The answer, or the refusal with the closest papers. */
export function answerMessage(answer: AskAnswer): SlackMessage {
  const draft = answer.refused ? refusalDraft(answer) : citedDraft(answer);
  return fitMessage(draft.text, draft.blocks);
}

/** The message posted first when a model writes the answer; edited as the answer grows. */
export function lookingMessage(): SlackMessage {
  return fitMessage(LOOKING_TEXT, [section(`:hourglass_flowing_sand: ${LOOKING_TEXT}`)]);
}

/** The answer so far, while the model writes: its statements with plain citation numbers. */
export function progressMessage(progress: AskProgress): SlackMessage {
  const body = statements(progress.segments, () => undefined);
  return fitMessage(`${LOOKING_TEXT} ${escapeMrkdwn(truncate(progress.text, 500))}`, [
    section(body),
    context(`:hourglass_flowing_sand: ${LOOKING_TEXT}`),
  ]);
}

function citedDraft(answer: AskAnswer): Draft {
  const byNumber = new Map(answer.citations.map((c) => [c.n, c]));
  const link = (n: number) => citationUrl(byNumber.get(n));
  const blocks: Array<SlackBlock | undefined> = [
    section(`*${escapeMrkdwn(oneLine(answer.lead))}*`),
    section(statements(answer.segments, link)),
    noteContext(answer.note),
    divider(),
  ];
  answer.citations.forEach((citation, index) => {
    blocks.push(
      section(`*[${citation.n}]* ${citedTitle(citation)}`),
      askButtons(citation.id, `cited_${index}`),
    );
  });
  return { text: escapeMrkdwn(answerText(answer)), blocks };
}

function refusalDraft(answer: AskAnswer): Draft {
  const closest = answer.closest ?? [];
  const blocks: Array<SlackBlock | undefined> = [
    section(`:mag: ${escapeMrkdwn(answer.lead)}`),
    noteContext(answer.note),
    closest.length > 0 ? context('The closest papers it holds:') : undefined,
  ];
  closest.forEach((card, index) => {
    blocks.push(cardSection(card), cardContext(card), askButtons(card.id, `closest_${index}`));
  });
  return { text: escapeMrkdwn(answerText(answer)), blocks };
}

/**
 * Statements, one per line, each followed by its citation numbers: links where the paper has
 * an address (`link`), else plain `[n]`.
 */
function statements(
  segments: readonly AnswerSegment[],
  link: (n: number) => string | undefined,
): string {
  if (segments.length === 0) return '…';
  return segments
    .map((segment) => {
      const text = escapeMrkdwn(truncate(oneLine(segment.text), STATEMENT_MAX));
      const cites = segment.cites.map((n) => mrkdwnLink(link(n), `[${n}]`)).join('');
      return cites === '' ? text : `${text} ${cites}`;
    })
    .join('\n');
}

function noteContext(note: string | undefined) {
  return note ? context(`:information_source: ${escapeMrkdwn(oneLine(note))}`) : undefined;
}

function citedTitle(citation: AskCitation): string {
  const title = truncate(oneLine(citation.title || citation.id), TITLE_MAX);
  const ids = citation.arxiv ? ` · arXiv:${escapeMrkdwn(truncate(citation.arxiv, 100))}` : '';
  return `${mrkdwnLink(citationUrl(citation), title)}${ids}`;
}

/** Where a citation number links: the paper's own address, else its arXiv page. */
export function citationUrl(citation: AskCitation | undefined): string | undefined {
  if (!citation) return undefined;
  if (citation.url !== undefined) return citation.url;
  return citation.arxiv ? `https://arxiv.org/abs/${citation.arxiv}` : undefined;
}

/** Summary and Cite, the same buttons (and actions) as on every paper card. */
function askButtons(paperId: string, blockId: string) {
  return actions(blockId, [
    button('Summary', ACTION_IDS.summary, paperId),
    button('Cite', ACTION_IDS.cite, paperId),
  ]);
}
