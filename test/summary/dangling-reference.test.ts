import { describe, expect, it } from 'vitest';
import { cutLeaningPhrase, unresolvedReference } from '../../src/summary/dangling-reference.ts';
import { contentTerms } from '../../src/summary/summary-terms.ts';

/** The terms of the sentences before the one under test. */
const before = (...sentences: string[]): Set<string> =>
  new Set(sentences.flatMap((s) => contentTerms(s)));

describe('unresolvedReference', () => {
  const earlier = before('To test this conjecture, we define a baseline that enumerates answers.');

  it('finds "our <noun>" when the noun was introduced in an earlier sentence', () => {
    expect(unresolvedReference('Our baseline enables a more accurate measurement.', earlier)).toBe(
      'Our baseline',
    );
    expect(unresolvedReference('Our results show large gains.', earlier)).toBeUndefined();
  });

  it('finds demonstratives and leading pronouns, but not "this paper" or "such as"', () => {
    expect(unresolvedReference('We train a captioner on this data at scale.', earlier)).toBe(
      'this data',
    );
    expect(unresolvedReference('It consists of three modules.', earlier)).toBe('It consists');
    expect(unresolvedReference('This paper proposes a new loss.', earlier)).toBeUndefined();
    expect(unresolvedReference('We test models such as GPT-4.', earlier)).toBeUndefined();
  });

  it('accepts an antecedent inside the same sentence, and anything in a first sentence', () => {
    expect(
      unresolvedReference(
        'We map a graph to a sequence of vectors and decode from these vectors.',
        earlier,
      ),
    ).toBeUndefined();
    expect(unresolvedReference('These two stages are costly.', new Set())).toBeUndefined();
  });
});

describe('cutLeaningPhrase', () => {
  const earlier = before('We create a web app that lets users rate images.');

  it('drops a leading phrase that holds the reference when a main clause follows', () => {
    expect(
      cutLeaningPhrase(
        'Using this web app we build Pick-a-Pic, a large open dataset of user preferences.',
        earlier,
      ),
    ).toBe('We build Pick-a-Pic, a large open dataset of user preferences.');
  });

  it('drops a purpose phrase aimed at an earlier problem', () => {
    expect(
      cutLeaningPhrase(
        'We propose Branch-Solve-Merge, a large language model program of three modules for tackling such challenging tasks.',
        earlier,
      ),
    ).toBe('We propose Branch-Solve-Merge, a large language model program of three modules.');
  });

  it('gives up rather than leave a fragment', () => {
    expect(
      cutLeaningPhrase(
        'As we focus on images, we propose a model as the first approach to this matter.',
        earlier,
      ),
    ).toBeUndefined();
  });
});
