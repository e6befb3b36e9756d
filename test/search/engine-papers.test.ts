import { describe, expect, it } from 'vitest';
import { createEngine, isShammieError, loadEngine } from '../../src/index.ts';
import { paper, TINY } from './papers.fixture.ts';

const engine = createEngine(TINY);

describe('paper look-up', () => {
  it('finds a paper by id, arXiv id, arXiv URL, DOI and exact title', () => {
    expect(engine.lookup('lima')?.id).toBe('lima');
    expect(engine.lookup('2305.11206')?.id).toBe('lima');
    expect(engine.lookup('https://arxiv.org/pdf/2305.11206v3')?.id).toBe('lima');
    expect(engine.lookup('doi:10.48550/ARXIV.2305.11206')?.id).toBe('lima');
    expect(engine.lookup('LIMA: less is more for alignment')?.id).toBe('lima');
  });

  it('finds the best match for title words and a misspelled name', () => {
    expect(engine.lookup('zero shot benchmark')?.id).toBe('zero');
    expect(engine.lookup('megalodn')?.id).toBe('mega');
  });

  it('names nothing when the words barely match', () => {
    expect(engine.lookup('quantum chromodynamics lattice gauge')).toBeUndefined();
    expect(engine.lookup('the')).toBeUndefined();
    expect(engine.lookup('')).toBeUndefined();
  });

  it('resolve throws PAPER_NOT_FOUND with the reference in its message', () => {
    try {
      engine.resolve('quantum chromodynamics');
      expect.unreachable();
    } catch (error) {
      expect(isShammieError(error) && error.code).toBe('PAPER_NOT_FOUND');
      expect((error as Error).message).toContain('quantum chromodynamics');
    }
  });
});

describe('autocomplete suggestions', () => {
  it('completes title prefixes and caps the list', () => {
    expect(engine.suggest('Megal')[0]?.id).toBe('mega');
    expect(engine.suggest('', 2)).toHaveLength(2);
    expect(engine.suggest('omer', 25).length).toBeLessThanOrEqual(25);
  });

  it('matches every typed word as the start of a title or author word', () => {
    expect(engine.suggest('less is m')[0]?.id).toBe('lima');
    expect(engine.suggest('kirst')[0]?.id).toBe('pick');
    expect(engine.suggest('zero shot bench')[0]?.id).toBe('zero');
  });

  it('falls back to a forgiving search when no title word starts with what was typed', () => {
    expect(engine.suggest('megalodn')[0]?.id).toBe('mega');
    expect(engine.suggest('curated prompts')[0]?.id).toBe('lima');
  });

  it('suggests titles that start with a function word when that is all that was typed', () => {
    expect(engine.suggest('the')).not.toEqual([]);
    expect(engine.suggest('an', 1)[0]?.id).toBe('pick');
  });

  it('suggests by arXiv id', () => {
    expect(engine.suggest('2305.14196')[0]?.id).toBe('zero');
  });

  it('offers the newest papers when nothing is typed', () => {
    expect(engine.suggest('', 1)[0]?.id).toBe('mega');
  });
});

describe('summaries, similar papers, random and daily picks', () => {
  it('summarizes a paper with a one-sentence TL;DR taken from its abstract', () => {
    const summary = engine.summarize('mega');
    expect(summary.paperId).toBe('mega');
    expect(TINY[0]?.abstract).toContain(summary.tldr.replace(/…$/, '').slice(0, 30));
  });

  it('finds similar papers without the paper itself', () => {
    const hits = engine.similar('zero');
    expect(hits.map((h) => h.paper.id)).not.toContain('zero');
    expect(hits[0]?.paper.id).toBe('mega');
  });

  it('draws a random paper with the injected source', () => {
    expect(engine.random(() => 0)?.id).toBe(TINY[0]?.id);
    expect(engine.random(() => 0.999999)?.id).toBe(TINY[TINY.length - 1]?.id);
    expect(engine.random(() => 0.5, 'slipstream wing')?.id).toBe('wing');
    expect(engine.random(() => 0.5, 'quantum chromodynamics')).toBeUndefined();
  });

  it('gives the same daily paper for the same date', () => {
    expect(engine.daily('2025-03-01').id).toBe(createEngine([...TINY]).daily('2025-03-01').id);
  });

  it('makes a digest of a topic from the best matches', () => {
    const digest = engine.digest('long context benchmark', 2);
    expect(digest.items).toHaveLength(2);
    expect(digest.items.every((i) => i.tldr.length > 0)).toBe(true);
  });
});

