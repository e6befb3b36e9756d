import { describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../../adapters/slack/blocks/action-ids.ts';
import type {
  ActionsBlock,
  SectionBlock,
  SlackBlock,
} from '../../../adapters/slack/blocks/block-kit.ts';
import { toSlackMessage } from '../../../adapters/slack/blocks/to-slack-message.ts';
import type { ReplyView } from '../../../src/index.ts';
import { violations } from './message-checks.ts';
import { card, helpView, resultsView } from './views.ts';

const sections = (blocks: SlackBlock[]) =>
  blocks.filter((b): b is SectionBlock => b.type === 'section').map((b) => b.text.text);
const buttons = (blocks: SlackBlock[]) =>
  blocks
    .filter((b): b is ActionsBlock => b.type === 'actions')
    .flatMap((b) =>
      b.elements.map((e) => ({ action: e.action_id, value: e.value, label: e.text.text })),
    );

describe('toSlackMessage: results', () => {
  it('has a header, a count, and one section per paper with a linked bold title', () => {
    const message = toSlackMessage(resultsView(), { moreValue: 'k1' });
    expect(message.blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: 'Results for “alignment”', emoji: true },
    });
    expect(JSON.stringify(message.blocks[1])).toContain('1–2 of 12 papers · page 1 of 3');
    const [first, second] = sections(message.blocks);
    expect(first).toContain(
      '*<https://arxiv.org/abs/2305.11206|LIMA: Less Is More for Alignment>*',
    );
    expect(first).toContain('Chunting Zhou, Pengfei Liu, Puxin Xu +1');
    expect(first).toContain('2023 · NeurIPS 2023');
    expect(first).toContain('>Fine-tuning on 1,000 prompts gives strong *alignment*.');
    expect(second).toContain('*Second paper*');
    expect(violations(message)).toEqual([]);
  });

  it('puts the arXiv id, else the DOI, in a context line under each paper', () => {
    const text = JSON.stringify(toSlackMessage(resultsView()).blocks);
    expect(text).toContain('arXiv:2305.11206');
    expect(text).toContain('DOI 10.1/x');
  });

  it('gives every paper Summary, Similar and Cite buttons carrying its id', () => {
    const all = buttons(toSlackMessage(resultsView()).blocks);
    expect(all.filter((b) => b.value === '2305.11206')).toEqual([
      { action: ACTION_IDS.summary, value: '2305.11206', label: 'Summary' },
      { action: ACTION_IDS.similar, value: '2305.11206', label: 'Similar' },
      { action: ACTION_IDS.cite, value: '2305.11206', label: 'Cite' },
    ]);
    expect(all.filter((b) => b.value === 'p2')).toHaveLength(3);
  });

  it('shows More results with the paging key only when there is a next page', () => {
    const more = (view: ReplyView, key?: string) =>
      buttons(toSlackMessage(view, key ? { moreValue: key } : {}).blocks).filter(
        (b) => b.action === ACTION_IDS.more,
      );
    expect(more(resultsView(), 'key-1')).toEqual([
      { action: ACTION_IDS.more, value: 'key-1', label: 'More results' },
    ]);
    expect(more(resultsView({ page: 2 }), 'key-1')).toEqual([]);
    expect(more(resultsView())).toEqual([]);
  });

  it('says so plainly when nothing matches', () => {
    const message = toSlackMessage(resultsView({ total: 0, pageCount: 1, cards: [] }));
    expect(sections(message.blocks)[0]).toContain('No papers match “alignment”');
    expect(message.text).toContain('No papers match');
    expect(buttons(message.blocks)).toEqual([]);
  });

  it('lists the papers in the plain fallback and turns unfurling off', () => {
    const message = toSlackMessage(resultsView());
    expect(message.text).toContain('1. LIMA: Less Is More for Alignment (2023)');
    expect(message.text).toContain('2. Second paper (2023)');
    expect(message.unfurl_links).toBe(false);
    expect(message.unfurl_media).toBe(false);
  });

  it('escapes a title and a query that try to ping everyone', () => {
    const message = toSlackMessage(
      resultsView({
        request: { query: '<!channel> & <@U1>', limit: 5 },
        cards: [card({ title: 'Attention <!here> & <!everyone>' })],
      }),
    );
    const all = JSON.stringify(message);
    expect(all).not.toContain('<!channel>');
    expect(all).not.toContain('<!here>');
    expect(all).not.toContain('<!everyone>');
    expect(sections(message.blocks)[0]).toContain(
      'Attention &lt;!here&gt; &amp; &lt;!everyone&gt;',
    );
    expect(violations(message)).toEqual([]);
  });
});

