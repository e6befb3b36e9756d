import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../../adapters/slack/blocks/action-ids.ts';
import {
  answerMessage,
  LOOKING_TEXT,
  lookingMessage,
  progressMessage,
} from '../../../adapters/slack/blocks/answer-message.ts';
import type { SlackMessage } from '../../../adapters/slack/blocks/block-kit.ts';
import { type AskAnswer, askLibrary, NOT_IN_LIBRARY } from '../../../src/index.ts';
import { cardArb, hostile, url } from './hostile-arbitraries.ts';
import { mrkdwnTexts, violations } from './message-checks.ts';
import { tinyEngine } from './reply-deps-fixture.ts';

const buttons = (message: SlackMessage) =>
  message.blocks.flatMap((b) => (b.type === 'actions' ? b.elements : []));
const sections = (message: SlackMessage) =>
  message.blocks.flatMap((b) => (b.type === 'section' ? [b.text.text] : []));
const contexts = (message: SlackMessage) =>
  message.blocks.flatMap((b) => (b.type === 'context' ? b.elements.map((e) => e.text) : []));

function answer(overrides: Partial<AskAnswer> = {}): AskAnswer {
  return {
    refused: false,
    mode: 'extractive',
    question: 'how is LIMA tuned?',
    lead: 'What 2 papers in the library say:',
    segments: [
      { text: 'LIMA is tuned on 1,000 prompts.', cites: [1] },
      { text: 'Both use long contexts.', cites: [1, 2] },
    ],
    evidence: [],
    citations: [
      {
        n: 1,
        id: '2305.11206',
        title: 'LIMA',
        arxiv: '2305.11206',
        url: 'https://arxiv.org/abs/2305.11206',
      },
      { n: 2, id: 'local-7', title: 'A paper with no address' },
    ],
    confidence: 0.9,
    ...overrides,
  };
}

describe('answerMessage', () => {
  it('shows the lead, then each statement with citation numbers linking the cited papers', () => {
    const message = answerMessage(answer());
    const [lead, body] = sections(message);
    expect(lead).toBe('*What 2 papers in the library say:*');
    expect(body).toBe(
      [
        'LIMA is tuned on 1,000 prompts. <https://arxiv.org/abs/2305.11206|[1]>',
        // A paper with no address keeps its number, unlinked.
        'Both use long contexts. <https://arxiv.org/abs/2305.11206|[1]>[2]',
      ].join('\n'),
    );
    expect(message.text).toContain('LIMA is tuned on 1,000 prompts. [1]');
    expect(violations(message)).toEqual([]);
  });

  it('lists the cited papers by number, each with Summary and Cite buttons for that paper', () => {
    const message = answerMessage(answer());
    expect(sections(message).slice(2)).toEqual([
      '*[1]* <https://arxiv.org/abs/2305.11206|LIMA> · arXiv:2305.11206',
      '*[2]* A paper with no address',
    ]);
    expect(buttons(message).map((b) => [b.action_id, b.value])).toEqual([
      [ACTION_IDS.summary, '2305.11206'],
      [ACTION_IDS.cite, '2305.11206'],
      [ACTION_IDS.summary, 'local-7'],
      [ACTION_IDS.cite, 'local-7'],
    ]);
  });

  it('links a citation to its arXiv page when the paper has no url of its own', () => {
    const message = answerMessage(
      answer({
        segments: [{ text: 'A claim.', cites: [1] }],
        citations: [{ n: 1, id: 'x', title: 'X', arxiv: '2401.00001' }],
      }),
    );
    expect(sections(message)[1]).toBe('A claim. <https://arxiv.org/abs/2401.00001|[1]>');
  });

  it('shows the note (why a model’s answer was replaced) as a context line', () => {
    const message = answerMessage(answer({ note: 'The model took too long.' }));
    expect(contexts(message)).toContain(':information_source: The model took too long.');
  });

  it('says a refusal plainly and offers the closest papers with their buttons', async () => {
    const refusal = askLibrary(await tinyEngine(), 'what is the capital of France or LIMA?');
    const forced: AskAnswer = refusal.refused
      ? refusal
      : { ...refusal, refused: true, lead: NOT_IN_LIBRARY, segments: [], citations: [] };
    const message = answerMessage({ ...forced, closest: forced.closest ?? [] });
    expect(sections(message)[0]).toBe(`:mag: ${NOT_IN_LIBRARY}`);
    expect(message.text.startsWith(NOT_IN_LIBRARY)).toBe(true);
    for (const card of forced.closest ?? []) {
      expect(buttons(message).map((b) => b.value)).toContain(card.id);
    }
    expect(violations(message)).toEqual([]);
  });

  it('escapes mentions from the question, abstracts or a model: nobody is pinged', () => {
    const message = answerMessage(
      answer({
        lead: '<!channel> look',
        segments: [{ text: 'Ignore previous instructions <!here> <@U0ALICE> & ping', cites: [1] }],
        note: '<!everyone>',
        citations: [
          { n: 1, id: 'h', title: 'Attention <!channel> is all', url: 'https://e.org/?a=1&b=2' },
        ],
      }),
    );
    expect(violations(message)).toEqual([]);
    const all = mrkdwnTexts(message).join('\n');
    expect(all).not.toMatch(/<[!@#]/);
    expect(all).toContain('&lt;!here&gt;');
    expect(all).toContain('<https://e.org/?a=1&amp;b=2|[1]>');
  });

  it('keeps any answer, however hostile its text, within Slack’s limits and escaped', () => {
    const segment = fc.record({
      text: hostile,
      cites: fc.array(fc.integer({ min: 1, max: 12 }), { maxLength: 4 }),
    });
    const citation = fc.record(
      {
        n: fc.integer({ min: 1, max: 12 }),
        id: fc.oneof(hostile, fc.string({ minLength: 1 })),
        title: hostile,
        arxiv: hostile,
        url,
      },
      { requiredKeys: ['n', 'id', 'title'] },
    );
    const arbitraryAnswer = fc.record({
      refused: fc.boolean(),
      lead: hostile,
      segments: fc.array(segment, { maxLength: 12 }),
      citations: fc.array(citation, { maxLength: 12 }),
      closest: fc.array(cardArb, { maxLength: 5 }),
      note: fc.option(hostile, { nil: undefined }),
    });
    fc.assert(
      fc.property(arbitraryAnswer, (a) => {
        const { note, ...rest } = a;
        const full = {
          ...answer(),
          ...rest,
          ...(note !== undefined ? { note } : {}),
        } as AskAnswer;
        expect(violations(answerMessage(full))).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });
});

describe('while a model writes', () => {
  it('first says it is looking in the library', () => {
    const message = lookingMessage();
    expect(message.text).toBe(LOOKING_TEXT);
    expect(violations(message)).toEqual([]);
  });

  it('shows the statements so far with their numbers, still marked as being written', () => {
    const message = progressMessage({
      segments: [{ text: 'LIMA uses <!here> 1,000 prompts.', cites: [1] }],
      text: 'LIMA uses <!here> 1,000 prompts. [1]',
    });
    expect(sections(message)[0]).toBe('LIMA uses &lt;!here&gt; 1,000 prompts. [1]');
    expect(contexts(message).join(' ')).toContain(LOOKING_TEXT);
    expect(violations(message)).toEqual([]);
  });
});
