import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LibraryView } from '../../../adapters/discord/library-reply.ts';
import { limitProblems } from '../../../adapters/discord/limits.ts';
import { toReply } from '../../../adapters/discord/to-reply.ts';
import type { AddResult } from '../../../adapters/library/add-papers.ts';
import type { LibraryPaper } from '../../../adapters/library/library-store.ts';
import type { RecentAddition } from '../../../adapters/library/library-summary.ts';
import { hostileShort, hostileText } from './hostile-text.ts';

const id = fc.oneof(fc.constant('500000000000000001'), hostileShort);
const source = fc.constantFrom(
  'chat' as const,
  'arxiv' as const,
  'doi' as const,
  'import' as const,
);
const platform = fc.oneof(fc.constantFrom('discord', 'slack', 'cli', 'terminal'), hostileShort);
const epoch = fc.integer({ min: 0, max: 4_102_444_800_000 });

const paper: fc.Arbitrary<LibraryPaper> = fc.record(
  {
    id: hostileShort,
    title: hostileText,
    abstract: hostileText,
    authors: fc.array(hostileShort, { maxLength: 4 }),
    year: fc.integer({ min: -10_000, max: 100_000 }),
    url: fc.oneof(hostileShort, fc.webUrl()),
    arxiv: hostileShort,
    doi: hostileShort,
    source,
    addedBy: id,
    platform,
    channel: id,
    addedAt: epoch,
  },
  { requiredKeys: ['id', 'title', 'abstract', 'authors', 'source', 'addedAt'] },
);

const addResult: fc.Arbitrary<AddResult> = fc.oneof(
  fc.record({
    ref: hostileText,
    status: fc.constantFrom('added' as const, 'already' as const),
    paper,
    message: fc.option(hostileText, { nil: undefined }),
  }),
  fc.record({
    ref: hostileText,
    status: fc.constantFrom('not-found' as const, 'failed' as const),
    message: hostileText,
  }),
);

const recent: fc.Arbitrary<RecentAddition> = fc.record(
  {
    id: hostileShort,
    title: hostileText,
    arxiv: hostileShort,
    doi: hostileShort,
    source,
    addedBy: id,
    platform,
    channel: id,
    addedAt: epoch,
  },
  { requiredKeys: ['id', 'title', 'source', 'addedAt'] },
);

const count = fc.integer({ min: 0, max: 1_000_000 });
const by = fc.record({ userId: id, channelId: id });

const views: fc.Arbitrary<LibraryView> = fc.oneof(
  fc.record({
    kind: fc.constant('library-add' as const),
    results: fc.array(addResult, { minLength: 1, maxLength: 10 }),
    by,
  }),
  fc.record({
    kind: fc.constant('library-remove' as const),
    result: fc.record(
      {
        ref: hostileText,
        status: fc.constantFrom(
          'removed' as const,
          'already-removed' as const,
          'not-found' as const,
          'failed' as const,
        ),
        message: hostileText,
        paper,
      },
      { requiredKeys: ['ref', 'status', 'message'] },
    ),
    by,
  }),
  fc.record({
    kind: fc.constant('library-summary' as const),
    summary: fc.record({
      total: count,
      files: count,
      library: count,
      bySource: fc.record({ chat: count, arxiv: count, doi: count, import: count }),
      removed: count,
      recent: fc.array(recent, { maxLength: 50 }),
      exportHint: fc.constant('shammie export --format jsonl|bibtex [--out FILE]'),
    }),
  }),
);

describe('the library answers, whatever the services and the users wrote', () => {
  it('stay within every limit, ping nobody and show every paper added or found', () => {
    fc.assert(
      fc.property(views, (view) => {
        const { payload } = toReply(view);
        expect(limitProblems(payload)).toEqual([]);
        expect(payload.allowed_mentions).toEqual({ parse: [] });
        // Markdown (content, descriptions, field values) renders mentions; the rest is verbatim.
        const markdown = [payload.content ?? ''];
        const verbatim: string[] = [];
        for (const e of payload.embeds) {
          markdown.push(e.title ?? '', e.description ?? '');
          verbatim.push(e.footer?.text ?? '', e.author?.name ?? '');
          for (const f of e.fields ?? []) markdown.push(f.value);
        }
        for (const text of [...markdown, ...verbatim]) {
          expect(text).not.toMatch(/@(everyone|here)/);
        }
        for (const text of markdown) {
          // Only the mentions Shammie writes: a user or a channel by a real Discord id.
          for (const mention of text.match(/(?<!\\)<[@#][^>]*>/g) ?? []) {
            expect(mention).toMatch(/^<(@|#)\d{17,20}>$/);
          }
        }
        if (view.kind === 'library-add') {
          const papers = view.results.filter((r) => r.paper).length;
          expect(payload.embeds).toHaveLength(papers);
        }
      }),
      { numRuns: 300 },
    );
  });
});
