import { describe, expect, it } from 'vitest';
import { indexCandidates } from '../../src/index.ts';
import { nearestProfilePaper } from '../../src/watch/nearest-profile-paper.ts';
import { dotSparse } from '../../src/watch/sparse-vector.ts';
import { DAY, LONG_CONTEXT_LIBRARY, paper } from './watch-papers.fixture.ts';

describe('indexCandidates', () => {
  const day = indexCandidates(DAY);

  it('puts a profile paper in the same place as the same paper among the candidates', () => {
    DAY.forEach((candidate, doc) => {
      // A copy: the same text as another object, so the vector is made, not read back.
      const made = day.vectorOf({ ...candidate });
      const row = day.vectors[doc]!;
      expect(Array.from(made.terms)).toEqual(Array.from(row.terms));
      made.values.forEach((v, i) => {
        expect(v).toBeCloseTo(row.values[i] ?? 0, 6);
      });
    });
  });

  it('gives unit vectors, and a paper with no word of the day an empty one', () => {
    for (const x of day.vectors) expect(dotSparse(x, x)).toBeCloseTo(1, 9);
    const unrelated = day.vectorOf(
      paper({ id: 'x', title: 'Zzyzx', abstract: 'Qwv', authors: [] }),
    );
    expect(unrelated.terms.length).toBe(0);
  });

  it('finds the nearest profile paper by cosine', () => {
    const profile = LONG_CONTEXT_LIBRARY.map((p) => day.vectorOf(p));
    const nearest = nearestProfilePaper(profile);
    const ring = day.vectors[DAY.findIndex((p) => p.id === 'ring')]!;
    const found = nearest(ring);
    const cosines = profile.map((x) => dotSparse(x, ring));
    expect(found?.cosine).toBeCloseTo(Math.max(...cosines), 9);
    expect(found?.at).toBe(cosines.indexOf(Math.max(...cosines)));
  });
});
