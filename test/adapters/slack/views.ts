import type { CorpusStats, HelpView, PaperCard, ResultsView } from '../../../src/index.ts';
import { HELP_ENTRIES } from '../../../src/index.ts';

/** A paper card with sensible defaults and overrides. */
export function card(overrides: Partial<PaperCard> = {}): PaperCard {
  return {
    id: '2305.11206',
    title: 'LIMA: Less Is More for Alignment',
    url: 'https://arxiv.org/abs/2305.11206',
    authors: ['Chunting Zhou', 'Pengfei Liu', 'Puxin Xu', 'Srini Iyer'],
    authorsShort: 'Chunting Zhou, Pengfei Liu, Puxin Xu +1',
    year: 2023,
    venue: 'NeurIPS 2023',
    arxiv: '2305.11206',
    ...overrides,
  };
}

export function resultsView(overrides: Partial<ResultsView> = {}): ResultsView {
  return {
    kind: 'results',
    request: { query: 'alignment', limit: 5 },
    total: 12,
    page: 0,
    pageCount: 3,
    cards: [
      card({
        snippet: [
          { text: 'Fine-tuning on 1,000 prompts gives strong ', match: false },
          { text: 'alignment', match: true },
          { text: '.', match: false },
        ],
      }),
      card({ id: 'p2', title: 'Second paper', arxiv: undefined, url: undefined, doi: '10.1/x' }),
    ],
    ...overrides,
  };
}

export const STATS: CorpusStats = {
  papers: 42,
  years: { from: 2019, to: 2024 },
  topAuthors: [{ name: 'Ada', papers: 3 }],
  collections: ['lab'],
};

export function helpView(): HelpView {
  return { kind: 'help', entries: [...HELP_ENTRIES], stats: STATS };
}
