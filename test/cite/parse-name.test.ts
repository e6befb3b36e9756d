import { describe, expect, it } from 'vitest';
import { fullFamily, parseName } from '../../src/cite/parse-name.ts';

describe('parseName', () => {
  it('splits a plain "First Last" name', () => {
    expect(parseName('Chunting Zhou')).toEqual({ given: 'Chunting', family: 'Zhou' });
  });

  it('keeps middle names and hyphenated given names with the given names', () => {
    expect(parseName('Xiaoqing Ellen Tan')).toEqual({ given: 'Xiaoqing Ellen', family: 'Tan' });
    expect(parseName('Wen-tau Yih')).toEqual({ given: 'Wen-tau', family: 'Yih' });
    expect(parseName('Quoc V. Le')).toEqual({ given: 'Quoc V.', family: 'Le' });
  });

  it('puts lower-case particles in front of the family name', () => {
    expect(parseName('Jan van der Berg')).toEqual({
      given: 'Jan',
      particle: 'van der',
      family: 'Berg',
    });
    expect(fullFamily(parseName('José Ángel de la Peña'))).toBe('de la Peña');
  });

  it('keeps capitalised particles inside a compound family name', () => {
    expect(parseName('Teven Le Scao')).toEqual({ given: 'Teven', family: 'Le Scao' });
    expect(parseName('Hugo De Vries')).toEqual({ given: 'Hugo', family: 'De Vries' });
  });

  it('never takes the first word for a particle', () => {
    expect(parseName('Le Hou')).toEqual({ given: 'Le', family: 'Hou' });
    expect(parseName('van Gogh')).toEqual({ given: 'van', family: 'Gogh' });
  });

  it('separates a generational suffix', () => {
    expect(parseName('Martin Luther King Jr.')).toEqual({
      given: 'Martin Luther',
      family: 'King',
      suffix: 'Jr.',
    });
  });

  it('reads BibTeX "Last, First" and "Last, Jr., First" forms', () => {
    expect(parseName('van der Berg, Jan')).toEqual({
      given: 'Jan',
      particle: 'van der',
      family: 'Berg',
    });
    expect(parseName('King, Jr., Martin Luther')).toEqual({
      given: 'Martin Luther',
      family: 'King',
      suffix: 'Jr.',
    });
  });

  it('keeps a one-word name or organisation as a literal', () => {
    expect(parseName('OpenAI')).toEqual({ literal: 'OpenAI' });
    expect(fullFamily(parseName('  OpenAI '))).toBe('OpenAI');
  });

  it('returns nothing for an empty name', () => {
    expect(parseName('   ')).toEqual({});
  });
});
