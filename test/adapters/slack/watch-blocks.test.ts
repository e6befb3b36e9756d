import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { WatchPostView } from '../../../adapters/shared/watch-port.ts';
import type { ActionsBlock, SlackMessage } from '../../../adapters/slack/blocks/block-kit.ts';
import { watchSlackMessages } from '../../../adapters/slack/blocks/watch-blocks.ts';
import {
  decodeWatchValue,
  encodeWatchValue,
  WATCH_ACTION_IDS,
  WATCH_ACTIONS,
  watchKindOf,
} from '../../../adapters/slack/watch/watch-actions.ts';
import { readWatchAction } from '../../../adapters/watch/watch-action.ts';
import { parseChat } from '../../../src/index.ts';
import { watchItem, watchPost } from '../shared/watch-views.ts';
import { cardArb, hostile } from './hostile-arbitraries.ts';
import { violations } from './message-checks.ts';

function actionBlocks(message: SlackMessage | undefined): ActionsBlock[] {
  return (message?.blocks ?? []).filter((b): b is ActionsBlock => b.type === 'actions');
}

describe('a watch post on Slack', () => {
  it('is a header, then per paper its section, its arXiv id and its three buttons', () => {
    const [message, ...more] = watchSlackMessages(watchPost(2));
    expect(more).toEqual([]);
    expect(message?.blocks.map((b) => b.type)).toEqual([
      'header',
      'section',
      'context',
      'actions',
      'section',
      'context',
      'actions',
    ]);
    expect(message?.blocks[0]).toMatchObject({
      text: { text: 'New in cs.CL · 1 May — 3 of 143 announced' },
    });
    const section = message?.blocks[1];
    expect(section?.type === 'section' && section.text.text).toBe(
      [
        '1. *<https://arxiv.org/abs/2601.00000|Paper 1>*',
        'Chunting Zhou, Pengfei Liu, Puxin Xu +2',
        '2026',
        '*TL;DR* Paper 1 does a thing.',
        '*Why:* matches "long context"; close to your Megalodon',
      ].join('\n'),
    );
    const [first] = actionBlocks(message);
    expect(first?.block_id).toBe('watch_1');
    expect(first?.elements.map((b) => [b.text.text, b.action_id, b.value])).toEqual([
      ['More like this', 'shammie_watch_more', '{"w":"w7","a":"2601.00000"}'],
      ['Not for us', 'shammie_watch_less', '{"w":"w7","a":"2601.00000"}'],
      ['Save', 'shammie_watch_save', '{"w":"w7","a":"2601.00000"}'],
    ]);
    expect(message?.text).toContain('1. Paper 1 (2026)');
    expect(violations(message as SlackMessage)).toEqual([]);
  });

  it('goes out as several messages of at most five papers, the later ones saying so', () => {
    const messages = watchSlackMessages(watchPost(11));
    expect(messages.map((m) => actionBlocks(m).length)).toEqual([5, 5, 1]);
    expect(messages[1]?.blocks[0]).toMatchObject({
      type: 'context',
      elements: [{ text: 'New in cs.CL · 1 May — 3 of 143 announced (continued: 6–10 of 11)' }],
    });
    expect(actionBlocks(messages[2])[0]?.block_id).toBe('watch_11');
    for (const message of messages) expect(violations(message)).toEqual([]);
  });

  it('says that nothing matched with the heading and the words, without buttons', () => {
    const [message, ...more] = watchSlackMessages(watchPost(0, { emptyText: 'Nothing today.' }));
    expect(more).toEqual([]);
    expect(message?.blocks.map((b) => b.type)).toEqual(['header', 'section']);
    expect(message?.text).toBe('New in cs.CL · 1 May — 3 of 143 announced: Nothing today.');
  });

  it('gives no buttons to a paper without an arXiv id, nor twice to a repeated one', () => {
    const noArxiv = watchItem(1, { card: { ...watchItem(1).card, arxiv: undefined } });
    const [message] = watchSlackMessages(
      watchPost(0, { items: [watchItem(0), noArxiv, watchItem(0)] }),
    );
    expect(actionBlocks(message).map((b) => b.block_id)).toEqual(['watch_1']);
  });

  it('escapes the heading, the TL;DR and the why, so nothing pings', () => {
    const [message] = watchSlackMessages(
      watchPost(0, {
        heading: '<!channel> New',
        items: [watchItem(0, { tldr: '<!here> & co', why: 'author <@U123>' })],
      }),
    );
    expect(JSON.stringify(message)).not.toMatch(/<!channel>|<!here>|<@U123>/);
    expect(violations(message as SlackMessage)).toEqual([]);
  });
});

