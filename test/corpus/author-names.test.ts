import { describe, expect, it } from 'vitest';
import { parseAuthors, personName } from '../../src/corpus/author-names.ts';

describe('parseAuthors', () => {
  it('reads an array of names, turning "Last, First" around', () => {
    expect(parseAuthors(['Omer Levy', 'Zettlemoyer, Luke', 'Smith, Jr., John'])).toEqual([
      'Omer Levy',
      'Luke Zettlemoyer',
      'John Smith Jr.',
    ]);
  });

  it('reads name objects in CSL and other common shapes', () => {
    expect(
      parseAuthors([
        { given: 'Ada', family: 'Lovelace' },
        { given: 'Jan', 'non-dropping-particle': 'van der', family: 'Berg' },
        { name: 'Turing, Alan' },
        { first: 'Grace', last: 'Hopper' },
        { literal: 'OpenAI' },
        42,
        null,
      ]),
    ).toEqual(['Ada Lovelace', 'Jan van der Berg', 'Alan Turing', 'Grace Hopper', 'OpenAI']);
  });

  it('splits a string on "and", on semicolons, or on commas', () => {
    expect(parseAuthors('Omer Levy and Luke Zettlemoyer')).toEqual([
      'Omer Levy',
      'Luke Zettlemoyer',
    ]);
    expect(parseAuthors('Levy, Omer and Zettlemoyer, Luke')).toEqual([
      'Omer Levy',
      'Luke Zettlemoyer',
    ]);
    expect(parseAuthors('Omer Levy, Luke Zettlemoyer, Mike Lewis')).toEqual([
      'Omer Levy',
      'Luke Zettlemoyer',
      'Mike Lewis',
    ]);
    expect(parseAuthors('Omer Levy, Luke Zettlemoyer and Mike Lewis')).toEqual([
      'Omer Levy',
      'Luke Zettlemoyer',
      'Mike Lewis',
    ]);
    expect(parseAuthors('Levy, O.; Zettlemoyer, L.')).toEqual(['O. Levy', 'L. Zettlemoyer']);
    expect(parseAuthors('Levy, O., Zettlemoyer, L.')).toEqual(['O. Levy', 'L. Zettlemoyer']);
  });

  it('reads one person written last name first as one person', () => {
    expect(parseAuthors('Levy, Omer')).toEqual(['Omer Levy']);
    expect(parseAuthors('van der Berg, Jan')).toEqual(['Jan van der Berg']);
  });

  it('drops "others" and "et al." and cleans LaTeX accents and braces', () => {
    expect(parseAuthors('M{\\"u}ller, J{\\"o}rg and {Google Research} and others')).toEqual([
      'Jörg Müller',
      'Google Research',
    ]);
    expect(parseAuthors(['A. Author', 'et al.'])).toEqual(['A. Author']);
  });

  it('gives an empty list for anything else', () => {
    expect(parseAuthors(undefined)).toEqual([]);
    expect(parseAuthors(7)).toEqual([]);
    expect(parseAuthors('   ')).toEqual([]);
    expect(parseAuthors({ name: 'Not a list' })).toEqual([]);
  });
});

describe('personName', () => {
  it('is undefined for placeholders and blanks', () => {
    expect(personName('others')).toBeUndefined();
    expect(personName('  ')).toBeUndefined();
  });
});
