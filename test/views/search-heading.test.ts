import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderText } from '../../adapters/cli/render-text.ts';
import { createButtonStore } from '../../adapters/discord/button-store.ts';
import { toSlackMessage } from '../../adapters/slack/blocks/to-slack-message.ts';
import {
  createEngine,
  describeSearch,
  type Engine,
  loadCorpus,
  noResultsText,
  type PaperCard,
  type ResultsView,
  resultsCount,
  searchPage,
} from '../../src/index.ts';
import { storedReply } from '../adapters/discord/stored-reply.ts';

/**
 * A results heading says how many papers are shown of how many, what was looked for and which
 * filters applied; an empty result names the filter that emptied it. Alike on every platform.
 */
let engine: Engine;
beforeAll(async () => {
  engine = createEngine((await loadCorpus('corpus')).papers);
});

function card(n: number): PaperCard {
  return { id: `p${n}`, title: `Paper ${n}`, authors: ['A'], authorsShort: 'A' };
}

function view(overrides: Partial<ResultsView> = {}): ResultsView {
  return {
    kind: 'results',
    request: { query: 'long context', limit: 2 },
    total: 10,
    page: 0,
    pageCount: 5,
    cards: [card(1), card(2)],
    ...overrides,
  };
}

const discordContent = (v: ResultsView) => storedReply(v, { store: createButtonStore() }).content;
const slackTexts = (v: ResultsView) => JSON.stringify(toSlackMessage(v));

describe('how many papers a page shows', () => {
  it('says “showing 2 of 10” when a page shows two of ten', () => {
    expect(resultsCount(view())).toBe('Showing 2 of 10 papers');
    expect(discordContent(view())).toBe('🔎 **Showing 2 of 10 papers** for “long context”');
    expect(renderText(view())).toMatch(
      /^Showing 2 of 10 papers for “long context” \(page 1 of 5\)/,
    );
  });

  it('gives the range on later pages and the plain count when all are shown', () => {
    expect(resultsCount(view({ page: 2, cards: [card(5), card(6)] }))).toBe(
      'Showing 5–6 of 10 papers',
    );
    expect(resultsCount(view({ page: 4, total: 9, cards: [card(9)] }))).toBe(
      'Showing paper 9 of 9',
    );
    expect(resultsCount(view({ total: 2, pageCount: 1 }))).toBe('2 papers');
  });
});

describe('a search by filters alone', () => {
  it('says what it filtered, not for “”', () => {
    const filtered = searchPage(engine, { query: 'year:2023', limit: 2 }, 0);
    expect(describeSearch(filtered.request)).toEqual({ text: '', filters: ['year: 2023'] });
    expect(renderText(filtered)).toMatch(/^Showing 2 of 6 papers with year: 2023/);
    expect(discordContent(filtered)).toBe('🔎 **Showing 2 of 6 papers** with year: 2023');
    expect(slackTexts(filtered)).toContain('Results with year: 2023');
    for (const text of [renderText(filtered), discordContent(filtered), slackTexts(filtered)]) {
      expect(text).not.toContain('“”');
    }
  });

  it('names the author and year options of a request too', () => {
    const byOptions = searchPage(
      engine,
      { query: '', author: 'kirstain', year: '2023', limit: 5 },
      0,
    );
    expect(renderText(byOptions)).toMatch(/^1 paper with author: kirstain and year: 2023/);
  });

  it('says so on the command line, whose --year and --author are options', () => {
    const result = spawnSync(
      process.execPath,
      ['bin/shammie.js', 'search', '--year', '2023', '--limit', '2'],
      { encoding: 'utf8', env: { ...process.env, SHAMMIE_CORPUS: '', NO_COLOR: '1' } },
    );
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Showing 2 of 6 papers with year: 2023/);
  });
});

describe('a search that finds nothing', () => {
  it('names the filter that emptied it, with the count without it', () => {
    const empty = searchPage(engine, { query: 'long context year:1999', limit: 5 }, 0);
    expect(empty.emptiedBy).toEqual({ filter: 'year: 1999', total: expect.any(Number) });
    const text = noResultsText(empty);
    expect(text).toMatch(
      /^No papers match “long context” with year: 1999\. Without year: 1999, \d+ do\.$/,
    );
    expect(discordContent(empty)).toContain('Without year: 1999');
    expect(slackTexts(empty)).toContain('Without year: 1999');
    expect(renderText(empty)).toBe(text);
  });

  it('blames the author filter when the year is fine', () => {
    const empty = searchPage(
      engine,
      { query: 'long context', author: 'nobody', year: '2023..2024', limit: 5 },
      0,
    );
    expect(empty.emptiedBy?.filter).toBe('author: nobody');
  });

  it('blames no filter when the words alone find nothing', () => {
    const empty = searchPage(engine, { query: 'zzzzqq year:2023', limit: 5 }, 0);
    expect(empty.emptiedBy).toBeUndefined();
    expect(noResultsText(empty)).toBe('No papers match “zzzzqq” with year: 2023.');
  });
});
