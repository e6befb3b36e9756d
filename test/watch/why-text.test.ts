import { describe, expect, it } from 'vitest';
import { shortTitle, whyText } from '../../src/index.ts';

describe('whyText', () => {
  it('reads matches, then the nearest paper with its words, then authors', () => {
    expect(
      whyText([
        { kind: 'phrase', text: 'long context', weight: 1 },
        {
          kind: 'similar',
          text: 'Megalodon: Efficient LLM Pretraining and Inference with Unlimited Context Length',
          paperId: 'mega',
          weight: 0.4,
          terms: ['attention', 'chunk'],
        },
        { kind: 'author', text: 'Omer Levy', weight: 1 },
      ]),
    ).toBe('matches "long context"; close to your Megalodon (attention, chunk); author Omer Levy');
  });

  it('lists several keywords and authors in one part each', () => {
    expect(
      whyText([
        { kind: 'keyword', text: 'mamba', weight: 1 },
        { kind: 'phrase', text: 'state space', weight: 1 },
        { kind: 'author', text: 'Albert Gu', weight: 1 },
        { kind: 'author', text: 'Tri Dao', weight: 1 },
      ]),
    ).toBe('matches "mamba", "state space"; authors Albert Gu, Tri Dao');
  });

  it('is empty without reasons', () => {
    expect(whyText([])).toBe('');
  });
});

describe('shortTitle', () => {
  it('keeps the name before a colon', () => {
    expect(shortTitle('LIMA: Less Is More for Alignment')).toBe('LIMA');
  });

  it('keeps a short title whole and cuts a long one at a word', () => {
    expect(shortTitle('Memorizing Transformers')).toBe('Memorizing Transformers');
    const long =
      'A Very Long Title About the Effects of Many Different Things on Many Other Different Things Again';
    const cut = shortTitle(long);
    expect(cut.endsWith('…')).toBe(true);
    expect(cut.length).toBeLessThanOrEqual(60);
    expect(long.startsWith(cut.slice(0, -1))).toBe(true);
  });
});
