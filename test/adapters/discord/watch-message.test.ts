import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { limitProblems } from '../../../adapters/discord/limits.ts';
import type { ReplyPayload } from '../../../adapters/discord/reply-payload.ts';
import {
  decodeWatchButton,
  encodeWatchButton,
  isWatchButtonId,
} from '../../../adapters/discord/watch-buttons.ts';
import {
  watchBody,
  watchMessages,
  watchThreadName,
} from '../../../adapters/discord/watch-message.ts';
import type { WatchPostView } from '../../../adapters/shared/watch-port.ts';
import type { PaperCard } from '../../../src/index.ts';
import { watchItem as item, watchPost as post } from '../shared/watch-views.ts';
import { hostileShort, hostileText } from './hostile-text.ts';
import { card } from './views.ts';

/** The custom_ids and labels of a message's buttons, row by row. */
function buttons(message: ReplyPayload) {
  return message.components.map((row) =>
    row.components.map((c) => ({
      label: 'label' in c ? c.label : undefined,
      id: 'custom_id' in c ? c.custom_id : undefined,
    })),
  );
}

describe('a watch post on Discord', () => {
  it('is one message: the heading, one embed and one row of three buttons per paper', () => {
    const [message, ...more] = watchMessages(post(3));
    expect(more).toEqual([]);
    expect(message?.content).toBe('📰 New in cs.CL · 1 May — 3 of 143 announced');
    expect(message?.allowed_mentions).toEqual({ parse: [] });
    expect(message?.embeds.map((e) => e.title)).toEqual(['1. Paper 1', '2. Paper 2', '3. Paper 3']);
    expect(message?.embeds[0]?.url).toBe('https://arxiv.org/abs/2601.00000');
    expect(message?.embeds[0]?.author?.name).toBe('Chunting Zhou, Pengfei Liu, Puxin Xu +2');
    expect(message?.embeds[0]?.description).toContain('**TL;DR** Paper 1 does a thing.');
    expect(message?.embeds[0]?.description).toContain(
      '**Why:** matches "long context"; close to your Megalodon',
    );
    expect(buttons(message as ReplyPayload)[1]).toEqual([
      { label: 'More like this #2', id: 'shw1:m:w7:2601.00001' },
      { label: 'Not for us #2', id: 'shw1:l:w7:2601.00001' },
      { label: 'Save #2', id: 'shw1:s:w7:2601.00001' },
    ]);
    expect(limitProblems(message as ReplyPayload)).toEqual([]);
  });

  it('goes out as several messages of at most five papers when there are more', () => {
    const messages = watchMessages(post(12));
    expect(messages.map((m) => m.embeds.length)).toEqual([5, 5, 2]);
    expect(messages.map((m) => m.components.length)).toEqual([5, 5, 2]);
    expect(messages[1]?.content).toBe(
      '📰 New in cs.CL · 1 May — 3 of 143 announced (continued: 6–10 of 12)',
    );
    expect(messages[2]?.embeds[0]?.title).toBe('11. Paper 11');
    expect(buttons(messages[2] as ReplyPayload)[1]?.[0]?.label).toBe('More like this #12');
    // Every message's text differs: the read-back after an uncertain post tells them apart.
    expect(new Set(messages.map((m) => m.content)).size).toBe(3);
    for (const message of messages) expect(limitProblems(message)).toEqual([]);
  });

  it('says that nothing matched in one message without buttons', () => {
    const messages = watchMessages(
      post(0, { emptyText: 'Nothing above this channel’s threshold today.' }),
    );
    expect(messages).toHaveLength(1);
    expect(messages[0]?.content).toBe(
      '📰 New in cs.CL · 1 May — 3 of 143 announced\nNothing above this channel’s threshold today.',
    );
    expect(messages[0]?.components).toEqual([]);
  });

  it('gives no buttons to a paper without an arXiv id, nor twice to a repeated one', () => {
    const noArxiv = item(1, { card: card({ id: 'x', title: 'No id', arxiv: undefined }) });
    const messages = watchMessages(post(0, { items: [item(0), noArxiv, item(0)] }));
    expect(messages[0]?.embeds).toHaveLength(3);
    expect(buttons(messages[0] as ReplyPayload).map((row) => row[0]?.label)).toEqual([
      'More like this #1',
    ]);
  });

  it('escapes the heading, the TL;DR and the why, so nothing formats or pings', () => {
    const hostile = item(0, {
      tldr: '**bold** @everyone',
      why: 'matches "<@&123>" @here',
    });
    const [message] = watchMessages(post(0, { heading: '@everyone # New', items: [hostile] }));
    expect(message?.content).toBe('📰 @\u200beveryone # New');
    expect(message?.embeds[0]?.description).toContain('**TL;DR** \\*\\*bold\\*\\* @\u200beveryone');
    expect(message?.embeds[0]?.description).toContain('**Why:** matches "\\<@&123>" @\u200bhere');
  });

  it('names the thread after the heading, within 100 characters and without a ping', () => {
    expect(watchThreadName(post(1))).toBe('Discuss: New in cs.CL · 1 May — 3 of 143 announced');
    const long = watchThreadName(post(1, { heading: `@everyone ${'x'.repeat(300)}` }));
    expect(long.length).toBeLessThanOrEqual(100);
    expect(long).not.toMatch(/@everyone/);
  });

  it('keeps the why when the TL;DR is long, and fits both in the room given', () => {
    const body = watchBody({ tldr: 'word '.repeat(500), why: 'author Omer Levy' }, 300);
    expect(body.length).toBeLessThanOrEqual(300);
    expect(body).toContain('**Why:** author Omer Levy');
    expect(watchBody({ tldr: '', why: '' }, 300)).toBe('');
  });
});

