import { describe, expect, it } from 'vitest';
import { QUOTED, WRITING, WRITTEN } from '../../../adapters/discord/ask-reply.ts';
import { createButtonStore } from '../../../adapters/discord/button-store.ts';
import { LIMITS, limitProblems } from '../../../adapters/discord/limits.ts';
import type { AskAnswer, AskCitation } from '../../../src/index.ts';
import { storedReply } from './stored-reply.ts';
import { card } from './views.ts';

function citation(n: number, overrides: Partial<AskCitation> = {}): AskCitation {
  return {
    n,
    id: `p${n}`,
    title: `Paper ${n}`,
    arxiv: `2401.0000${n}`,
    url: `https://arxiv.org/abs/2401.0000${n}`,
    ...overrides,
  };
}

/** An answer with overrides (built by hand: these tests need no engine). */
function answer(overrides: Partial<AskAnswer> = {}): AskAnswer {
  return {
    refused: false,
    mode: 'extractive',
    question: 'does alignment need much data?',
    lead: 'What 2 papers in the library say:',
    segments: [
      { text: 'Alignment needs little instruction data.', cites: [1] },
      { text: 'Curated examples matter more than many.', cites: [2] },
    ],
    evidence: [],
    citations: [citation(1), citation(2)],
    confidence: 0.8,
    ...overrides,
  };
}

function render(value: AskAnswer) {
  const store = createButtonStore();
  return { reply: storedReply({ kind: 'ask-answer', answer: value }, { store }), store };
}

const labels = (reply: ReturnType<typeof render>['reply']) =>
  reply.components.map((row) => row.components.map((c) => ('label' in c ? c.label : c.type)));

describe('an answer to /ask on Discord', () => {
  it('quotes each sentence with its citation linking the paper, under the question', () => {
    const { reply } = render(answer());
    const [embed] = reply.embeds;
    expect(embed?.title).toBe('❓ does alignment need much data?');
    expect(embed?.description).toBe(
      [
        'What 2 papers in the library say:',
        '> Alignment needs little instruction data. [\\[1\\]](https://arxiv.org/abs/2401.00001)',
        '> Curated examples matter more than many. [\\[2\\]](https://arxiv.org/abs/2401.00002)',
      ].join('\n'),
    );
    expect(embed?.footer?.text).toBe(QUOTED);
    expect(reply.allowed_mentions).toEqual({ parse: [] });
  });

  it('lists the cited papers, each with Summary and Cite buttons answered privately', () => {
    const { reply, store } = render(answer());
    expect(reply.embeds[0]?.fields).toEqual([
      {
        name: 'Sources',
        value: [
          '**1.** [Paper 1](https://arxiv.org/abs/2401.00001)',
          '**2.** [Paper 2](https://arxiv.org/abs/2401.00002)',
        ].join('\n'),
      },
    ]);
    expect(labels(reply)).toEqual([
      ['Summary #1', 'Cite #1'],
      ['Summary #2', 'Cite #2'],
    ]);
    const cite = reply.components[1]?.components[1];
    const id = cite && 'custom_id' in cite ? cite.custom_id : '';
    expect(store.get(id)).toEqual({ kind: 'cite', paperId: 'p2', aside: true });
  });

  it('writes a model’s answer as one paragraph, numbered as it cites, with its note', () => {
    const { reply } = render(
      answer({
        mode: 'model',
        lead: 'From 2 papers in the library:',
        segments: [
          { text: 'Little data is needed.', cites: [1, 3] },
          { text: 'Quality beats quantity.', cites: [3] },
        ],
        citations: [citation(1), citation(3)],
        note: 'Some sentences of the model’s answer were left out.',
      }),
    );
    const [embed] = reply.embeds;
    expect(embed?.description).toBe(
      'From 2 papers in the library:\n\nLittle data is needed. [\\[1\\]](https://arxiv.org/abs/2401.00001)[\\[3\\]](https://arxiv.org/abs/2401.00003) Quality beats quantity. [\\[3\\]](https://arxiv.org/abs/2401.00003)',
    );
    expect(embed?.footer?.text).toBe('Some sentences of the model’s answer were left out.');
    expect(labels(reply)).toEqual([
      ['Summary #1', 'Cite #1'],
      ['Summary #3', 'Cite #3'],
    ]);
  });

  it('says a model wrote it when there is no note', () => {
    const { reply } = render(answer({ mode: 'model' }));
    expect(reply.embeds[0]?.footer?.text).toBe(WRITTEN);
  });

  it('escapes markdown and defuses mentions in the question and the sentences', () => {
    const { reply } = render(
      answer({
        question: '**why** @everyone [x](https://evil.example)?',
        segments: [{ text: '# Big _claim_ `code` <@&123> @here', cites: [1] }],
        citations: [citation(1)],
      }),
    );
    const [embed] = reply.embeds;
    expect(embed?.title).toBe('❓ \\*\\*why\\*\\* @\u200beveryone \\[x\\](https://evil.example)?');
    expect(embed?.description).toContain('> \\# Big \\_claim\\_ \\`code\\` \\<@&123> @\u200bhere');
  });

  it('cites a paper without a page by its number alone, and keeps parentheses out of links', () => {
    const { reply } = render(
      answer({
        segments: [
          { text: 'One.', cites: [1] },
          { text: 'Two.', cites: [2] },
        ],
        citations: [
          citation(1, { url: undefined, arxiv: undefined }),
          citation(2, { url: 'https://example.org/paper_(v2)', arxiv: undefined }),
        ],
      }),
    );
    const [embed] = reply.embeds;
    expect(embed?.description).toContain('> One. \\[1\\]');
    expect(embed?.description).toContain('[\\[2\\]](https://example.org/paper_%28v2%29)');
    expect(embed?.fields?.[0]?.value).toBe(
      '**1.** Paper 1\n**2.** [Paper 2](https://example.org/paper_%28v2%29)',
    );
  });

  it('offers menus instead of rows when more papers are cited than rows allow', () => {
    const citations = Array.from({ length: 7 }, (_, i) => citation(i + 1));
    const { reply } = render(
      answer({ citations, segments: citations.map((c) => ({ text: 'A.', cites: [c.n] })) }),
    );
    expect(reply.components).toHaveLength(2);
    const menu = reply.components[1]?.components[0];
    expect(menu && 'placeholder' in menu ? menu.placeholder : '').toBe('Cite…');
    expect(menu && 'options' in menu ? menu.options.map((o) => o.label) : []).toHaveLength(7);
  });

  it('cuts a long answer to Discord’s limits, keeping whole sentences first', () => {
    const long = 'word '.repeat(600).trim();
    const { reply } = render(
      answer({
        segments: Array.from({ length: 8 }, (_, i) => ({ text: `${i} ${long}.`, cites: [1] })),
        citations: [citation(1, { title: 'T'.repeat(2000) })],
      }),
    );
    expect(limitProblems(reply)).toEqual([]);
    const description = reply.embeds[0]?.description ?? '';
    expect(description.length).toBeLessThanOrEqual(LIMITS.embedDescription);
    expect(description).toContain('> 0 word');
    expect(description).not.toContain('> 7 word');
  });
});

