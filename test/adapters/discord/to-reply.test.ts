import { describe, expect, it } from 'vitest';
import { createButtonStore } from '../../../adapters/discord/button-store.ts';
import { limitProblems } from '../../../adapters/discord/limits.ts';
import { storeButtons } from '../../../adapters/discord/pending-buttons.ts';
import { EPHEMERAL } from '../../../adapters/discord/reply-payload.ts';
import { dailyReply, toReply } from '../../../adapters/discord/to-reply.ts';
import { storedReply } from './stored-reply.ts';
import { card, request, results, summary } from './views.ts';

function setup() {
  const store = createButtonStore();
  return { store, context: { store } };
}

type Row = {
  components: Array<{ type: number; custom_id?: string; label?: string; disabled?: boolean }>;
};
const labels = (rows: Row[]) =>
  rows.map((r) => r.components.map((c) => c.label ?? `select:${c.type}`));

describe('a results page', () => {
  it('shows one embed per paper: linked title, short authors, year · venue, bold snippet, arXiv footer', () => {
    const { context } = setup();
    const reply = storedReply(results(2), context);
    expect(reply.content).toBe('🔎 **2 papers** for “alignment”');
    expect(reply.embeds).toHaveLength(2);
    expect(reply.embeds[0]).toMatchObject({
      title: '1. Paper 0',
      url: 'https://arxiv.org/abs/2305.11206',
      author: { name: 'Chunting Zhou, Pengfei Liu, Puxin Xu +2' },
      description: '*2023 · NeurIPS*\nWe study **alignment** of models.',
      footer: { text: 'arXiv:2305.11206' },
    });
    expect(reply.allowed_mentions).toEqual({ parse: [] });
    expect(reply.flags).toBeUndefined();
    expect(limitProblems(reply)).toEqual([]);
  });

  it('gives each paper a row of Summary / Similar / Cite buttons that lead back to the page', () => {
    const { store, context } = setup();
    const reply = storedReply(results(3), context);
    expect(labels(reply.components as Row[])).toEqual([
      ['Summary #1', 'Similar #1', 'Cite #1'],
      ['Summary #2', 'Similar #2', 'Cite #2'],
      ['Summary #3', 'Similar #3', 'Cite #3'],
    ]);
    const similar2 = (reply.components[1] as Row).components[1]?.custom_id as string;
    expect(store.get(similar2)).toEqual({
      kind: 'similar',
      paperId: 'p1',
      back: { request: request(), page: 0 },
    });
  });

  it('adds ◀ page ▶ when there are more pages, the ends disabled', () => {
    const { store, context } = setup();
    const reply = storedReply(results(4, { total: 11, pageCount: 3, page: 0 }), context);
    const paging = reply.components.at(-1) as Row;
    expect(paging.components.map((c) => [c.label, c.disabled ?? false])).toEqual([
      ['◀', true],
      ['1 / 3', true],
      ['▶', false],
    ]);
    const next = paging.components[2]?.custom_id as string;
    expect(store.get(next)).toEqual({ kind: 'page', place: { request: request(), page: 1 } });
    expect(reply.components).toHaveLength(5);
    expect(limitProblems(reply)).toEqual([]);
  });

  it('numbers papers across pages', () => {
    const { context } = setup();
    const reply = storedReply(results(2, { total: 6, page: 1, pageCount: 2 }), context);
    expect(reply.embeds[0]?.title).toBe('5. Paper 0');
  });

  it('switches to one select menu per action when the papers outnumber the rows', () => {
    const { store, context } = setup();
    const view = results(10, { request: request({ limit: 10 }), total: 30, pageCount: 3 });
    const reply = storedReply(view, context);
    expect(reply.embeds).toHaveLength(10);
    expect(labels(reply.components as Row[])).toEqual([
      ['select:3'],
      ['select:3'],
      ['select:3'],
      ['◀', '1 / 3', '▶'],
    ]);
    const select = (
      reply.components[2] as {
        components: Array<{ custom_id: string; options: Array<{ label: string; value: string }> }>;
      }
    ).components[0];
    expect(select?.options).toHaveLength(10);
    expect(select?.options[9]).toMatchObject({ label: '10. Paper 9', value: '9' });
    expect(store.get(select?.custom_id as string)).toMatchObject({
      kind: 'pick',
      action: 'cite',
      paperIds: view.cards.map((c) => c.id),
    });
    expect(limitProblems(reply)).toEqual([]);
  });

  it('says so, only to the user, when nothing matches', () => {
    const { context } = setup();
    const reply = storedReply(
      results(0, { request: request({ query: '**zzz** @everyone' }) }),
      context,
    );
    expect(reply.flags).toBe(EPHEMERAL);
    expect(reply.embeds).toEqual([]);
    expect(reply.content).toContain('“\\*\\*zzz\\*\\* @\u200beveryone”');
  });

  it('names the filters it used', () => {
    const { context } = setup();
    const view = results(1, { request: request({ author: 'zhou', year: '2023' }) });
    expect(storedReply(view, context).content).toBe(
      '🔎 **1 paper** for “alignment” with author: zhou and year: 2023',
    );
  });
});

