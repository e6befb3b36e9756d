import type {
  CitationView,
  DailyView,
  KeyPoint,
  PaperView,
  RandomView,
  SummaryView,
} from '../../../src/index.ts';
import { escapeMrkdwn, truncate } from '../mrkdwn.ts';
import { header, section } from './block-kit.ts';
import type { Draft } from './list-messages.ts';
import {
  cardButtons,
  cardContext,
  cardFallback,
  cardSection,
  oneLine,
} from './paper-card-blocks.ts';

/** Longest abstract, TL;DR, key point and citation shown before "…" (each within a section). */
const ABSTRACT_MAX = 2800;
const TLDR_MAX = 1000;
const POINT_MAX = 600;
const CITATION_MAX = 2600;

const POINT_LABELS: Readonly<Record<KeyPoint['kind'], string>> = {
  problem: 'Problem',
  method: 'Method',
  result: 'Result',
};

function tldrLine(tldr: string): string {
  return `*TL;DR* ${escapeMrkdwn(truncate(tldr, TLDR_MAX))}`;
}

function pointLines(points: KeyPoint[]): string {
  return points
    .map((p) => `• *${POINT_LABELS[p.kind]}:* ${escapeMrkdwn(truncate(p.text, POINT_MAX))}`)
    .join('\n');
}

/** One paper with its abstract. */
export function paperDraft(view: PaperView): Draft {
  return {
    text: `${cardFallback(view.card)}: ${escapeMrkdwn(truncate(view.abstract, 500))}`,
    blocks: [
      header(oneLine(view.card.title)),
      cardSection(view.card),
      section(escapeMrkdwn(truncate(view.abstract.trim() || '(no abstract)', ABSTRACT_MAX))),
      cardContext(view.card),
      cardButtons(view.card, 'paper_0'),
    ],
  };
}

/** A paper's extractive summary: TL;DR and key points. */
export function summaryDraft(view: SummaryView): Draft {
  return {
    text: `Summary of ${cardFallback(view.card)}: ${escapeMrkdwn(truncate(view.tldr, 500))}`,
    blocks: [
      header(`Summary: ${oneLine(view.card.title)}`),
      cardSection(view.card),
      section(tldrLine(view.tldr)),
      view.points.length > 0 ? section(pointLines(view.points)) : undefined,
      cardContext(view.card),
      cardButtons(view.card, 'paper_0'),
    ],
  };
}

/** A citation; BibTeX goes in a code block, APA and MLA read as prose. */
export function citationDraft(view: CitationView): Draft {
  // Three backticks inside would close the code block early; a zero-width space keeps them apart.
  const body = escapeMrkdwn(truncate(view.text.trim(), CITATION_MAX)).replace(/```/g, '``\u200b`');
  const formatted = view.format === 'bibtex' ? `\`\`\`${body}\`\`\`` : body;
  return {
    text: `Citation (${view.format}) of ${cardFallback(view.card)}:\n${escapeMrkdwn(truncate(view.text, 1500))}`,
    blocks: [
      header(`Cite: ${oneLine(view.card.title)}`),
      section(formatted),
      cardContext(view.card, `format: ${view.format}`),
    ],
  };
}

/** A random pick, with its TL;DR. */
export function randomDraft(view: RandomView): Draft {
  const title = view.topic ? `Random paper on “${oneLine(view.topic)}”` : 'Random paper';
  return {
    text: `${escapeMrkdwn(title)}: ${cardFallback(view.card)}`,
    blocks: [
      header(title),
      cardSection(view.card),
      section(tldrLine(view.tldr)),
      cardContext(view.card),
      cardButtons(view.card, 'paper_0'),
    ],
  };
}

/** The paper of the day: card, TL;DR, key points, and an invitation to discuss in the thread. */
export function dailyDraft(view: DailyView): Draft {
  return {
    text: `Paper of the day (${escapeMrkdwn(truncate(view.date, 40))}): ${cardFallback(view.card)}`,
    blocks: [
      header(`Paper of the day · ${truncate(view.date, 40)}`),
      cardSection(view.card),
      section(tldrLine(view.tldr)),
      view.points.length > 0 ? section(pointLines(view.points)) : undefined,
      cardContext(view.card, 'Discuss it in this thread.'),
      cardButtons(view.card, 'paper_0'),
    ],
  };
}