describe('toSlackMessage: one paper', () => {
  it('shows a paper with its abstract, ids and buttons', () => {
    const message = toSlackMessage({ kind: 'paper', card: card(), abstract: 'We <show> a & b.' });
    expect(message.blocks[0]).toMatchObject({ type: 'header', text: { text: card().title } });
    expect(sections(message.blocks)[1]).toBe('We &lt;show&gt; a &amp; b.');
    expect(buttons(message.blocks).map((b) => b.action)).toEqual([
      ACTION_IDS.summary,
      ACTION_IDS.similar,
      ACTION_IDS.cite,
    ]);
    expect(violations(message)).toEqual([]);
  });

  it('shows a summary with its TL;DR and labelled key points', () => {
    const message = toSlackMessage({
      kind: 'summary',
      card: card(),
      tldr: 'Alignment needs little data.',
      points: [
        { kind: 'problem', text: 'Alignment is costly.' },
        { kind: 'result', text: 'A thousand examples suffice.' },
      ],
    });
    const texts = sections(message.blocks);
    expect(texts).toContain('*TL;DR* Alignment needs little data.');
    expect(texts).toContain(
      '• *Problem:* Alignment is costly.\n• *Result:* A thousand examples suffice.',
    );
    expect(message.text).toContain('Alignment needs little data.');
  });

  it('puts a BibTeX citation in a code block, escaped', () => {
    const message = toSlackMessage({
      kind: 'citation',
      card: card(),
      format: 'bibtex',
      text: '@article{zhou2023, title={LIMA & <more>}}',
    });
    expect(sections(message.blocks)[0]).toBe(
      '```@article{zhou2023, title={LIMA &amp; &lt;more&gt;}}```',
    );
    expect(JSON.stringify(message.blocks)).toContain('format: bibtex');
  });

  it('keeps an APA citation as prose, and never lets backticks close a code block', () => {
    const apa = toSlackMessage({
      kind: 'citation',
      card: card(),
      format: 'apa',
      text: 'Zhou, C. (2023).',
    });
    expect(sections(apa.blocks)[0]).toBe('Zhou, C. (2023).');
    const sneaky = toSlackMessage({
      kind: 'citation',
      card: card(),
      format: 'bibtex',
      text: 'a```b',
    });
    expect(sections(sneaky.blocks)[0]).toBe('```a``\u200b`b```');
  });

  it('shows a random pick on a topic, and the paper of the day with a thread invitation', () => {
    const random = toSlackMessage({ kind: 'random', topic: 'alignment', card: card(), tldr: 'T.' });
    expect(random.blocks[0]).toMatchObject({ text: { text: 'Random paper on “alignment”' } });
    const daily = toSlackMessage({
      kind: 'daily',
      date: '2024-05-01',
      card: card(),
      tldr: 'T.',
      points: [],
    });
    expect(daily.blocks[0]).toMatchObject({ text: { text: 'Paper of the day · 2024-05-01' } });
    expect(JSON.stringify(daily.blocks)).toContain('Discuss it in this thread.');
    expect(daily.text).toBe(
      'Paper of the day (2024-05-01): LIMA: Less Is More for Alignment (2023)',
    );
  });
});

describe('toSlackMessage: lists, help and notices', () => {
  it('shows a digest with each paper’s TL;DR', () => {
    const message = toSlackMessage({
      kind: 'digest',
      topic: 'alignment',
      total: 7,
      items: [{ card: card(), tldr: 'Little data suffices.' }],
    });
    expect(sections(message.blocks)[0]).toContain('\nLittle data suffices.');
    expect(JSON.stringify(message.blocks)).toContain('7 papers match; the best 1:');
  });

  it('shows similar papers, or says there are none', () => {
    const some = toSlackMessage({
      kind: 'similar',
      of: card(),
      cards: [card({ id: 'x', title: 'X' })],
    });
    expect(some.blocks[0]).toMatchObject({ text: { text: `Similar to ${card().title}` } });
    expect(buttons(some.blocks).every((b) => b.value === 'x')).toBe(true);
    const none = toSlackMessage({ kind: 'similar', of: card(), cards: [] });
    expect(sections(none.blocks)[0]).toContain('no paper');
  });

  it('lists every command with an example typed the way it was asked', () => {
    const slash = toSlackMessage(helpView(), { invocation: '/shammie' });
    const text = sections(slash.blocks)[0] ?? '';
    for (const entry of helpView().entries) {
      expect(text).toContain(`*${entry.command}*`);
      expect(text).toContain(`\`/shammie ${entry.example}\``);
    }
    expect(JSON.stringify(slash.blocks)).toContain('42 papers · 2019–2024');
    const dm = sections(toSlackMessage(helpView(), { invocation: '' }).blocks)[0] ?? '';
    expect(dm).toContain('`search long context author:levy`');
  });

  it('shows notices with an icon and escaped text', () => {
    const error = toSlackMessage({ kind: 'notice', tone: 'error', text: 'No paper <!here>' });
    expect(sections(error.blocks)).toEqual([':warning: No paper &lt;!here&gt;']);
    expect(error.text).toBe('No paper &lt;!here&gt;');
    const info = toSlackMessage({ kind: 'notice', tone: 'info', text: 'Done.' });
    expect(sections(info.blocks)).toEqual([':information_source: Done.']);
  });
});

describe('toSlackMessage: limits', () => {
  it('cuts a huge title, abstract and snippet with an ellipsis instead of failing', () => {
    const huge = 'word '.repeat(5000);
    const message = toSlackMessage(
      resultsView({
        cards: Array.from({ length: 10 }, (_, i) =>
          card({
            id: `p${i}`,
            title: huge,
            authorsShort: huge,
            venue: huge,
            snippet: [{ text: huge, match: false }],
          }),
        ),
      }),
      { moreValue: 'k' },
    );
    expect(violations(message)).toEqual([]);
    expect(JSON.stringify(message.blocks)).toContain('…');
    const paper = toSlackMessage({ kind: 'paper', card: card({ title: huge }), abstract: huge });
    expect(violations(paper)).toEqual([]);
  });

  it('drops the buttons of a paper whose id is too long for a button value', () => {
    const message = toSlackMessage({
      kind: 'paper',
      card: card({ id: 'x'.repeat(2001) }),
      abstract: 'a',
    });
    expect(buttons(message.blocks)).toEqual([]);
    expect(violations(message)).toEqual([]);
  });
});