describe('one paper', () => {
  it('shows the abstract, and buttons for its summary, similar papers and citation', () => {
    const { context } = setup();
    const reply = storedReply(
      { kind: 'paper', card: card(), abstract: 'We *show* that…' },
      context,
    );
    expect(reply.embeds[0]?.description).toBe('*2023 · NeurIPS*\nWe \\*show\\* that…');
    expect(labels(reply.components as Row[])).toEqual([['Summary', 'Similar', 'Cite']]);
  });

  it('offers a way back to the results when it was reached from them', () => {
    const { store } = setup();
    const back = { request: request(), page: 2 };
    const reply = storedReply(summary(), { store, back });
    const row = reply.components[0] as Row;
    expect(row.components.map((c) => c.label)).toEqual(['◀ Results', 'Similar', 'Cite']);
    expect(store.get(row.components[0]?.custom_id as string)).toEqual({
      kind: 'page',
      place: back,
    });
    expect(store.get(row.components[2]?.custom_id as string)).toMatchObject({ kind: 'cite', back });
  });

  it('leaves out a link that is not http(s), and names the DOI when there is no arXiv id', () => {
    const { context } = setup();
    const reply = storedReply(
      {
        kind: 'paper',
        card: card({ url: 'javascript:alert(1)', arxiv: undefined, doi: '10.1/x' }),
        abstract: 'a',
      },
      context,
    );
    expect(reply.embeds[0]?.url).toBeUndefined();
    expect(reply.embeds[0]?.footer?.text).toBe('doi:10.1/x');
  });
});

describe('a summary', () => {
  it('shows the TL;DR and the labelled key points', () => {
    const { context } = setup();
    const reply = storedReply(summary(), context);
    expect(reply.embeds[0]?.description).toBe(
      [
        '*2023 · NeurIPS*',
        '**TL;DR** A strong model needs only 1,000 curated examples to align.',
        '• **Problem** Alignment usually needs huge instruction sets.',
        '• **Method** Fine-tune LLaMa on 1,000 curated prompts.',
        '• **Result** Responses match or beat GPT-4 in 43% of cases.',
      ].join('\n'),
    );
  });
});

describe('a citation', () => {
  it('puts BibTeX in a bibtex code block, the card below', () => {
    const { context } = setup();
    const text = '@article{zhou2023lima,\n  title={``LIMA```},\n}';
    const reply = storedReply({ kind: 'citation', card: card(), format: 'bibtex', text }, context);
    expect(reply.content?.startsWith('```bibtex\n@article{zhou2023lima,')).toBe(true);
    expect(reply.content?.slice(3, -3)).not.toContain('```');
    expect(reply.embeds[0]?.title).toBe('LIMA: Less Is More for Alignment');
    expect(labels(reply.components as Row[])).toEqual([['Summary', 'Similar']]);
  });

  it('puts APA in a plain code block', () => {
    const { context } = setup();
    const reply = storedReply(
      { kind: 'citation', card: card(), format: 'apa', text: 'Zhou, C. (2023). LIMA.' },
      context,
    );
    expect(reply.content).toBe('```\nZhou, C. (2023). LIMA.\n```');
  });
});

