import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cleanLatex } from '../../src/corpus/latex-clean.ts';
import { deriveTitleLabel, MAX_LABEL_LENGTH } from '../../src/corpus/title-label.ts';
import { SEED } from '../beside-the-clone.ts';

const seedAbstracts = SEED.present
  ? readFileSync(SEED.paths[1] as string, 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('Abstract:'))
      .map((line) => cleanLatex(line.slice('Abstract:'.length)))
  : [];

describe('deriveTitleLabel on the ten seed abstracts', () => {
  const expected = [
    'Altogether',
    'Scaling inference compute in large language models (LLMs) through repeated…',
    'Transfusion',
    'Megalodon',
    'Branch-Solve-Merge (BSM)',
    'Deep Language Models (DLMs) provide a novel computational paradigm for…',
    'Instruction backtranslation',
    'ZeroSCROLLS',
    'LIMA',
    'Pick-a-Pic',
  ];

  it.skipIf(!SEED.present)(
    SEED.named('names each paper by its method, else its opening words'),
    () => {
      expect(seedAbstracts.map(deriveTitleLabel)).toEqual(expected);
    },
  );
});

describe('deriveTitleLabel', () => {
  it('takes the name a paper introduces', () => {
    expect(deriveTitleLabel('We introduce Transfusion, a recipe for training.')).toBe(
      'Transfusion',
    );
    expect(deriveTitleLabel('In this work we present GraphMix: a way to mix graphs.')).toBe(
      'GraphMix',
    );
    expect(deriveTitleLabel('Our approach, called sparse routing, is simple.')).toBe(
      'Sparse routing',
    );
  });

  it('takes a coined name in apposition even without an introducing verb', () => {
    expect(
      deriveTitleLabel('Models struggle. Thus, training LIMA, a 65B model, shows a lot.'),
    ).toBe('LIMA');
  });

  it('does not take a capitalised common word for a name', () => {
    expect(deriveTitleLabel('Results are in Table, a summary of all runs.')).toBe(
      'Results are in Table, a summary of all runs',
    );
    expect(deriveTitleLabel('We introduce The idea, a simple one.')).toBe(
      'We introduce The idea, a simple one',
    );
  });

  it('falls back to the first sentence, without a filler opening', () => {
    expect(deriveTitleLabel('In this paper, we show that cats purr. More text.')).toBe(
      'We show that cats purr',
    );
    expect(deriveTitleLabel('Cats purr, e.g. when happy. Dogs bark.')).toBe(
      'Cats purr, e.g. when happy',
    );
  });

  it(`cuts a long opening at a word, within ${MAX_LABEL_LENGTH} characters, with an ellipsis`, () => {
    const long = `${'alpha beta gamma delta '.repeat(10)}end.`;
    const label = deriveTitleLabel(long);
    expect(label.length).toBeLessThanOrEqual(MAX_LABEL_LENGTH + 1);
    expect(label.endsWith('…')).toBe(true);
    expect(label).toMatch(/^Alpha beta gamma delta/);
    expect(label).not.toMatch(/\s…$/);
  });

  it('copes with odd input', () => {
    expect(deriveTitleLabel('')).toBe('');
    expect(deriveTitleLabel('   \n ')).toBe('');
    expect(deriveTitleLabel('x')).toBe('X');
    const unbroken = 'y'.repeat(300);
    expect(deriveTitleLabel(unbroken)).toBe(`${'Y'}${'y'.repeat(MAX_LABEL_LENGTH - 1)}…`);
    expect(deriveTitleLabel('!!! ??? ...')).toBe('!!! ???');
  });
});
