import { describe, expect, it } from 'vitest';
import { createPendingEngine } from '../../../adapters/shared/pending-engine.ts';
import { createEngine, isShammieError } from '../../../src/index.ts';

const real = createEngine([
  { id: 'a', title: 'Long context models', abstract: 'We study long context.', authors: ['Ada'] },
]);

describe('the engine that stands in while the corpus indexes', () => {
  it('answers every call with a friendly NOT_READY notice that says how far indexing is', () => {
    const pending = createPendingEngine();
    pending.progress(450, 1000);
    try {
      pending.engine.search('long context');
      expect.unreachable();
    } catch (error) {
      expect(isShammieError(error) && error.code).toBe('NOT_READY');
      expect((error as Error).message).toContain('45%');
    }
    expect(() => pending.engine.resolve('a')).toThrow(/still reading/);
  });

  it('offers no suggestions and no papers until ready, without throwing', () => {
    const pending = createPendingEngine();
    expect(pending.engine.suggest('long', 25)).toEqual([]);
    expect(pending.engine.papers).toEqual([]);
  });

  it('hands every call to the real engine once it is ready', () => {
    const pending = createPendingEngine();
    pending.ready(real);
    expect(pending.engine.search('long context').hits[0]?.paper.id).toBe('a');
    expect(pending.engine.suggest('long', 25)[0]?.id).toBe('a');
    expect(pending.engine.papers).toHaveLength(1);
  });
});
