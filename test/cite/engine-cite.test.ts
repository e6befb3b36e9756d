import { describe, expect, it } from 'vitest';
import { createEngine, type Paper } from '../../src/index.ts';

const papers: Paper[] = [
  {
    id: '2305.11206',
    title: 'LIMA: Less Is More for Alignment',
    abstract: 'Large language models are trained in two stages.',
    authors: ['Chunting Zhou', 'Pengfei Liu', 'Puxin Xu'],
    year: 2023,
    venue: 'NeurIPS 2023',
    arxiv: '2305.11206',
    url: 'https://arxiv.org/abs/2305.11206',
  },
  {
    id: '2410.15466',
    title: 'Keep Guessing? When Considering Inference Scaling, Mind the Baselines',
    abstract: 'Large language models are sampled repeatedly at inference time.',
    authors: ['Gal Yona', 'Or Honovich'],
    year: 2024,
    arxiv: '2410.15466',
    url: 'https://arxiv.org/abs/2410.15466',
  },
];

describe('engine.cite', () => {
  const engine = createEngine(papers);

  it('cites a paper given by id in each format', () => {
    expect(engine.cite('2305.11206', 'bibtex')).toMatch(/^@inproceedings\{zhou2023lima,/);
    expect(engine.cite('2410.15466', 'apa')).toBe(
      'Yona, G., & Honovich, O. (2024). Keep Guessing? When Considering Inference Scaling, Mind the Baselines (arXiv:2410.15466). arXiv. https://arxiv.org/abs/2410.15466',
    );
    expect(engine.cite('2410.15466', 'mla')).toBe(
      'Yona, Gal, and Or Honovich. "Keep Guessing? When Considering Inference Scaling, Mind the Baselines." arXiv, 2024, https://arxiv.org/abs/2410.15466.',
    );
  });

  it('refuses an unknown format with BAD_FORMAT', () => {
    expect(() => engine.cite('2305.11206', 'chicago' as 'apa')).toThrow(
      expect.objectContaining({ code: 'BAD_FORMAT' }),
    );
  });
});
