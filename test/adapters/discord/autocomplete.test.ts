import { beforeAll, describe, expect, it } from 'vitest';
import {
  autocompleteChoices,
  choiceName,
  choiceValue,
  paperChoices,
  timeZoneChoices,
} from '../../../adapters/discord/autocomplete.ts';
import { choiceProblems } from '../../../adapters/discord/limits.ts';
import type { Engine, Paper } from '../../../src/index.ts';
import { PAPERS, tinyEngine } from './tiny-corpus.ts';

let engine: Engine;
beforeAll(async () => {
  engine = await tinyEngine();
});

describe('paper autocomplete', () => {
  it('suggests papers whose title starts like what was typed, valued by id', () => {
    const choices = paperChoices(engine, 'mega');
    expect(choices[0]).toEqual({
      name: 'Megalodon: Efficient LLM Pretraining and Inference with Unlimited Context Length (2024, Xuezhe Ma)',
      value: '2404.08801',
    });
  });

  it('offers the newest papers for an empty box', () => {
    const choices = paperChoices(engine, '');
    expect(choices).toHaveLength(PAPERS.length);
    expect(
      choices
        .slice(0, 2)
        .map((c) => c.value)
        .sort(),
    ).toEqual(['2404.08801', '2408.11039']);
  });

  it('offers a paper added since, and no longer one removed, for an empty box', async () => {
    const growing = await tinyEngine();
    expect(paperChoices(growing, '').map((c) => c.value)).toContain('2305.11206');
    growing.add([
      { id: '2601.00001', title: 'A Paper Added Today', abstract: 'New.', authors: [], year: 2026 },
    ]);
    growing.remove(['2305.11206']);
    const values = paperChoices(growing, '').map((c) => c.value);
    expect(values[0]).toBe('2601.00001');
    expect(values).not.toContain('2305.11206');
  });

  it('gives values the engine resolves back to the same paper', () => {
    for (const choice of paperChoices(engine, '')) {
      expect(engine.resolve(choice.value).id).toBe(choice.value);
    }
  });

  it('stays within 25 choices of at most 100 characters on a big corpus', async () => {
    const many: Paper[] = Array.from({ length: 60 }, (_, i) => ({
      id: `p${i}`,
      title: `Attention ${'x'.repeat(i * 5)} ${i}`,
      abstract: 'Attention is all.',
      authors: ['A'.repeat(300)],
      year: 2000 + (i % 20),
    }));
    const big = await tinyEngine(many);
    for (const typed of ['', 'att', 'attention']) {
      const choices = paperChoices(big, typed);
      expect(choices.length).toBeLessThanOrEqual(25);
      expect(choiceProblems(choices)).toEqual([]);
    }
  });

  it('names a paper on one line and falls back to arXiv id when its id is too long', () => {
    const paper: Paper = {
      id: 'x'.repeat(150),
      arxiv: '2401.00001',
      title: 'A\ntitle\u0000 with @everyone',
      abstract: '',
      authors: [],
    };
    expect(choiceName(paper)).toBe('A title with @\u200beveryone');
    expect(choiceValue(paper)).toBe('2401.00001');
    expect(choiceValue({ ...paper, arxiv: undefined })).toBeUndefined();
  });

  it('completes only the options it knows', () => {
    expect(autocompleteChoices(engine, 'query', 'long')).toEqual([]);
    expect(autocompleteChoices(engine, 'paper', 'lima')[0]?.value).toBe('2305.11206');
  });
});

describe('time zone autocomplete', () => {
  it('offers common zones for an empty box', () => {
    expect(timeZoneChoices('').map((c) => c.value)).toContain('Europe/Paris');
  });

  it('finds zones by any part of their name, prefix matches first', () => {
    const choices = timeZoneChoices('paris');
    expect(choices[0]).toEqual({ name: 'Europe/Paris', value: 'Europe/Paris' });
    expect(timeZoneChoices('new york').map((c) => c.value)).toContain('America/New_York');
    expect(timeZoneChoices('europe').length).toBe(25);
  });
});