describe('citations and stats', () => {
  it('cites in BibTeX by default and in APA and MLA on request', () => {
    expect(engine.cite('lima')).toMatch(/^@\w+\{/);
    expect(engine.cite('lima', 'apa')).toContain('2023');
    expect(engine.cite('lima', 'mla')).toContain('LIMA');
  });

  it('counts papers, years and frequent authors', () => {
    const stats = engine.stats();
    expect(stats.papers).toBe(5);
    expect(stats.years).toEqual({ from: 1958, to: 2024 });
    expect(stats.topAuthors[0]).toEqual({ name: 'Omer Levy', papers: 4 });
  });
});

describe('snapshots', () => {
  it('round-trips through JSON to an engine that answers the same', () => {
    const restored = loadEngine(JSON.parse(JSON.stringify(engine)), TINY);
    for (const q of ['long context', 'megalodn', 'author:levy', 'preferences images']) {
      expect(restored.search(q).hits.map((h) => [h.paper.id, h.score])).toEqual(
        engine.search(q).hits.map((h) => [h.paper.id, h.score]),
      );
    }
  });

  it('snapshot() round-trips to an engine that answers the same', () => {
    const restored = loadEngine(engine.snapshot(), TINY);
    expect(restored.search('long context').hits.map((h) => [h.paper.id, h.score])).toEqual(
      engine.search('long context').hits.map((h) => [h.paper.id, h.score]),
    );
  });

  it('JSON.stringify(engine) writes the same snapshot, for outside tools', () => {
    expect(JSON.parse(JSON.stringify(engine))).toEqual(
      JSON.parse(JSON.stringify(engine.snapshot())),
    );
  });

  it('refuses a snapshot of another corpus, another version or garbage', () => {
    const snapshot = JSON.parse(JSON.stringify(engine.snapshot()));
    expect(() => loadEngine(snapshot, [...TINY, paper({ id: 'new' })])).toThrow(/another corpus/);
    expect(() => loadEngine({ ...snapshot, version: -1 }, TINY)).toThrow(/version/);
    expect(() =>
      loadEngine({ ...snapshot, arrays: { ...snapshot.arrays, docs: 'AAA' } }, TINY),
    ).toThrow(/snapshot/);
    expect(() => loadEngine('{"truncated', TINY)).toThrow(/snapshot/);
  });

  it('round-trips through bytes to an engine that answers the same', () => {
    const restored = loadEngine(engine.toBytes(), TINY);
    for (const q of ['long context', 'megalodn', 'author:levy', 'preferences images']) {
      expect(restored.search(q).hits.map((h) => [h.paper.id, h.score])).toEqual(
        engine.search(q).hits.map((h) => [h.paper.id, h.score]),
      );
    }
    expect(restored.suggest('less is m')[0]?.id).toBe('lima');
  });

  it('refuses truncated, padded, misaligned-garbage and foreign bytes', () => {
    const bytes = engine.toBytes();
    expect(() => loadEngine(bytes.subarray(0, bytes.length - 5), TINY)).toThrow(/snapshot/);
    expect(() => loadEngine(new Uint8Array([...bytes, 0, 0, 0, 0]), TINY)).toThrow(/snapshot/);
    expect(() => loadEngine(new Uint8Array(64).fill(7), TINY)).toThrow(/snapshot/);
    expect(() => loadEngine(bytes, [...TINY].reverse())).toThrow(/another corpus/);
    const damaged = new Uint8Array(bytes);
    damaged[14] = 0x7b; // inside the JSON header
    expect(() => loadEngine(damaged, TINY)).toThrow(/snapshot/);
  });

  it('reads bytes that do not start on a 4-byte boundary', () => {
    const bytes = engine.toBytes();
    const shifted = new Uint8Array(bytes.length + 1);
    shifted.set(bytes, 1);
    expect(loadEngine(shifted.subarray(1), TINY).search('long context').hits[0]?.paper.id).toBe(
      'mega',
    );
  });
});
