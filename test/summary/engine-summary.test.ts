import { describe, expect, it } from 'vitest';
import { createEngine, type Paper } from '../../src/index.ts';

const paper = (overrides: Partial<Paper>): Paper => ({
  id: 'p1',
  title: 'Untitled',
  abstract: '',
  authors: ['Ada Lovelace'],
  ...overrides,
});

const PAPERS: Paper[] = [
  paper({
    id: 'echo',
    title: 'Residual Echo Networks for Deep Graph Learning',
    abstract:
      'Graph neural networks have become a popular tool for learning on molecules. ' +
      'However, existing message passing schemes suffer from over-smoothing, which limits their depth. ' +
      'In this paper, we introduce Residual Echo Networks, a message passing architecture that keeps node features distinct across many layers. ' +
      'Experiments on eight benchmarks show that Residual Echo Networks outperform strong baselines by up to 12% in accuracy.',
  }),
  paper({
    id: 'sparse',
    title: 'Sparse Optimisers',
    abstract: 'We propose a new optimiser for sparse models.',
  }),
];

describe('summaries through the engine', () => {
  it('summarizes a paper by id with its contribution sentence, and no points beyond 40 % of a short abstract', () => {
    const engine = createEngine(PAPERS);
    const summary = engine.summarize('echo');
    expect(summary.paperId).toBe('echo');
    expect(summary.tldr).toBe(
      'We introduce Residual Echo Networks, a message passing architecture that keeps node features distinct across many layers.',
    );
    // Four short sentences: the TL;DR is a third of the words already, and no other sentence
    // fits in the rest of 40 %.
    expect(summary.points).toEqual([]);
  });

  it('gives the same summary every time', () => {
    const engine = createEngine(PAPERS);
    expect(engine.summarize('sparse')).toEqual(createEngine(PAPERS).summarize('sparse'));
    expect(engine.summarize('sparse').tldr).toBe('We propose a new optimiser for sparse models.');
  });
});
