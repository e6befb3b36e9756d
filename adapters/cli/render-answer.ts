import { type AskAnswer, type AskJson, askJson } from '../../src/index.ts';
import { cardLines, PLAIN, paperLink, printable, type TextStyle } from './render-text.ts';

/**
 * An answer from the library as terminal text: the lead, one line per statement with its
 * citations [n], then the cited papers by number with their links; or the refusal with the
 * closest papers. The note (why a model's answer was replaced, say) comes last. Every piece of
 * corpus or model text is made printable: an abstract must not drive the terminal.
 */
export function renderAnswer(answer: AskAnswer, style: TextStyle = PLAIN): string {
  const note = answer.note ? ['', style.dim(`Note: ${printable(answer.note)}`)] : [];
  if (answer.refused) {
    const closest = answer.closest ?? [];
    return [
      style.bold(printable(answer.lead)),
      ...(closest.length > 0
        ? [
            '',
            'The closest papers:',
            '',
            ...closest.map((c, i) => cardLines(c, style, i + 1).join('\n')),
          ]
        : []),
      ...note,
    ].join('\n');
  }
  const statements = answer.segments.map((s) => {
    const cites = s.cites.map((n) => `[${n}]`).join('');
    return `  ${printable(s.text)}${cites ? ` ${style.bold(cites)}` : ''}`;
  });
  const sources = answer.citations.map((c) => {
    const link = paperLink(c);
    return [
      `${style.bold(`[${c.n}]`)} ${printable(c.title)}`,
      ...(link ? [style.dim(`    ${printable(link)}`)] : []),
    ].join('\n');
  });
  return [
    style.bold(printable(answer.lead)),
    '',
    ...statements,
    ...(sources.length > 0 ? ['', ...sources] : []),
    ...note,
  ].join('\n');
}

/**
 * The `--json` shape of an answer: `{refused, answer, citations}` as every consumer reads it,
 * plus who wrote it (`mode`) and the note when there is one.
 */
export function answerJson(
  answer: AskAnswer,
): AskJson & { mode: AskAnswer['mode']; note?: string } {
  return {
    ...askJson(answer),
    mode: answer.mode,
    ...(answer.note ? { note: answer.note } : {}),
  };
}
