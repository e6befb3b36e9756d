import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { autocompleteChoices } from '../../adapters/discord/autocomplete.ts';
import { COMMANDS_BY_NAME } from '../../adapters/discord/commands/index.ts';
import { readCommandInput } from '../../adapters/discord/commands/option-readers.ts';
import { choiceProblems } from '../../adapters/discord/limits.ts';
import { MAX_RAW_TEXT_LENGTH, readRequestText } from '../../adapters/slack/request-text.ts';
import { type Engine, isShammieError, MAX_PAGE_SIZE, MAX_QUERY_LENGTH } from '../../src/index.ts';
import { tinyEngine } from '../adapters/discord/tiny-corpus.ts';

let engine: Engine;
beforeAll(async () => {
  engine = await tinyEngine();
});

/** The search request `/search` would make from these raw options. */
function searchRequest(options: Array<{ name: string; type: number; value: string | number }>) {
  const command = COMMANDS_BY_NAME.get('search');
  if (!command) throw new Error('no /search');
  return command.prepare(readCommandInput('search', options));
}

describe('Discord: results per page', () => {
  it.each([
    [0, 1],
    [-5, 1],
    [3, 3],
    [3.7, 3],
    [10, 10],
    [50, MAX_PAGE_SIZE],
    [1e9, MAX_PAGE_SIZE],
  ])('a limit of %d gives pages of %d', async (limit, size) => {
    const prepared = searchRequest([
      { name: 'query', type: 3, value: 'language models' },
      { name: 'limit', type: 4, value: limit },
    ]);
    const view = await prepared.run({
      engine,
      random: () => 0,
      today: () => '2026-05-01',
      place: { canManage: false },
    });
    expect(view.kind).toBe('results');
    if (view.kind === 'results') expect(view.cards.length).toBeLessThanOrEqual(size);
    if (view.kind === 'results') expect(view.request.limit).toBe(size);
  });

  it('refuses a query over the core’s limit with its code, before any work', () => {
    let error: unknown;
    try {
      searchRequest([{ name: 'query', type: 3, value: 'x'.repeat(MAX_QUERY_LENGTH + 1) }]);
    } catch (thrown) {
      error = thrown;
    }
    expect(isShammieError(error) && error.code).toBe('QUERY_TOO_LONG');
  });
});

describe('Discord: autocomplete with anything typed', () => {
  it('answers within limits and never throws, even for 6,000 characters', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('paper', 'timezone', 'other'),
        fc.oneof(fc.string({ maxLength: 6000 }), fc.constant('a'.repeat(6000))),
        (option, typed) => {
          expect(choiceProblems(autocompleteChoices(engine, option, typed))).toEqual([]);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('Slack: the size of a message', () => {
  it('reads a message up to the limit', () => {
    const text = `search ${'a'.repeat(MAX_RAW_TEXT_LENGTH - 7)}`;
    expect(readRequestText(text)).toEqual({ text });
  });

  it('refuses a longer one by its length, privately, without decoding it', () => {
    const read = readRequestText('&amp;'.repeat(8000));
    expect('refused' in read).toBe(true);
    if ('refused' in read) {
      expect(read.refused.visibility).toBe('private');
      expect(read.refused.askerOnly).toBe(true);
      expect(read.refused.message.text).toContain('40,000 characters long');
    }
  });
});
