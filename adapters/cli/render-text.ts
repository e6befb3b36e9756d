import {
  describeSearch,
  type KeyPoint,
  noResultsText,
  type PaperCard,
  type ReplyView,
  type RichText,
  resultsCount,
  resultsSubject,
  type Snippet,
  yearAndVenue,
} from '../../src/index.ts';

/** Terminal styling: ANSI bold where the terminal supports it, plain text otherwise. */
export interface TextStyle {
  bold(text: string): string;
  dim(text: string): string;
}

export const PLAIN: TextStyle = { bold: (t) => t, dim: (t) => t };
export const ANSI: TextStyle = {
  bold: (t) => `\u001b[1m${t}\u001b[22m`,
  dim: (t) => `\u001b[2m${t}\u001b[22m`,
};

/**
 * Text safe to print on a terminal: control characters other than newline and tab (ESC, BEL,
 * backspace, the C1 codes such as CSI) are dropped, so neither corpus text nor what a user typed
 * can drive the terminal when it is echoed back.
 */
export function printable(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');
}

function snippetText(snippet: Snippet, style: TextStyle): string {
  return snippet.map((s) => (s.match ? style.bold(printable(s.text)) : printable(s.text))).join('');
}

/** A paper as terminal lines: title, authors and year, snippet, identifiers and link. */
export function cardLines(card: PaperCard, style: TextStyle, rank?: number): string[] {
  const head = rank === undefined ? '' : `${rank}. `;
  const lines = [`${head}${style.bold(printable(card.title))}`];
  const indent = ' '.repeat(head.length);
  const meta = [printable(card.authorsShort), yearAndVenue(card)]
    .filter((s) => s !== '')
    .join(' — ');
  if (meta) lines.push(`${indent}${meta}`);
  if (card.snippet && card.snippet.length > 0)
    lines.push(`${indent}${snippetText(card.snippet, style)}`);
  const link = paperLink(card);
  const ids = [card.arxiv ? `arXiv:${card.arxiv}` : undefined, link].filter(Boolean).join('  ');
  lines.push(style.dim(`${indent}${ids || `id: ${card.id}`}`));
  return lines;
}

/** Where a paper can be read: its URL, else its arXiv page. */
export function paperLink(paper: { url?: string; arxiv?: string }): string | undefined {
  return paper.url ?? (paper.arxiv ? `https://arxiv.org/abs/${paper.arxiv}` : undefined);
}

function pointLines(points: readonly KeyPoint[]): string[] {
  const label: Record<KeyPoint['kind'], string> = {
    problem: 'Problem',
    method: 'Method',
    result: 'Result',
  };
  return points.map((p) => `  • ${label[p.kind]}: ${printable(p.text)}`);
}

/** Words with the things to type in bold where the terminal has it; a terminal has no code marks. */
function richLine(text: RichText, style: TextStyle): string {
  return text
    .map((part) => (typeof part === 'string' ? printable(part) : style.bold(printable(part.code))))
    .join('');
}

/** A reply view as terminal text (no trailing newline). */
export function renderText(view: ReplyView, style: TextStyle = PLAIN): string {
  switch (view.kind) {
    case 'results': {
      if (view.total === 0 || view.cards.length === 0) return printable(noResultsText(view, 500));
      const first = view.page * view.request.limit;
      const subject = resultsSubject(describeSearch(view.request), 500);
      const header = `${printable(`${resultsCount(view)} ${subject}`.trim())}${
        view.pageCount > 1 ? ` (page ${view.page + 1} of ${view.pageCount})` : ''
      }`;
      const body = view.cards.map((c, i) => cardLines(c, style, first + i + 1).join('\n'));
      return [style.bold(header), ...body].join('\n\n');
    }
    case 'paper':
      return [...cardLines(view.card, style), '', printable(view.abstract)].join('\n');
    case 'summary':
      return [
        ...cardLines(view.card, style),
        '',
        `${style.bold('TL;DR')} ${printable(view.tldr)}`,
        ...pointLines(view.points),
      ].join('\n');
    case 'digest':
      return [
        style.bold(`Digest of “${printable(view.topic)}” (${view.items.length} of ${view.total})`),
        ...view.items.map((item, i) =>
          [...cardLines(item.card, style, i + 1), `   ${printable(item.tldr)}`].join('\n'),
        ),
      ].join('\n\n');
    case 'similar':
      if (view.cards.length === 0)
        return `Nothing in the corpus resembles “${printable(view.of.title)}”.`;
      return [
        style.bold(`Papers similar to “${printable(view.of.title)}”`),
        ...view.cards.map((c, i) => cardLines(c, style, i + 1).join('\n')),
      ].join('\n\n');
    case 'citation':
      return printable(view.text);
    case 'random':
      return [
        ...(view.topic ? [style.dim(`A random paper on “${printable(view.topic)}”:`)] : []),
        ...cardLines(view.card, style),
        '',
        `${style.bold('TL;DR')} ${printable(view.tldr)}`,
      ].join('\n');
    case 'daily':
      return [
        style.bold(`Paper of the day, ${view.date}`),
        ...cardLines(view.card, style),
        '',
        `${style.bold('TL;DR')} ${printable(view.tldr)}`,
        ...pointLines(view.points),
      ].join('\n');
    case 'help': {
      const s = view.stats;
      const years = s.years ? `, ${s.years.from}–${s.years.to}` : '';
      const authors = s.topAuthors.map((a) => `${a.name} (${a.papers})`).join(', ');
      return [
        style.bold(`Shammie: ${s.papers} papers${years}.`),
        ...(authors ? [`Most frequent authors: ${printable(authors)}`] : []),
        '',
        ...view.entries.map(
          (e) =>
            `  ${style.bold(e.command)}${e.usage ? ` ${e.usage}` : ''}\n      ${e.description}  e.g. ${e.example}`,
        ),
      ].join('\n');
    }
    case 'notice':
      return view.rich ? richLine(view.rich, style) : printable(view.text);
  }
}
