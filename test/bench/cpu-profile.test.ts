import { describe, expect, it } from 'vitest';
import { type CpuProfile, functionTimes } from '../../bench/cpu-profile.ts';

const frame = (functionName: string, lineNumber: number) => ({
  functionName,
  url: 'file:///project/src/search/scorer.ts',
  lineNumber,
});

// root → search → accumulate (→ accumulate, recursing), and search → topK
const profile: CpuProfile = {
  nodes: [
    { id: 1, callFrame: { functionName: '(root)', url: '', lineNumber: -1 }, children: [2] },
    { id: 2, callFrame: frame('search', 10), children: [3, 4] },
    { id: 3, callFrame: frame('accumulate', 20), children: [5] },
    { id: 4, callFrame: frame('topK', 30) },
    { id: 5, callFrame: frame('accumulate', 20) },
  ],
  // Each sample's span is the next sample's delta (µs).
  samples: [3, 5, 4, 2],
  timeDeltas: [0, 1000, 2000, 3000, 4000],
};

describe('functionTimes', () => {
  it('gives self time to the function on top of the stack and total time to every caller', () => {
    const byName = Object.fromEntries(functionTimes(profile, '/project').map((f) => [f.name, f]));
    expect(byName.accumulate).toMatchObject({
      selfMs: 3,
      totalMs: 3,
      where: 'src/search/scorer.ts:21',
    });
    expect(byName.topK).toMatchObject({ selfMs: 3, totalMs: 3 });
    expect(byName.search).toMatchObject({ selfMs: 4, totalMs: 10 });
  });

  it('lists the most self time first', () => {
    expect(functionTimes(profile, '/project')[0]?.name).toBe('search');
  });

  it('leaves out the idle pseudo-function: waiting is not work', () => {
    const idle: CpuProfile = {
      nodes: [
        { id: 1, callFrame: { functionName: '(root)', url: '', lineNumber: -1 }, children: [2] },
        { id: 2, callFrame: { functionName: '(idle)', url: '', lineNumber: -1 } },
      ],
      samples: [2, 2],
      timeDeltas: [0, 500, 500],
    };
    expect(functionTimes(idle)).toEqual([]);
  });
});
