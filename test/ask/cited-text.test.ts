import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCitedText, validateCitedAnswer } from '../../src/ask/cited-text.ts';

const evidence = [{ n: 1 }, { n: 1 }, { n: 2 }, { n: 3 }];

describe('validateCitedAnswer', () => {
  it('accepts an answer whose every sentence cites given evidence', () => {
    const check = validateCitedAnswer(
      'LIMA was tuned on 1,000 prompts [1]. It rivals larger models [1][2]. Both hold [2, 3].',
      evidence,
    );
    expect(check).toEqual({
      ok: true,
      segments: [
        { text: 'LIMA was tuned on 1,000 prompts.', cites: [1] },
        { text: 'It rivals larger models.', cites: [1, 2] },
        { text: 'Both hold.', cites: [2, 3] },
      ],
    });
  });

  it('reports a hallucinated citation [9]', () => {
    const check = validateCitedAnswer('A fact [1]. An invented one [9].', evidence);
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.problems).toEqual([
      { kind: 'unknown-citation', n: 9, sentence: 'An invented one.' },
    ]);
    expect(check.valid).toEqual([{ text: 'A fact.', cites: [1] }]);
  });

  it('reports a statement with no citation', () => {
    const check = validateCitedAnswer('A fact [1]. And a claim of my own.', evidence);
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.problems).toEqual([{ kind: 'uncited', sentence: 'And a claim of my own.' }]);
  });

  it('reports an empty answer', () => {
    const check = validateCitedAnswer('  \n ', evidence);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.problems).toEqual([{ kind: 'empty' }]);
  });

  it('gives markers after the full stop to the sentence before', () => {
    expect(parseCitedText('First claim. [2] Second claim. [3]')).toEqual([
      { text: 'First claim.', cites: [2] },
      { text: 'Second claim.', cites: [3] },
    ]);
  });

  it('reads ranges and lists, and keeps a range small', () => {
    expect(parseCitedText('Several agree [1-3].')).toEqual([
      { text: 'Several agree.', cites: [1, 2, 3] },
    ]);
    expect(parseCitedText('Many [1; 2 and 3].')[0]?.cites).toEqual([1, 2, 3]);
    expect(parseCitedText('All [1-999].')[0]?.cites.length).toBeLessThanOrEqual(21);
  });

  it('takes Markdown off before reading: bold, bullets, headings and a citation link', () => {
    const segments = parseCitedText(
      '## Answer\n- **LIMA** uses `1,000` prompts [1].\n- It is [strong](https://x.y) [[2]](https://evil.example).',
    );
    expect(segments).toEqual([
      { text: 'Answer', cites: [] },
      { text: 'LIMA uses 1,000 prompts.', cites: [1] },
      { text: 'It is strong.', cites: [2] },
    ]);
  });

  it('never throws and never leaves a marker in the text, whatever the model sends', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const check = validateCitedAnswer(text, evidence);
        for (const s of check.segments) {
          expect(s.text).not.toMatch(/\[\s*\d{1,3}\s*\]/);
          expect(s.text).not.toMatch(/@everyone|@here|<@/i);
        }
      }),
      // "<@" alone once slipped through: a lone opener could close into a mention.
      { numRuns: 300, examples: [['<@'], ['a <! b'], ['<#']] },
    );
  });
});
