import { describe, expect, it } from 'vitest';
import {
  byWhom,
  discordDate,
  type LibraryAddView,
  type LibrarySummaryView,
  provenance,
} from '../../../adapters/discord/library-reply.ts';
import { limitProblems } from '../../../adapters/discord/limits.ts';
import { EPHEMERAL } from '../../../adapters/discord/reply-payload.ts';
import { type DiscordView, toReply } from '../../../adapters/discord/to-reply.ts';
import type { AddResult } from '../../../adapters/library/add-papers.ts';
import type { LibraryPaper } from '../../../adapters/library/library-store.ts';
import type { LibrarySummary } from '../../../adapters/library/library-summary.ts';
import type { RemoveResult } from '../../../adapters/library/remove-paper.ts';
import type { Paper } from '../../../src/index.ts';

const USER = '500000000000000001';
const OTHER = '500000000000000002';
const CHANNEL = '300000000000000001';
const ELSEWHERE = '300000000000000002';
const BY = { userId: USER, channelId: CHANNEL };
/** 2026-05-01T12:00:00Z. */
const WHEN = 1_777_636_800_000;

function libraryPaper(overrides: Partial<LibraryPaper> = {}): LibraryPaper {
  return {
    id: '2305.11206',
    arxiv: '2305.11206',
    url: 'https://arxiv.org/abs/2305.11206',
    title: 'Small Instruction Sets Go a Long Way',
    abstract: 'We ask how much instruction data a pretrained language model needs.',
    authors: ['Ada Quill', 'Bertrand Okafor'],
    year: 2023,
    source: 'chat',
    addedBy: USER,
    platform: 'discord',
    channel: CHANNEL,
    addedAt: WHEN,
    ...overrides,
  };
}

function added(paper: Paper = libraryPaper(), overrides: Partial<AddResult> = {}): AddResult {
  return {
    ref: paper.arxiv ?? paper.id,
    status: 'added',
    id: paper.id,
    title: paper.title,
    paper,
    ...overrides,
  };
}

function reply(view: DiscordView) {
  return toReply(view).payload;
}

function addView(...results: AddResult[]): LibraryAddView {
  return { kind: 'library-add', results, by: BY };
}

