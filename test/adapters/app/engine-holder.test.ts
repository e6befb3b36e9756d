import { describe, expect, it } from 'vitest';
import { createEngineHolder } from '../../../adapters/app/engine-holder.ts';
import { createEngine, isShammieError } from '../../../src/index.ts';

const first = createEngine([
  { id: 'a', title: 'Long context models', abstract: 'We study long context.', authors: ['Ada'] },
]);
const second = createEngine([
  { id: 'b', title: 'Protein folding', abstract: 'We fold proteins quickly.', authors: ['Bo'] },
  {
    id: 'c',
    title: 'Long context retrieval',
    abstract: 'Retrieval for long context.',
    authors: [],
  },
]);

describe('the engine holder', () => {
  it('answers every call with a friendly NOT_READY notice that says how far indexing is', () => {
    const holder = createEngineHolder();
    holder.progress(450, 1000);
    try {
      holder.engine.search('long context');
      expect.unreachable();
    } catch (error) {
      expect(isShammieError(error) && error.code).toBe('NOT_READY');
      expect((error as Error).message).toContain('45%');
    }
    expect(() => holder.engine.resolve('a')).toThrow(/still reading/);
    expect(holder.current()).toBeUndefined();
  });

  it('offers no suggestions and no papers until ready, without throwing', () => {
    const holder = createEngineHolder();
    expect(holder.engine.suggest('long', 25)).toEqual([]);
    expect(holder.engine.papers).toEqual([]);
  });

  it('hands every call to the first engine once it is ready', () => {
    const holder = createEngineHolder();
    holder.swap(first);
    expect(holder.current()).toBe(first);
    expect(holder.engine.search('long context').hits[0]?.paper.id).toBe('a');
    expect(holder.engine.suggest('long', 25)[0]?.id).toBe('a');
    expect(holder.engine.papers).toHaveLength(1);
  });

  it('sends every later call to the engine swapped in, through the same object', () => {
    const holder = createEngineHolder();
    const given = holder.engine;
    holder.swap(first);
    expect(given.lookup('b')).toBeUndefined();
    holder.swap(second);
    expect(given.lookup('b')?.title).toBe('Protein folding');
    expect(given.search('long context').hits.map((hit) => hit.paper.id)).toEqual(['c']);
    // The papers list is the current engine's own, so caches keyed on it see the change.
    expect(given.papers).toBe(second.papers);
  });

  it('serialises as a count, never the papers or the index, wherever it is held', () => {
    const holder = createEngineHolder();
    holder.swap(second);
    const text = JSON.stringify({ logged: holder.engine });
    expect(JSON.parse(text)).toEqual({ logged: { engine: 'shammie', papers: 2 } });
    expect(text).not.toContain('Protein folding');
  });
});