describe('a refusal of /ask on Discord', () => {
  it('says the library does not hold it and shows the closest papers as cards', () => {
    const { reply } = render(
      answer({
        refused: true,
        lead: 'I don’t find this in the library.',
        segments: [],
        citations: [],
        closest: [card({ id: 'a', title: 'Near one' }), card({ id: 'b', title: 'Near two' })],
      }),
    );
    expect(reply.content).toBe(
      '🤷 **I don’t find this in the library.**\n❓ “does alignment need much data?”\nThe closest papers:',
    );
    expect(reply.embeds.map((e) => e.title)).toEqual(['1. Near one', '2. Near two']);
    expect(labels(reply)).toEqual([
      ['Summary #1', 'Cite #1'],
      ['Summary #2', 'Cite #2'],
    ]);
    expect(reply.flags).toBeUndefined();
  });
});

describe('an answer to /ask while a model writes it', () => {
  it('shows the statements so far with their numbers, and no buttons yet', () => {
    const reply = storedReply(
      {
        kind: 'ask-progress',
        question: 'does it scale?',
        segments: [{ text: 'It scales to 7B.', cites: [2] }],
      },
      { store: createButtonStore() },
    );
    expect(reply.embeds[0]).toMatchObject({
      title: '❓ does it scale?',
      description: 'It scales to 7B. \\[2\\]',
      footer: { text: WRITING },
    });
    expect(reply.components).toEqual([]);
  });

  it('has a title and footer before anything is written', () => {
    const reply = storedReply(
      { kind: 'ask-progress', question: 'does it scale?', segments: [] },
      { store: createButtonStore() },
    );
    expect(limitProblems(reply)).toEqual([]);
  });
});
