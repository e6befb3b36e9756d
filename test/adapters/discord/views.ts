import type { PaperCard, ResultsView, SearchRequest, SummaryView } from '../../../src/index.ts';

/** A paper card with overrides (views are built by hand here: these tests need no engine). */
export function card(overrides: Partial<PaperCard> = {}): PaperCard {
  return {
    id: '2305.11206',
    title: 'LIMA: Less Is More for Alignment',
    url: 'https://arxiv.org/abs/2305.11206',
    authors: ['Chunting Zhou', 'Pengfei Liu', 'Puxin Xu', 'Srini Iyer', 'Jiao Sun'],
    authorsShort: 'Chunting Zhou, Pengfei Liu, Puxin Xu +2',
    year: 2023,
    venue: 'NeurIPS',
    arxiv: '2305.11206',
    ...overrides,
  };
}

export function request(overrides: Partial<SearchRequest> = {}): SearchRequest {
  return { query: 'alignment', limit: 4, ...overrides };
}

/** A results page of `count` cards. */
export function results(count: number, overrides: Partial<ResultsView> = {}): ResultsView {
  return {
    kind: 'results',
    request: request(),
    total: count,
    page: 0,
    pageCount: 1,
    cards: Array.from({ length: count }, (_, i) =>
      card({
        id: `p${i}`,
        title: `Paper ${i}`,
        snippet: [
          { text: 'We study ', match: false },
          { text: 'alignment', match: true },
          { text: ' of models.', match: false },
        ],
      }),
    ),
    ...overrides,
  };
}

export function summary(overrides: Partial<SummaryView> = {}): SummaryView {
  return {
    kind: 'summary',
    card: card(),
    tldr: 'A strong model needs only 1,000 curated examples to align.',
    points: [
      { kind: 'problem', text: 'Alignment usually needs huge instruction sets.' },
      { kind: 'method', text: 'Fine-tune LLaMa on 1,000 curated prompts.' },
      { kind: 'result', text: 'Responses match or beat GPT-4 in 43% of cases.' },
    ],
    ...overrides,
  };
}