describe('other views', () => {
  it('a random paper has its TL;DR and a button for another one on the same topic', () => {
    const { store, context } = setup();
    const reply = storedReply(
      { kind: 'random', topic: 'diffusion', card: card(), tldr: 'Short.' },
      context,
    );
    expect(reply.content).toBe('🎲 A random paper on “diffusion”');
    const row = reply.components[0] as Row;
    expect(row.components.map((c) => c.label)).toEqual([
      'Summary',
      'Similar',
      'Cite',
      '🎲 Another',
    ]);
    expect(store.get(row.components[3]?.custom_id as string)).toEqual({
      kind: 'random',
      topic: 'diffusion',
    });
  });

  it('the paper of the day has a dated heading; posted to a channel it has no buttons', () => {
    const { context } = setup();
    const view = {
      kind: 'daily' as const,
      date: '2026-05-01',
      card: card(),
      tldr: 'T.',
      points: [],
    };
    expect(storedReply(view, context).content).toBe('📅 Paper of the day · 2026-05-01');
    expect(storedReply(view, context).components).toHaveLength(1);
    expect(dailyReply(view).components).toEqual([]);
  });

  it('a digest lists its papers with their TL;DRs', () => {
    const { context } = setup();
    const reply = storedReply(
      {
        kind: 'digest',
        topic: 'alignment',
        total: 9,
        items: [
          { card: card({ id: 'a' }), tldr: 'One.' },
          { card: card({ id: 'b' }), tldr: 'Two.' },
        ],
      },
      context,
    );
    expect(reply.content).toBe('📚 Digest of “alignment”: the 2 best of 9 matching papers');
    expect(reply.embeds.map((e) => e.description)).toEqual([
      '*2023 · NeurIPS*\n**TL;DR** One.',
      '*2023 · NeurIPS*\n**TL;DR** Two.',
    ]);
    expect(reply.components).toHaveLength(2);
  });

  it('similar papers come under the title of the paper they resemble', () => {
    const { context } = setup();
    const reply = storedReply(
      { kind: 'similar', of: card({ title: 'A *b*' }), cards: [card({ id: 'x' })] },
      context,
    );
    expect(reply.content).toBe('🧭 Papers similar to **A \\*b\\***');
    expect(reply.embeds).toHaveLength(1);
  });

  it('help lists every entry and the corpus stats, privately', () => {
    const reply = storedReply(
      {
        kind: 'help',
        entries: [
          { command: '/search', usage: 'query', example: '/search query:x', description: 'Find.' },
        ],
        stats: {
          papers: 12,
          years: { from: 2019, to: 2024 },
          topAuthors: [{ name: 'Ann_Lee', papers: 3 }],
          collections: ['llm'],
        },
      },
      setup().context,
    );
    expect(reply.flags).toBe(EPHEMERAL);
    expect(reply.embeds[0]?.description).toBe(
      '**/search** query\nFind. Example: `/search query:x`',
    );
    expect(reply.embeds[0]?.fields).toEqual([
      { name: 'Corpus', value: '12 papers from 2019 to 2024', inline: true },
      { name: 'Most papers', value: 'Ann\\_Lee (3)', inline: true },
      { name: 'Collections', value: 'llm', inline: false },
    ]);
  });

  it('a notice is ephemeral, escaped, with a hint for its code', () => {
    const reply = storedReply(
      { kind: 'notice', tone: 'error', code: 'PAPER_NOT_FOUND', text: 'No paper matches “<@&1>”.' },
      setup().context,
    );
    expect(reply).toEqual({
      content:
        '⚠️ No paper matches “\\<@&1>”. Pick a paper from the list that appears as you type, or try /search.',
      embeds: [],
      components: [],
      flags: EPHEMERAL,
      allowed_mentions: { parse: [] },
    });
  });

  it('a daily-admin answer is public only when it changed a subscription', () => {
    const { context } = setup();
    const changed = storedReply(
      { kind: 'daily-admin', ok: true, text: 'Subscribed.', public: true },
      context,
    );
    const refused = storedReply(
      { kind: 'daily-admin', ok: false, text: 'No.', public: true },
      context,
    );
    const status = storedReply(
      { kind: 'daily-admin', ok: true, text: 'At 09:00.', public: false },
      context,
    );
    expect([changed.flags, refused.flags, status.flags]).toEqual([undefined, EPHEMERAL, EPHEMERAL]);
    expect(changed.content).toBe('✅ Subscribed.');
  });
});

describe('rendering is pure', () => {
  it('stores nothing: the same view renders the same message, with its button actions beside it', () => {
    const view = results(3);
    const first = toReply(view);
    expect(toReply(view)).toEqual(first);
    const ids = first.payload.components.flatMap((row) =>
      row.components.flatMap((c) => ('custom_id' in c && !c.disabled ? [c.custom_id] : [])),
    );
    expect(ids).toEqual(first.buttons.map((b) => b.placeholder));
    expect(first.buttons[0]?.action).toMatchObject({ kind: 'summary', paperId: 'p0' });
  });

  it('the caller stores the actions and sends real custom_ids that lead back to them', () => {
    const store = createButtonStore();
    const rendered = toReply(results(2));
    const payload = storeButtons(store, rendered);
    const ids = payload.components.flatMap((row) =>
      row.components.flatMap((c) => ('custom_id' in c && !c.disabled ? [c.custom_id] : [])),
    );
    expect(ids.map((id) => store.get(id))).toEqual(rendered.buttons.map((b) => b.action));
    expect(store.size).toBe(rendered.buttons.length);
  });
});