describe('the answer to /add', () => {
  it('shows the card of the paper added, by whom and in which channel, to everyone', () => {
    const payload = reply(addView(added()));
    expect(payload.content).toBe(`📥 Added to the library by <@${USER}> in <#${CHANNEL}>.`);
    expect(payload.embeds).toHaveLength(1);
    expect(payload.embeds[0]).toMatchObject({
      title: 'Small Instruction Sets Go a Long Way',
      url: 'https://arxiv.org/abs/2305.11206',
      author: { name: 'Ada Quill, Bertrand Okafor' },
      description: '*2023*\nWe ask how much instruction data a pretrained language model needs.',
      footer: { text: 'arXiv:2305.11206' },
    });
    expect(payload.flags).toBeUndefined();
    expect(payload.allowed_mentions).toEqual({ parse: [] });
    expect(limitProblems(payload)).toEqual([]);
  });

  it('says a removal was undone when the paper comes back', () => {
    const result = added(libraryPaper(), {
      message: 'It had been removed; it is back in the library.',
    });
    expect(reply(addView(result)).content).toBe(
      `📥 Back in the library (it had been removed), added again by <@${USER}> in <#${CHANNEL}>.`,
    );
  });

  it('says "already in the library", with who added it first, where and when, and its card', () => {
    const first = libraryPaper({ addedBy: OTHER, channel: ELSEWHERE });
    const payload = reply(addView({ ...added(first), status: 'already' }));
    expect(payload.content).toBe(
      `📚 Already in the library, added by <@${OTHER}> in <#${ELSEWHERE}> on <t:1777636800:d>.`,
    );
    expect(payload.embeds[0]?.title).toBe(first.title);
    expect(payload.flags).toBeUndefined();
  });

  it('says a paper the corpus files hold is there already', () => {
    const file: Paper = { id: 'lima', title: 'LIMA', abstract: 'A.', authors: [] };
    expect(reply(addView({ ...added(file), status: 'already' })).content).toBe(
      '📚 Already in the library (from the corpus files).',
    );
  });

  it('tells only the user why nothing was added', () => {
    const payload = reply(
      addView({
        ref: '2301.99999',
        status: 'not-found',
        message: 'arXiv has no paper 2301.99999; check the id.',
      }),
    );
    expect(payload.content).toBe('⚠️ arXiv has no paper 2301.99999; check the id.');
    expect(payload.embeds).toEqual([]);
    expect(payload.flags).toBe(EPHEMERAL);
  });

  it('gives one line per reference and numbered cards when several were given', () => {
    const second = libraryPaper({ id: '2408.11039', arxiv: '2408.11039', title: 'One Model' });
    const payload = reply(
      addView(
        added(),
        { ref: 'nonsense', status: 'failed', message: 'That is not an arXiv id.' },
        { ...added(second), status: 'already' },
      ),
    );
    expect(payload.content?.split('\n')).toEqual([
      `📥 2305.11206: Added to the library by <@${USER}> in <#${CHANNEL}>.`,
      '⚠️ nonsense: That is not an arXiv id.',
      `📚 2408.11039: Already in the library, added by <@${USER}> in <#${CHANNEL}> on <t:1777636800:d>.`,
    ]);
    expect(payload.embeds.map((e) => e.title)).toEqual([
      '1. Small Instruction Sets Go a Long Way',
      '2. One Model',
    ]);
    expect(payload.flags).toBeUndefined();
  });

  it('escapes what the user and the services wrote, and mentions only real Discord ids', () => {
    const hostile = libraryPaper({ title: '@everyone **free** <@&1>', addedBy: 'U024BE7LH' });
    const payload = reply(
      addView(
        { ...added(hostile), status: 'already' },
        { ref: '@here', status: 'failed', message: '<@123456789012345678> `x`' },
      ),
    );
    expect(payload.content).toContain('@\u200bhere: ');
    expect(payload.content).toContain('\\<@123456789012345678> \\`x\\`');
    expect(payload.content).not.toContain('U024BE7LH');
    expect(payload.embeds[0]?.title).toBe('@\u200beveryone \\*\\*free\\*\\* \\<@&1>');
  });

  it('fits Discord with ten long results', () => {
    const long = 'x'.repeat(5000);
    const results = Array.from({ length: 10 }, (_, i) =>
      i % 2 === 0
        ? added(libraryPaper({ id: `p${i}`, title: long, abstract: long }), { ref: long })
        : ({ ref: long, status: 'failed', message: long } as AddResult),
    );
    const payload = reply(addView(...results));
    expect(limitProblems(payload)).toEqual([]);
    expect(payload.embeds).toHaveLength(5);
    expect(payload.content?.split('\n')).toHaveLength(10);
  });
});

describe('who added a paper and where', () => {
  it('mentions the user and the channel for Discord, names the other platforms', () => {
    expect(provenance({ platform: 'discord', addedBy: USER, channel: CHANNEL })).toBe(
      `by <@${USER}> in <#${CHANNEL}>`,
    );
    expect(provenance({ platform: 'discord', addedBy: USER })).toBe(`by <@${USER}>`);
    expect(provenance({ platform: 'slack', addedBy: 'U024BE7LH', channel: 'C1' })).toBe('on Slack');
    expect(provenance({ platform: 'cli', addedBy: 'ann' })).toBe('from the command line');
    expect(provenance({ source: 'import' })).toBe('imported from arXiv');
    expect(provenance({ platform: 'discord', addedBy: '<@&1>', channel: 'x' })).toBe('');
    expect(byWhom({ userId: USER })).toBe(`by <@${USER}>`);
  });

  it('writes dates as Discord timestamps', () => {
    expect(discordDate(WHEN + 999)).toBe('<t:1777636800:d>');
  });
});

