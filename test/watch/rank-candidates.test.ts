import { describe, expect, it } from 'vitest';
import { indexCandidates, rankCandidates, type WatchModel } from '../../src/index.ts';
import { DAY, LONG_CONTEXT_LIBRARY, paper, profile, terms } from './watch-papers.fixture.ts';

const MODELS: WatchModel[] = ['centroid', 'linear', 'blend'];
const ids = (ranked: { paper: { id: string } }[]): string[] => ranked.map((r) => r.paper.id);

describe.each(MODELS)('rankCandidates with the %s model', (model) => {
  const day = indexCandidates(DAY);
  const library = profile({ library: LONG_CONTEXT_LIBRARY });

  it('ranks a long-context paper above an image-generation one for a long-context library', () => {
    const ranked = ids(rankCandidates(day, terms(), library, { model }));
    expect(ranked.indexOf('ring')).toBeLessThan(ranked.indexOf('diffusion'));
    expect(ranked.indexOf('rope')).toBeLessThan(ranked.indexOf('gan'));
    expect(ranked.slice(0, 2).sort()).toEqual(['ring', 'rope']);
  });

  it('marks the long-context papers relevant and the image ones not, with no keywords', () => {
    const ranked = rankCandidates(day, terms(), library, { model });
    const relevant = ranked.filter((r) => r.relevant).map((r) => r.paper.id);
    expect(relevant).toContain('ring');
    expect(relevant).not.toContain('diffusion');
    expect(relevant).not.toContain('gan');
  });

  it('drops a paper an excluded word or phrase matches', () => {
    const ranked = ids(
      rankCandidates(day, terms({ exclude: ['ring', 'image generation'] }), library, { model }),
    );
    expect(ranked).not.toContain('ring');
    expect(ranked).not.toContain('diffusion');
    expect(ranked).toContain('gan');
    expect(ranked).toContain('rope');
  });

  it('gives an author reason for a paper by a watched author, and makes it relevant', () => {
    const ranked = rankCandidates(day, terms({ authors: ['Omer Levy'] }), library, { model });
    const speech = ranked.find((r) => r.paper.id === 'speech');
    expect(speech?.relevant).toBe(true);
    expect(speech?.reasons).toContainEqual(
      expect.objectContaining({ kind: 'author', text: 'Omer Levy' }),
    );
    expect(speech?.why).toContain('author Omer Levy');
  });

  it('says which keyword and phrase a paper matches, and which library paper it is close to', () => {
    const ranked = rankCandidates(
      day,
      terms({ keywords: ['attention'], phrases: ['long context'] }),
      library,
      { model },
    );
    const ring = ranked.find((r) => r.paper.id === 'ring');
    expect(ring?.why).toMatch(
      /^matches "attention", "long context"; close to your (Megalodon|SCROLLS|Memorizing Transformers)/,
    );
    const similar = ring?.reasons.find((r) => r.kind === 'similar');
    expect(LONG_CONTEXT_LIBRARY.map((p) => p.id)).toContain(similar?.paperId);
    expect(similar?.terms?.length).toBeGreaterThan(0);
  });

  it('lifts a paper matching a keyword above one that does not', () => {
    const ranked = ids(rankCandidates(day, terms({ keywords: ['speech'] }), profile(), { model }));
    expect(ranked[0]).toBe('speech');
  });

  it('moves a paper like a disliked one down after the feedback', () => {
    const before = ids(rankCandidates(day, terms(), library, { model }));
    const dislikedLike = paper({
      id: 'distributed-attention',
      title: 'Distributed Attention over a Ring of Devices',
      abstract:
        'Self-attention is split over devices arranged in a ring, each passing its keys and values to the next, to fit a million tokens in memory.',
    });
    const after = ids(
      rankCandidates(day, terms(), { ...library, disliked: [dislikedLike] }, { model }),
    );
    expect(before[0]).toBe('ring');
    expect(after.indexOf('ring')).toBeGreaterThan(before.indexOf('ring'));
  });

  it('ranks nothing relevant with an empty profile and no terms, and does not throw', () => {
    const ranked = rankCandidates(day, terms(), profile(), { model });
    expect(ranked).toHaveLength(DAY.length);
    expect(ranked.every((r) => !r.relevant && r.reasons.length === 0)).toBe(true);
  });

  it('ranks an empty day as an empty list', () => {
    expect(
      rankCandidates(indexCandidates([]), terms({ keywords: ['x'] }), library, { model }),
    ).toEqual([]);
  });

  it('gives the same ranking every time', () => {
    const first = rankCandidates(day, terms({ keywords: ['transformers'] }), library, { model });
    const second = rankCandidates(
      indexCandidates(DAY),
      terms({ keywords: ['transformers'] }),
      library,
      { model },
    );
    expect(second).toEqual(first);
  });

  it('leaves out a candidate the library already holds', () => {
    const ranked = ids(
      rankCandidates(day, terms(), profile({ library: [...LONG_CONTEXT_LIBRARY, DAY[1]!] }), {
        model,
      }),
    );
    expect(ranked).not.toContain('ring');
  });
});

describe('rankCandidates on a large day', () => {
  it('ranks 2,000 candidates for a 50-paper library and explains the relevant ones', () => {
    const topics = [
      'attention',
      'diffusion',
      'speech',
      'retrieval',
      'proteins',
      'robots',
      'graphs',
    ];
    const words = ['model', 'data', 'training', 'results', 'method', 'benchmark', 'efficient'];
    const make = (i: number, prefix: string) => {
      const topic = topics[i % topics.length]!;
      const other = topics[(i * 3 + 1) % topics.length]!;
      return paper({
        id: `${prefix}${i}`,
        title: `${topic} ${words[i % words.length]} ${i}`,
        abstract: `We study ${topic} with ${other}. ${words.join(' ')} ${topic} number ${i}.`,
      });
    };
    const day = indexCandidates(Array.from({ length: 2000 }, (_, i) => make(i, 'c')));
    const library = Array.from({ length: 50 }, (_, i) => make(i * 7, 'lib'));
    const ranked = rankCandidates(day, terms({ keywords: ['speech'] }), profile({ library }));
    expect(ranked).toHaveLength(2000);
    // The keyword counts first; among the rest, the library (all about attention: i * 7 keeps
    // topic 0) decides.
    expect(ranked[0]?.reasons.map((r) => r.kind)).toContain('keyword');
    const unmatched = ranked.filter((r) => !r.reasons.some((reason) => reason.kind === 'keyword'));
    expect(unmatched[0]?.paper.title.startsWith('attention')).toBe(true);
    expect(ranked.filter((r) => r.relevant).every((r) => r.why !== '')).toBe(true);
  });
});
