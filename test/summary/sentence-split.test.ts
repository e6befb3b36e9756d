import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/summary/sentence-split.ts';

/** The text without any whitespace: what splitting must preserve. */
const squeeze = (text: string): string => text.replace(/\s+/g, '');

describe('splitSentences', () => {
  it('splits plain sentences at periods, question marks and exclamation marks', () => {
    expect(splitSentences('We study X. Does it help? It does! Done.')).toEqual([
      'We study X.',
      'Does it help?',
      'It does!',
      'Done.',
    ]);
  });

  it('keeps "e.g." and "i.e." inside their sentence', () => {
    expect(splitSentences('We add noise, e.g. Dropout, i.e. Random masks. It helps.')).toEqual([
      'We add noise, e.g. Dropout, i.e. Random masks.',
      'It helps.',
    ]);
  });

  it('keeps "et al." inside the sentence, with or without a year after it', () => {
    expect(
      splitSentences('As Schlag et al. (2023) show, it works. Vaswani et al. Introduced it.'),
    ).toEqual(['As Schlag et al. (2023) show, it works.', 'Vaswani et al. Introduced it.']);
  });

  it('keeps a parenthetical citation such as "(Schlag et al., 2023)" whole', () => {
    expect(splitSentences('Prior work (Schlag et al., 2023) did this. We do that.')).toEqual([
      'Prior work (Schlag et al., 2023) did this.',
      'We do that.',
    ]);
  });

  it('does not split after "Fig. 2", "Eq. 3", "vs." or "approx."', () => {
    expect(
      splitSentences('See Fig. 2 and Eq. 3 for A vs. B. It is approx. 3 times faster. Next.'),
    ).toEqual(['See Fig. 2 and Eq. 3 for A vs. B.', 'It is approx. 3 times faster.', 'Next.']);
  });

  it('never splits decimals or multipliers like "1.70" and "3.5x"', () => {
    expect(splitSentences('Loss reaches 1.70 and speed is 3.5x higher. Good.')).toEqual([
      'Loss reaches 1.70 and speed is 3.5x higher.',
      'Good.',
    ]);
  });

  it('splits after a number that ends a sentence', () => {
    expect(splitSentences('The loss is 1.70. The accuracy is 93.5%. We stop.')).toEqual([
      'The loss is 1.70.',
      'The accuracy is 93.5%.',
      'We stop.',
    ]);
  });

  it('keeps "U.S." and initials such as "J. Smith" inside the sentence', () => {
    expect(splitSentences('The U.S. Army and J. R. Smith funded it. Thanks.')).toEqual([
      'The U.S. Army and J. R. Smith funded it.',
      'Thanks.',
    ]);
  });

  it('still splits after a capital letter when a typical sentence opener follows', () => {
    expect(splitSentences('We call this model B. We then test it.')).toEqual([
      'We call this model B.',
      'We then test it.',
    ]);
  });

  it('splits after an ellipsis before a capital, not inside a list', () => {
    expect(splitSentences('Results vary... Some improve. Use a, b, ... z here.')).toEqual([
      'Results vary...',
      'Some improve.',
      'Use a, b, ... z here.',
    ]);
    expect(splitSentences('It is unclear\u2026 We test it.')).toEqual([
      'It is unclear\u2026',
      'We test it.',
    ]);
  });

  it('keeps URLs whole and splits after one that ends a sentence', () => {
    expect(splitSentences('Code is at https://github.com/a/b.c/x. We thank all.')).toEqual([
      'Code is at https://github.com/a/b.c/x.',
      'We thank all.',
    ]);
  });

  it('keeps closing quotes and brackets with the sentence they end', () => {
    expect(
      splitSentences('He called it "fast." Then (see Table 1.) It ran. [Really.] Yes.'),
    ).toEqual(['He called it "fast."', 'Then (see Table 1.)', 'It ran.', '[Really.]', 'Yes.']);
  });

  it('does not split before a lower-case continuation', () => {
    expect(splitSentences('It costs approx. ten dollars, cf. the table. Fine.')).toEqual([
      'It costs approx. ten dollars, cf. the table.',
      'Fine.',
    ]);
  });

  it('returns the whole text as one sentence when there is no end punctuation', () => {
    expect(splitSentences('  a title-like line without a period  ')).toEqual([
      'a title-like line without a period',
    ]);
  });

  it('returns nothing for empty or blank text', () => {
    expect(splitSentences('')).toEqual([]);
    expect(splitSentences(' \n\t ')).toEqual([]);
  });

  it('splits across newlines', () => {
    expect(splitSentences('First line.\nSecond line.')).toEqual(['First line.', 'Second line.']);
  });

  it('keeps every non-space character, in order, in non-empty pieces (property)', () => {
    const pieces = fc.constantFrom(
      'We',
      'propose',
      'e.g.',
      'et al.',
      'Fig. 2',
      '1.70',
      '.',
      '?',
      '!',
      '...',
      '"',
      ')',
      '(',
      'J.',
      'U.S.',
      'x',
      ' ',
      '\n',
      'The',
    );
    const texts = fc.oneof(
      fc.array(pieces, { maxLength: 40 }).map((p) => p.join(' ')),
      fc.string(),
    );
    fc.assert(
      fc.property(texts, (text) => {
        const sentences = splitSentences(text);
        expect(sentences.every((s) => s.length > 0 && s === s.trim())).toBe(true);
        expect(squeeze(sentences.join(''))).toBe(squeeze(text));
      }),
      { numRuns: 500 },
    );
  });

  it('returns only the first sentences when given a limit', () => {
    expect(splitSentences('One. Two. Three. Four.', 2)).toEqual(['One.', 'Two.']);
    expect(splitSentences('One. Two.', 5)).toEqual(['One.', 'Two.']);
    expect(splitSentences('One. Two.', 0)).toEqual([]);
  });

  it('handles 100,000 characters of one run-on "sentence" and of many short ones', () => {
    expect(splitSentences('word '.repeat(20_000))).toHaveLength(1);
    expect(splitSentences('Yes. '.repeat(20_000))).toHaveLength(20_000);
  });
});
