import { describe, expect, it } from 'vitest';
import { parseChat } from '../../src/index.ts';

describe('the chat grammar', () => {
  it('reads each command word and its rest', () => {
    expect(parseChat('search long context')).toEqual({ kind: 'search', query: 'long context' });
    expect(parseChat('paper LIMA')).toEqual({ kind: 'paper', ref: 'LIMA' });
    expect(parseChat('summary megalodon')).toEqual({ kind: 'summary', ref: 'megalodon' });
    expect(parseChat('similar 2305.11206')).toEqual({ kind: 'similar', ref: '2305.11206' });
    expect(parseChat('random')).toEqual({ kind: 'random' });
    expect(parseChat('random diffusion models')).toEqual({
      kind: 'random',
      topic: 'diffusion models',
    });
    expect(parseChat('help')).toEqual({ kind: 'help' });
  });

  it('treats text with no command word as a search', () => {
    expect(parseChat('long context benchmarks')).toEqual({
      kind: 'search',
      query: 'long context benchmarks',
    });
  });

  it('reads `ask` and its question', () => {
    expect(parseChat('ask does instruction tuning need many examples')).toEqual({
      kind: 'ask',
      question: 'does instruction tuning need many examples',
    });
    expect(parseChat('ASK  which models use human preferences? ')).toEqual({
      kind: 'ask',
      question: 'which models use human preferences?',
    });
    // An empty question is the ask service's to explain, as an empty search is the engine's.
    expect(parseChat('ask')).toEqual({ kind: 'ask', question: '' });
  });

  it('asks text with no command word that ends with "?", rather than searching it', () => {
    expect(parseChat('  does instruction tuning need many examples? ')).toEqual({
      kind: 'ask',
      question: 'does instruction tuning need many examples?',
    });
    expect(parseChat('and which used human preferences?')).toEqual({
      kind: 'ask',
      question: 'and which used human preferences?',
    });
    expect(parseChat('LIMA?')).toEqual({ kind: 'ask', question: 'LIMA?' });
  });

  it('keeps every other reading of text that ends with "?"', () => {
    expect(parseChat('?')).toEqual({ kind: 'help' });
    expect(parseChat('search what is LIMA?')).toEqual({ kind: 'search', query: 'what is LIMA?' });
    expect(parseChat('paper LIMA?')).toEqual({ kind: 'paper', ref: 'LIMA?' });
    expect(parseChat('summary what is megalodon?')).toEqual({
      kind: 'summary',
      ref: 'what is megalodon?',
    });
    expect(parseChat('help?')).toEqual({ kind: 'help' });
    expect(parseChat('is it there? no')).toEqual({ kind: 'search', query: 'is it there? no' });
  });

  it('is case-insensitive about command words and keeps the rest as typed', () => {
    expect(parseChat('  SEARCH  Long Context ')).toEqual({ kind: 'search', query: 'Long Context' });
  });

  it('takes a trailing citation format, defaulting to BibTeX', () => {
    expect(parseChat('cite LIMA')).toEqual({ kind: 'cite', ref: 'LIMA', format: 'bibtex' });
    expect(parseChat('cite LIMA apa')).toEqual({ kind: 'cite', ref: 'LIMA', format: 'apa' });
    expect(parseChat('cite 2305.11206 MLA')).toEqual({
      kind: 'cite',
      ref: '2305.11206',
      format: 'mla',
    });
    expect(parseChat('cite LIMA as bibtex')).toEqual({
      kind: 'cite',
      ref: 'LIMA',
      format: 'bibtex',
    });
  });

  it('reads a citation style it does not write as a request for that style, not as title words', () => {
    for (const text of [
      'cite lima chicago',
      'cite LIMA Chicago',
      'cite lima as chicago',
      'cite lima in harvard',
      'cite lima --format chicago',
      'cite lima --format=chicago',
      'cite 2305.11206 IEEE',
    ]) {
      const command = parseChat(text);
      expect(command.kind, text).toBe('unknown-format');
      if (command.kind === 'unknown-format') expect(command.name.toLowerCase()).toMatch(/^[a-z]+$/);
    }
    expect(parseChat('cite lima --format=Turabian')).toEqual({
      kind: 'unknown-format',
      name: 'Turabian',
    });
  });

  it('keeps a last word that names no citation style as part of the reference', () => {
    expect(parseChat('cite language models as agents')).toEqual({
      kind: 'cite',
      ref: 'language models as agents',
      format: 'bibtex',
    });
    expect(parseChat('cite learning in context')).toEqual({
      kind: 'cite',
      ref: 'learning in context',
      format: 'bibtex',
    });
  });

  it('reads a trailing format after a very long reference', () => {
    const ref = `a${'\u3000'.repeat(40_000)}b`;
    expect(parseChat(`cite ${ref} apa`)).toEqual({ kind: 'cite', ref, format: 'apa' });
    expect(parseChat('cite LIMA --format=mla')).toEqual({
      kind: 'cite',
      ref: 'LIMA',
      format: 'mla',
    });
  });

  it('reads the daily subcommands', () => {
    expect(parseChat('daily')).toEqual({ kind: 'daily', action: 'show' });
    expect(parseChat('daily 2024-05-01')).toEqual({
      kind: 'daily',
      action: 'show',
      date: '2024-05-01',
    });
    expect(parseChat('daily subscribe 08:30 Europe/Paris')).toEqual({
      kind: 'daily',
      action: 'subscribe',
      time: '08:30',
      timezone: 'Europe/Paris',
    });
    expect(parseChat('daily subscribe')).toEqual({ kind: 'daily', action: 'subscribe' });
    expect(parseChat('daily unsubscribe')).toEqual({ kind: 'daily', action: 'unsubscribe' });
    expect(parseChat('daily status')).toEqual({ kind: 'daily', action: 'status' });
  });

  it('reads `add` and every reference after it, as typed', () => {
    expect(parseChat('add 2305.11206')).toEqual({ kind: 'add', refs: ['2305.11206'] });
    expect(parseChat('ADD  https://arxiv.org/abs/2305.11206v2\n10.1145/3442188.3445922 ')).toEqual({
      kind: 'add',
      refs: ['https://arxiv.org/abs/2305.11206v2', '10.1145/3442188.3445922'],
    });
  });

  it('reads a list written with commas as separate references', () => {
    expect(parseChat('add 2305.11206, 2408.11039 ,2307.03172')).toEqual({
      kind: 'add',
      refs: ['2305.11206', '2408.11039', '2307.03172'],
    });
    // A comma inside a reference (a DOI may hold one) is kept.
    expect(parseChat('add 10.1000/a,b')).toEqual({ kind: 'add', refs: ['10.1000/a,b'] });
  });

  it('keeps every reference of an overlong `add`, for the library to refuse with their count', () => {
    const refs = Array.from({ length: 11 }, (_, i) => `2305.${String(11200 + i)}`);
    expect(parseChat(`add ${refs.join(' ')}`)).toEqual({ kind: 'add', refs });
    expect(parseChat('add')).toEqual({ kind: 'add', refs: [] });
  });

  it('reads `remove` with the whole reference, and `library` alone', () => {
    expect(parseChat('remove 2305.11206')).toEqual({ kind: 'remove', ref: '2305.11206' });
    expect(parseChat('Remove  lima-2023 ')).toEqual({ kind: 'remove', ref: 'lima-2023' });
    expect(parseChat('remove')).toEqual({ kind: 'remove', ref: '' });
    expect(parseChat('library')).toEqual({ kind: 'library' });
    expect(parseChat('LIBRARY please')).toEqual({ kind: 'library' });
  });

  it('still searches text that merely contains the library words', () => {
    expect(parseChat('adding noise to diffusion')).toEqual({
      kind: 'search',
      query: 'adding noise to diffusion',
    });
    expect(parseChat('how to remove bias?')).toEqual({
      kind: 'ask',
      question: 'how to remove bias?',
    });
  });

  it('answers empty text with help', () => {
    expect(parseChat('   ')).toEqual({ kind: 'help' });
  });

  it('leaves an empty search for the engine to explain', () => {
    expect(parseChat('search')).toEqual({ kind: 'search', query: '' });
  });
});
