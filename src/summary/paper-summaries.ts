import type { Summary } from '../engine-types.ts';
import type { Paper } from '../types.ts';
import { summarizeAbstract } from './summarize.ts';

/**
 * A paper's summary, computed once per paper id and then served from memory (the engine's
 * papers never change, and a daily post or a digest asks for the same papers again). A paper
 * whose abstract gives no sentence is summed up by its title.
 */
export function createPaperSummaries(): (paper: Paper) => Summary {
  const summaries = new Map<string, Summary>();
  return (paper) => {
    const cached = summaries.get(paper.id);
    if (cached) return cached;
    const { tldr, points } = summarizeAbstract({ title: paper.title, abstract: paper.abstract });
    const summary: Summary = { paperId: paper.id, tldr: tldr || paper.title, points };
    summaries.set(paper.id, summary);
    return summary;
  };
}
