import type { Paper } from '../../src/index.ts';

/** Builds a paper with overrides; the defaults are valid and unremarkable. */
export function paper(overrides: Partial<Paper> & { id: string }): Paper {
  return {
    title: `Paper ${overrides.id}`,
    abstract: 'An unremarkable abstract about methods.',
    authors: ['Ada Lovelace'],
    ...overrides,
  };
}

/** A tiny corpus with distinct topics, authors, years and ids. */
export const TINY: Paper[] = [
  paper({
    id: 'mega',
    title: 'Megalodon: Efficient Pretraining with Unlimited Context Length',
    abstract:
      'We introduce Megalodon, a neural architecture for efficient sequence modeling with unlimited context length. Megalodon outperforms Transformers on long context benchmarks.',
    authors: ['Xuezhe Ma', 'Chunting Zhou', 'Omer Levy'],
    year: 2024,
    venue: 'NeurIPS 2024',
    arxiv: '2404.08801',
    url: 'https://arxiv.org/abs/2404.08801',
  }),
  paper({
    id: 'lima',
    title: 'LIMA: Less Is More for Alignment',
    abstract:
      'Large language models are trained in two stages. We fine-tune LIMA on only 1,000 carefully curated prompts and responses, without reinforcement learning.',
    authors: ['Chunting Zhou', 'Pengfei Liu', 'Omer Levy'],
    year: 2023,
    venue: 'NeurIPS 2023',
    arxiv: '2305.11206',
    doi: '10.48550/arxiv.2305.11206',
    url: 'https://arxiv.org/abs/2305.11206',
  }),
  paper({
    id: 'pick',
    title: 'Pick-a-Pic: An Open Dataset of User Preferences for Text-to-Image Generation',
    abstract:
      'We build a web app that collects user preferences over generated images, and train PickScore, a scoring function for text-to-image models.',
    authors: ['Yuval Kirstain', 'Adam Polyak', 'Omer Levy'],
    year: 2023,
    arxiv: '2305.01569',
  }),
  paper({
    id: 'zero',
    title: 'ZeroSCROLLS: A Zero-Shot Benchmark for Long Text Understanding',
    abstract:
      'We introduce ZeroSCROLLS, a zero-shot benchmark for natural language understanding over long texts, with test sets only and no training data.',
    authors: ['Uri Shaham', 'Maor Ivgi', 'Omer Levy'],
    year: 2023,
    arxiv: '2305.14196',
  }),
  paper({
    id: 'wing',
    title: 'Experimental investigation of the aerodynamics of a wing in a slipstream',
    abstract:
      'An experimental study of a wing in a propeller slipstream was made to determine the spanwise distribution of the lift increase due to slipstream.',
    authors: ['Ann Other'],
    year: 1958,
  }),
];
