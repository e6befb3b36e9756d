import { describe, expect, it } from 'vitest';
import { keyPoints } from '../../src/summary/key-points.ts';
import { pointClause } from '../../src/summary/point-clause.ts';
import { describeSentences } from '../../src/summary/sentence-scores.ts';

/** Room for every point, so these tests see the labels alone. */
const ROOMY = { abstractWords: 10_000, tldrWords: 0 };

describe('keyPoints labels', () => {
  it('labels a setup in the authors\u2019 voice as method, though it holds numbers and "performing"', () => {
    const infos = describeSentences([
      'We show that the layers of a language model track the timing of brain activity.',
      'Using ECoG, we record neural activity from participants listening to a 30-minute narrative while also feeding the same narrative to a high-performing model.',
      'We extract embeddings from each layer and fit linear encoding models to predict neural activity.',
      'Our results reveal a strong correlation between layer depth and the time at which layers best predict the brain.',
    ]);
    const points = keyPoints(infos, 0, ROOMY);
    expect(points.find((p) => p.text.startsWith('Using ECoG'))?.kind).toBe('method');
    expect(points.find((p) => p.text.startsWith('Our results reveal'))?.kind).toBe('result');
  });

  it('leaves out a conjecture rather than call it a result', () => {
    // The Keep Guessing abstract of the seed corpus.
    const infos = describeSentences([
      'Scaling inference compute in large language models (LLMs) through repeated sampling consistently increases the coverage (fraction of problems solved) as the number of samples increases.',
      'We conjecture that this observed improvement is partially due to the answer distribution of standard evaluation benchmarks, which is skewed towards a relatively small set of common answers.',
      'To test this conjecture, we define a baseline that enumerates answers according to their prevalence in the training set.',
      'Experiments spanning two domains reveal that this baseline outperforms repeated model sampling for some LLMs.',
      'Our baseline enables a more accurate measurement of how much repeated sampling improves coverage in such settings beyond prompt-agnostic guessing.',
    ]);
    const points = keyPoints(infos, 2, ROOMY);
    expect(points.some((p) => p.text.includes('We conjecture'))).toBe(false);
    expect(points.find((p) => p.text.startsWith('Experiments spanning'))?.kind).toBe('result');
  });

  it('gives at most one point per two sentences of the abstract', () => {
    const infos = describeSentences([
      'Training large models is expensive and slow on modern hardware.',
      'We propose a schedule that halves the cost of training large models.',
      'Experiments show the schedule matches the accuracy of the usual one.',
    ]);
    expect(keyPoints(infos, 1, ROOMY)).toHaveLength(1);
  });
});

describe('pointClause', () => {
  it('drops bracketed asides and a list of components', () => {
    expect(
      pointClause(
        'Megalodon inherits the architecture of Mega (exponential moving average with gated attention), and further introduces multiple technical components, including complex exponential moving average (CEMA) and timestep normalization.',
      ),
    ).toBe(
      'Megalodon inherits the architecture of Mega, and further introduces multiple technical components.',
    );
  });

  it('drops a contrast after the claim and what follows a semicolon', () => {
    expect(
      pointClause(
        'Attention scales quadratically with sequence length, and while linear alternatives exist, they underperform.',
      ),
    ).toBe('Attention scales quadratically with sequence length.');
    expect(
      pointClause(
        'LIMA is preferred to GPT-4 in 43% of cases; this is as high as 58% against Bard.',
      ),
    ).toBe('LIMA is preferred to GPT-4 in 43% of cases.');
  });

  it('keeps the phrase that carries the point even when it comes after the first cut', () => {
    const sentence =
      'We evaluate open and closed models on ten tasks, finding that GPT-4 achieves the highest average score, while smaller models struggle.';
    expect(pointClause(sentence, { carries: /achiev\w*/, participles: true })).toBe(
      'We evaluate open and closed models on ten tasks, finding that GPT-4 achieves the highest average score.',
    );
    expect(pointClause(sentence, { participles: true })).toBe(
      'We evaluate open and closed models on ten tasks.',
    );
  });

  it('makes no cut that leaves a fragment, and leaves a plain sentence alone', () => {
    expect(pointClause('It works, including on images.')).toBe('It works, including on images.');
    expect(pointClause('We train a captioner on human edits.')).toBe(
      'We train a captioner on human edits.',
    );
  });
});