describe('watch button values', () => {
  it('round-trip the watch and the paper, and refuse what does not read', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), (w, a) => {
        const value = encodeWatchValue(w, a);
        if (value !== undefined) expect(decodeWatchValue(value)).toEqual({ watchId: w, arxiv: a });
      }),
    );
    for (const value of ['', 'x', '{}', '{"w":1,"a":"b"}', '{"w":"","a":"b"}', 'null']) {
      expect(decodeWatchValue(value)).toBeUndefined();
    }
    expect(encodeWatchValue('w', 'a'.repeat(200))).toBeUndefined();
  });

  it('are routed by their action ids alone', () => {
    for (const [kind, id] of Object.entries(WATCH_ACTION_IDS)) {
      expect(WATCH_ACTIONS.test(id)).toBe(true);
      expect(watchKindOf(id)).toBe(kind);
    }
    expect(WATCH_ACTIONS.test('shammie_summary')).toBe(false);
    expect(watchKindOf('shammie_watch_morex')).toBeUndefined();
  });
});

describe('watch commands typed on Slack', () => {
  /** The action of a typed message, read as the listeners read it: the grammar, then the action. */
  const actionOf = (text: string) => {
    const command = parseChat(text);
    return command.kind === 'watch' ? readWatchAction(command.text) : undefined;
  };

  it('read the action and hand the rest over as typed', () => {
    expect(actionOf('watch add cs.CL "long context" count 5')).toEqual({
      action: 'add',
      text: 'cs.CL "long context" count 5',
    });
    expect(actionOf('Watch list')).toEqual({ action: 'list' });
    expect(actionOf('watch remove 2')).toEqual({ action: 'remove', which: '2' });
    expect(actionOf('watch pause cs.CL')).toEqual({ action: 'pause', which: 'cs.CL' });
    expect(actionOf('watch resume')).toEqual({ action: 'resume' });
    expect(actionOf('watch rm cs.CL')).toEqual({ action: 'remove', which: 'cs.CL' });
    expect(actionOf('watch why Long context scaling')).toEqual({
      action: 'why',
      paper: 'Long context scaling',
    });
    expect(actionOf('watch')).toEqual({ action: 'usage' });
    expect(actionOf('watch movies')).toEqual({ action: 'usage', word: 'movies' });
  });

  it('leave everything else to the rest of the chat grammar', () => {
    for (const text of ['watchdog timers', 'search watch', 'paper LIMA', '']) {
      expect(actionOf(text)).toBeUndefined();
    }
  });
});

const hostilePost: fc.Arbitrary<WatchPostView> = fc.record({
  kind: fc.constant('watch' as const),
  date: fc.constant('2026-05-01'),
  watchId: fc.oneof(fc.constant('w1'), hostile),
  heading: hostile,
  items: fc.array(
    fc.record({
      card: cardArb.map((c) => ({ ...c, arxiv: c.arxiv ?? '2601.00001' })),
      tldr: hostile,
      why: hostile,
    }),
    { maxLength: 12 },
  ),
  emptyText: hostile,
});

describe('every watch post, whatever the feed throws at it', () => {
  it('stays within Slack’s limits, escapes everything and shows every paper', () => {
    fc.assert(
      fc.property(hostilePost, (view) => {
        const messages = watchSlackMessages(view);
        expect(messages.length).toBe(Math.max(1, Math.ceil(view.items.length / 5)));
        const sections = messages.flatMap((m) => m.blocks.filter((b) => b.type === 'section'));
        if (view.items.length > 0) expect(sections).toHaveLength(view.items.length);
        for (const message of messages) {
          expect(violations(message)).toEqual([]);
          for (const block of actionBlocks(message)) {
            for (const button of block.elements) {
              expect(decodeWatchValue(button.value)?.watchId).toBe(view.watchId);
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
