import { describe, expect, it } from 'vitest';
import { parseJudgments, qualifyingQueries } from '../../bench/watch-collections.ts';
import { parseModelSpec } from '../../bench/watch-model-spec.ts';
import { indexCandidates } from '../../src/index.ts';

describe('watch benchmark judgments', () => {
  it('reads query, paper and gain, tab or space separated, and drops gains of 0 or less', () => {
    const judgments = parseJudgments('1\t184\t3\n1 29 2\n1\t30\t0\n2\t5\t-1\n\n3\t7\t1\n');
    expect([...judgments.keys()]).toEqual(['1', '3']);
    expect([...(judgments.get('1') ?? [])]).toEqual([
      ['184', 3],
      ['29', 2],
    ]);
  });

  it('keeps the queries with enough relevant papers, in numeric order', () => {
    const judgments = parseJudgments(
      ['10 a 1', '10 b 1', '10 c 1', '9 a 1', '9 b 1', '9 c 1', '2 a 1', '2 b 1'].join('\n'),
    );
    const collection = { name: 'tiny', papers: [], index: indexCandidates([]), judgments };
    expect(qualifyingQueries(collection, 3).map(([q]) => q)).toEqual(['9', '10']);
    expect(qualifyingQueries(collection, 2).map(([q]) => q)).toEqual(['2', '9', '10']);
  });
});

describe('watch benchmark model specs', () => {
  it('reads a model with its settings', () => {
    expect(parseModelSpec('blend:m=0.5:d=0.1:w=0')).toEqual({
      label: 'blend:m=0.5:d=0.1:w=0',
      options: {
        model: 'blend',
        tuning: { blendLinearShare: 0.5, dislikedWeight: 0.1, linearBalanced: false },
      },
    });
    expect(parseModelSpec('centroid').options).toEqual({ model: 'centroid', tuning: {} });
  });

  it('refuses an unknown model, setting or value', () => {
    expect(() => parseModelSpec('forest')).toThrow(/unknown model/);
    expect(() => parseModelSpec('linear:z=1')).toThrow(/unknown setting/);
    expect(() => parseModelSpec('linear:c=')).toThrow(/unknown setting/);
    expect(() => parseModelSpec('linear:c=abc')).toThrow(/unknown setting/);
  });
});
