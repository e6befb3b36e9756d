import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closestCategories, knownCategory } from '../../../adapters/sources/arxiv-taxonomy.ts';
import {
  describeSpec,
  MAX_TERMS,
  parseWatchText,
  partsFromOptions,
  specFromParts,
} from '../../../adapters/watch/watch-spec.ts';

describe('watch add text', () => {
  it('reads categories, phrases, keywords, authors, exclusions, count, time, zone and cross-lists', () => {
    const parsed = parseWatchText(
      'cs.CL stat.ML "long context" retrieval author:"Omer Levy" -vision count:5 at 08:00 Europe/Paris crosslists:off',
    );
    expect(parsed).toEqual({
      spec: {
        categories: ['cs.CL', 'stat.ML'],
        keywords: ['retrieval'],
        phrases: ['long context'],
        authors: ['Omer Levy'],
        exclude: ['vision'],
        crossLists: false,
        count: 5,
        quiet: false,
      },
      schedule: { time: '08:00', timezone: 'Europe/Paris' },
    });
  });

  it('answers an unknown category with the closest names', () => {
    const parsed = parseWatchText('cs.CLL "long context"');
    expect('problems' in parsed && parsed.problems[0]).toMatch(
      /"cs.CLL" is not an arXiv category. Did you mean cs.CL \(Computation and Language\)/,
    );
    expect(closestCategories('stat.ml.')[0]).toBe('stat.ML');
    expect(closestCategories('robotics')).toContain('cs.RO');
  });

  it('refuses a watch of 500 keywords, naming the limit', () => {
    const words = Array.from({ length: 500 }, (_, i) => `word${i}`).join(' ');
    const parsed = parseWatchText(`cs.CL ${words}`);
    expect('problems' in parsed && parsed.problems.join(' ')).toContain(
      `500 keywords, phrases, authors and exclusions; a watch takes at most ${MAX_TERMS}`,
    );
  });

  it('refuses a count outside 1–10 and a watch without a category', () => {
    expect(parseWatchText('cs.CL count:11')).toHaveProperty('problems');
    expect(parseWatchText('"long context"')).toHaveProperty('problems');
  });

  it("reads Discord's separate options into the same spec", () => {
    const parsed = specFromParts(
      partsFromOptions({
        categories: 'cs.cl, stat.ML',
        keywords: '"long context" retrieval',
        authors: 'Omer Levy, Uri Shaham',
        exclude: 'vision',
        count: 3,
        crossLists: false,
      }),
    );
    expect('spec' in parsed && parsed.spec).toMatchObject({
      categories: ['cs.CL', 'stat.ML'],
      phrases: ['long context'],
      keywords: ['retrieval'],
      authors: ['Omer Levy', 'Uri Shaham'],
      exclude: ['vision'],
      count: 3,
      crossLists: false,
    });
  });

  it('never throws on any text, and a spec it accepts reads back the same', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const parsed = parseWatchText(`cs.CL ${text}`);
        if ('spec' in parsed) {
          const again = parseWatchText(describeSpec(parsed.spec));
          expect('spec' in again && again.spec.categories).toEqual(parsed.spec.categories);
        }
      }),
    );
    expect(knownCategory('HEP-TH')).toBe('hep-th');
  });
});