describe('the answer to /remove', () => {
  const removed: RemoveResult = {
    ref: '2305.11206',
    status: 'removed',
    id: '2305.11206',
    title: 'Small Instruction Sets Go a Long Way',
    message: 'Removed from the library; add it again to undo.',
    paper: libraryPaper(),
  };

  it('shows the card and how to undo, in the channel', () => {
    const payload = reply({ kind: 'library-remove', result: removed, by: BY });
    expect(payload.content).toBe(
      `🗑️ Removed from the library; add it again to undo. (by <@${USER}> in <#${CHANNEL}>)`,
    );
    expect(payload.embeds[0]?.title).toBe('Small Instruction Sets Go a Long Way');
    expect(payload.flags).toBeUndefined();
  });

  it('tells only the user when there was nothing to remove', () => {
    const payload = reply({
      kind: 'library-remove',
      result: {
        ref: 'zzz',
        status: 'not-found',
        message: 'No paper in the library has that id, arXiv id or DOI.',
      },
      by: BY,
    });
    expect(payload.content).toBe('⚠️ No paper in the library has that id, arXiv id or DOI.');
    expect(payload.embeds).toEqual([]);
    expect(payload.flags).toBe(EPHEMERAL);
    const again = reply({
      kind: 'library-remove',
      result: {
        ...removed,
        status: 'already-removed',
        message: 'It was removed already; add it again to bring it back.',
      },
      by: BY,
    });
    expect(again.content).toBe('ℹ️ It was removed already; add it again to bring it back.');
    expect(again.embeds).toHaveLength(1);
    expect(again.flags).toBe(EPHEMERAL);
  });
});

function summary(overrides: Partial<LibrarySummary> = {}): LibrarySummary {
  return {
    total: 13,
    files: 10,
    library: 3,
    bySource: { chat: 2, arxiv: 1, doi: 0, import: 0 },
    removed: 1,
    recent: [
      {
        id: '2305.11206',
        arxiv: '2305.11206',
        title: 'Small Instruction Sets Go a Long Way',
        source: 'chat',
        addedBy: USER,
        platform: 'discord',
        channel: CHANNEL,
        addedAt: WHEN,
      },
      {
        id: 'doi:10.1/x',
        doi: '10.1/x',
        title: 'A DOI paper',
        source: 'arxiv',
        addedBy: 'ann',
        platform: 'cli',
        addedAt: WHEN - 86_400_000,
      },
    ],
    exportHint: 'shammie export --format jsonl|bibtex [--out FILE]',
    ...overrides,
  };
}

function summaryView(overrides: Partial<LibrarySummary> = {}): LibrarySummaryView {
  return { kind: 'library-summary', summary: summary(overrides) };
}

describe('the answer to /library', () => {
  it('gives the sizes by source, the last additions with who, where and when, and the export', () => {
    const payload = reply(summaryView());
    const [embed] = payload.embeds;
    expect(embed?.description).toBe(
      '**13 papers**: 10 from the corpus files, 3 added to the library (2 from the chat, 1 from arXiv).\n1 removed (add one again to undo).',
    );
    expect(embed?.fields).toEqual([
      {
        name: 'Last additions',
        value: [
          `• **Small Instruction Sets Go a Long Way** · arXiv:2305.11206 — by <@${USER}> in <#${CHANNEL}>, <t:1777636800:d>`,
          '• **A DOI paper** · doi:10.1/x — from the command line, <t:1777550400:d>',
        ].join('\n'),
      },
      {
        name: 'Export',
        value:
          'Everything, from the command line: `shammie export --format jsonl|bibtex [--out FILE]`',
      },
    ]);
    expect(payload.flags).toBe(EPHEMERAL);
    expect(limitProblems(payload)).toEqual([]);
  });

  it('says how to add a paper when none has been added', () => {
    const payload = reply(
      summaryView({
        total: 10,
        library: 0,
        removed: 0,
        bySource: { chat: 0, arxiv: 0, doi: 0, import: 0 },
        recent: [],
      }),
    );
    expect(payload.embeds[0]?.description).toBe(
      '**10 papers**: 10 from the corpus files, 0 added to the library.',
    );
    expect(payload.embeds[0]?.fields?.[0]?.value).toMatch(/^Nothing yet: add a paper with/);
  });

  it('counts the additions that do not fit instead of cutting one in half', () => {
    const recent = Array.from({ length: 40 }, (_, i) => ({
      ...summary().recent[0]!,
      id: `p${i}`,
      title: `A long title ${'y'.repeat(100)} ${i}`,
    }));
    const payload = reply(summaryView({ recent }));
    const lines = payload.embeds[0]?.fields?.[0]?.value.split('\n') ?? [];
    expect(lines.at(-1)).toMatch(/^… and \d+ more$/);
    expect(lines.slice(0, -1).every((line) => line.endsWith('<t:1777636800:d>'))).toBe(true);
    expect(limitProblems(payload)).toEqual([]);
  });
});
