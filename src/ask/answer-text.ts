import type { AskAnswer, AskJson } from './ask-types.ts';

/**
 * An answer as one plain string, citations written "[1]": for the command line, logs and any
 * renderer without links. Platforms with richer text render the segments themselves.
 */
export function answerText(answer: AskAnswer): string {
  if (answer.refused) {
    const closest = answer.closest ?? [];
    const tail = closest.length > 0 ? ` Closest: ${closest.map((c) => c.title).join('; ')}.` : '';
    return `${answer.lead}${tail}`;
  }
  const body = answer.segments
    .map((s) =>
      s.cites.length > 0 ? `${s.text} ${s.cites.map((n) => `[${n}]`).join('')}` : s.text,
    )
    .join(' ');
  return [answer.lead, body].filter((part) => part !== '').join(' ');
}

/** The `--json` shape of an answer: `{refused, answer, citations: [{n, id, arxiv?, title}]}`. */
export function askJson(answer: AskAnswer): AskJson {
  return {
    refused: answer.refused,
    answer: answerText(answer),
    citations: answer.citations.map((c) => ({
      n: c.n,
      id: c.id,
      ...(c.arxiv !== undefined ? { arxiv: c.arxiv } : {}),
      title: c.title,
    })),
  };
}