describe('watch button ids', () => {
  it('read back as the kind, watch and paper they were made of', () => {
    const id = encodeWatchButton({ kind: 'less', watchId: 'a:b', arxiv: 'hep-th/9901001' });
    expect(id).toBe('shw1:l:a%3Ab:hep-th%2F9901001');
    expect(decodeWatchButton(id as string)).toEqual({
      kind: 'less',
      watchId: 'a:b',
      arxiv: 'hep-th/9901001',
    });
    expect(isWatchButtonId(id as string)).toBe(true);
  });

  it('are refused when they would pass 100 characters, and foreign ids read as nothing', () => {
    expect(encodeWatchButton({ kind: 'save', watchId: 'w'.repeat(90), arxiv: '2601.00001' })).toBe(
      undefined,
    );
    for (const id of ['sh1:abc', 'shw1:x:w:a', 'shw1:m:%E0%A4%A:a', 'shw1:m::a', 'shw1:m:w:a:b']) {
      expect(decodeWatchButton(id)).toBeUndefined();
    }
    expect(isWatchButtonId('sh1:abc')).toBe(false);
  });

  it('round-trip any watch id and arXiv id that fit', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('more' as const, 'less' as const, 'save' as const),
        fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }),
        fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }),
        (kind, watchId, arxiv) => {
          const id = encodeWatchButton({ kind, watchId, arxiv });
          if (id === undefined) return;
          expect(id.length).toBeLessThanOrEqual(100);
          expect(decodeWatchButton(id)).toEqual({ kind, watchId, arxiv });
        },
      ),
      { numRuns: 500 },
    );
  });
});

const hostileCard: fc.Arbitrary<PaperCard> = fc.record(
  {
    id: hostileShort,
    title: hostileText,
    url: fc.oneof(hostileShort, fc.webUrl(), fc.constant(`https://x.org/${'a'.repeat(3000)}`)),
    authors: fc.array(hostileShort, { maxLength: 3 }),
    authorsShort: hostileText,
    year: fc.integer({ min: -10_000, max: 100_000 }),
    venue: hostileShort,
    arxiv: fc.oneof(hostileShort, fc.constant('2601.00001')),
  },
  { requiredKeys: ['id', 'title', 'authors', 'authorsShort'] },
);

const hostilePost: fc.Arbitrary<WatchPostView> = fc.record({
  kind: fc.constant('watch' as const),
  date: fc.constant('2026-05-01'),
  watchId: fc.oneof(
    fc.constant('w1'),
    hostileShort.filter((s) => s !== ''),
  ),
  heading: hostileText,
  items: fc.array(fc.record({ card: hostileCard, tldr: hostileText, why: hostileText }), {
    maxLength: 12,
  }),
  emptyText: hostileText,
});

/** Every text of a message a member reads. */
function texts(message: ReplyPayload): string[] {
  const out = [message.content ?? ''];
  for (const e of message.embeds) {
    out.push(e.title ?? '', e.description ?? '', e.footer?.text ?? '', e.author?.name ?? '');
  }
  for (const row of message.components) {
    for (const c of row.components) out.push('label' in c ? (c.label ?? '') : '');
  }
  return out;
}

describe('every watch post, whatever the feed throws at it', () => {
  it('stays within Discord’s limits, pings nobody and shows every paper', () => {
    fc.assert(
      fc.property(hostilePost, (view) => {
        const messages = watchMessages(view);
        expect(messages.length).toBe(Math.max(1, Math.ceil(view.items.length / 5)));
        expect(messages.reduce((n, m) => n + m.embeds.length, 0)).toBe(view.items.length);
        for (const message of messages) {
          expect(limitProblems(message)).toEqual([]);
          for (const text of texts(message)) {
            expect(text).not.toMatch(/@(everyone|here)/);
            // biome-ignore lint/suspicious/noControlCharactersInRegex: checking none got through
            expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u202e\u2066]/);
          }
        }
        expect(watchThreadName(view).length).toBeLessThanOrEqual(100);
      }),
      { numRuns: 300 },
    );
  });
});
