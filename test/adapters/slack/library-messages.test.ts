import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AddResult } from '../../../adapters/library/add-papers.ts';
import type { LibraryPaper } from '../../../adapters/library/library-store.ts';
import { EXPORT_HINT, type LibrarySummary } from '../../../adapters/library/library-summary.ts';
import type { RemoveResult } from '../../../adapters/library/remove-paper.ts';
import {
  addMessage,
  fetchingText,
  librarySummaryMessage,
  provenance,
  removeMessage,
} from '../../../adapters/slack/blocks/library-messages.ts';
import type { Paper } from '../../../src/index.ts';
import { hostile } from './hostile-arbitraries.ts';
import { allText, libraryViolations } from './library-checks.ts';

/** 1 May 2024, noon UTC. */
const ADDED_AT = Date.UTC(2024, 4, 1, 12);

function libraryPaper(overrides: Partial<LibraryPaper> = {}): LibraryPaper {
  return {
    id: '2305.11206',
    arxiv: '2305.11206',
    title: 'Small Instruction Sets Go a Long Way',
    abstract: 'We ask how much instruction data a model needs.',
    authors: ['Ada Quill', 'Bertrand Okafor'],
    year: 2023,
    url: 'https://arxiv.org/abs/2305.11206',
    source: 'chat',
    addedBy: 'U0ALICE',
    platform: 'slack',
    channel: 'C0LAB',
    addedAt: ADDED_AT,
    ...overrides,
  };
}

function added(paper: Paper, overrides: Partial<AddResult> = {}): AddResult {
  return {
    ref: paper.arxiv ?? paper.id,
    status: 'added',
    id: paper.id,
    title: paper.title,
    paper,
    ...overrides,
  };
}

describe('the card of a paper added from Slack', () => {
  it('says it was added, with who added it and in which channel', () => {
    const message = addMessage([added(libraryPaper())]);
    const text = allText(message);
    expect(text).toContain(':white_check_mark: *Added to the library*');
    expect(text).toContain('Small Instruction Sets Go a Long Way');
    expect(text).toContain('Added by <@U0ALICE> in <#C0LAB> on 2024-05-01');
    expect(message.text).toBe('Added: Small Instruction Sets Go a Long Way (2023)');
    expect(libraryViolations(message)).toEqual([]);
  });

  it('says "in a direct message" rather than linking a DM', () => {
    expect(provenance(libraryPaper({ channel: 'D0ALICE' }))).toBe(
      'Added by <@U0ALICE> in a direct message on 2024-05-01',
    );
  });

  it('names other platforms in words and never writes their ids as Slack mentions', () => {
    expect(
      provenance(libraryPaper({ platform: 'discord', addedBy: '1234', channel: '5678' })),
    ).toBe('Added by 1234 on Discord on 2024-05-01');
    expect(provenance(libraryPaper({ platform: 'cli', addedBy: 'ada', channel: undefined }))).toBe(
      'Added by ada from the command line on 2024-05-01',
    );
    // A Slack row whose ids are not Slack ids (written by hand, say) is shown as text.
    const odd = provenance(libraryPaper({ addedBy: '<!channel>', channel: '<!here>' }));
    expect(odd).toBe('Added by &lt;!channel&gt; on 2024-05-01');
  });

  it('tells a paper already there apart, with where it came from', () => {
    const file: Paper = { id: 'lima', title: 'LIMA', abstract: 'a', authors: [], year: 2023 };
    const message = addMessage([
      added(file, { status: 'already', message: 'Already in the library.' }),
      added(libraryPaper(), { status: 'already', message: 'Already in the library.' }),
    ]);
    const text = allText(message);
    expect(text).toContain(':information_source: *Already in the library*');
    expect(text).not.toContain('Already in the library*Already');
    expect(text).toContain('From the corpus files');
    expect(text).toContain('Added by <@U0ALICE> in <#C0LAB>');
    expect(message.text.split('\n')).toEqual([
      'Already in the library: LIMA (2023)',
      'Already in the library: Small Instruction Sets Go a Long Way (2023)',
    ]);
  });

  it('says when adding undid a removal', () => {
    const message = addMessage([
      added(libraryPaper(), { message: 'It had been removed; it is back in the library.' }),
    ]);
    expect(allText(message)).toContain(
      '*Added to the library* It had been removed; it is back in the library.',
    );
  });

  it('says what was not found or failed, with the reference as typed, escaped', () => {
    const message = addMessage([
      {
        ref: '2401.99999',
        status: 'not-found',
        message: 'arXiv has no paper 2401.99999; check the id.',
      },
      { ref: '<!channel>', status: 'failed', message: 'That is not an arXiv id or URL, or a DOI.' },
      {
        ref: '2408.11039',
        status: 'failed',
        message: 'arXiv did not answer; try again later.',
      },
    ]);
    const text = allText(message);
    expect(text).toContain(':mag: *2401.99999*: arXiv has no paper 2401.99999; check the id.');
    expect(text).toContain(':warning: *&lt;!channel&gt;*: That is not an arXiv id');
    expect(text).toContain(':warning: *2408.11039*: arXiv did not answer; try again later.');
    expect(libraryViolations(message)).toEqual([]);
  });

  it('keeps ten hostile results within Slack’s limits, escaped, pinging no one', () => {
    const result = fc.record({
      ref: hostile,
      status: fc.constantFrom(
        'added' as const,
        'already' as const,
        'not-found' as const,
        'failed' as const,
      ),
      message: hostile,
      title: hostile,
      addedBy: fc.oneof(hostile, fc.constant('U0ALICE')),
      channel: fc.oneof(hostile, fc.constant('C0LAB')),
      platform: fc.constantFrom('slack', 'discord', 'cli', 'terminal'),
    });
    fc.assert(
      fc.property(fc.array(result, { minLength: 1, maxLength: 10 }), (rows) => {
        const results: AddResult[] = rows.map((r) => ({
          ref: r.ref,
          status: r.status,
          message: r.message,
          ...(r.status === 'added' || r.status === 'already'
            ? {
                paper: libraryPaper({
                  title: r.title,
                  addedBy: r.addedBy,
                  channel: r.channel,
                  platform: r.platform,
                }),
              }
            : {}),
        }));
        const message = addMessage(results);
        expect(libraryViolations(message)).toEqual([]);
        expect(allText(message)).not.toMatch(/<!/);
      }),
      { numRuns: 150 },
    );
  });
});

describe('the placeholder of a fetch', () => {
  it('names the paper and the service asked', () => {
    expect(fetchingText(['2305.11206'])).toBe('Fetching 2305.11206 from arXiv…');
    expect(fetchingText(['https://arxiv.org/abs/2305.11206v2'])).toBe(
      'Fetching 2305.11206 from arXiv…',
    );
    expect(fetchingText(['https://doi.org/10.1145/3442188.3445922'])).toBe(
      'Looking up 10.1145/3442188.3445922 at Crossref and OpenAlex…',
    );
    expect(fetchingText(['2305.11206', '10.1145/3442188.3445922'])).toBe('Fetching 2 papers…');
  });
});

describe('a removal', () => {
  const removed: RemoveResult = {
    ref: '2305.11206',
    status: 'removed',
    id: '2305.11206',
    arxiv: '2305.11206',
    title: 'Small Instruction Sets Go a Long Way',
    message: 'Removed from the library; add it again to undo.',
    paper: libraryPaper(),
  };

  it('shows the paper and how to undo it, typed the way commands are typed there', () => {
    const message = removeMessage(removed, '@Shammie');
    const text = allText(message);
    expect(text).toContain(':wastebasket: *Removed from the library*');
    expect(text).toContain('Undo: `@Shammie add 2305.11206`');
    expect(removeMessage(removed, '').blocks.at(-1)).toMatchObject({
      elements: [{ text: 'arXiv:2305.11206' }, { text: 'Undo: `add 2305.11206`' }],
    });
    expect(message.text).toBe(
      'Removed from the library: Small Instruction Sets Go a Long Way (2023)',
    );
    expect(libraryViolations(message)).toEqual([]);
  });

  it('says plainly when no paper has that reference', () => {
    const message = removeMessage(
      {
        ref: '<!here> nothing',
        status: 'not-found',
        message: 'No paper in the library has that id, arXiv id or DOI.',
      },
      '/shammie',
    );
    expect(allText(message)).toContain(
      ':mag: *&lt;!here&gt; nothing*: No paper in the library has that id, arXiv id or DOI.',
    );
    expect(libraryViolations(message)).toEqual([]);
  });
});

describe('the library’s summary', () => {
  const summary: LibrarySummary = {
    total: 12,
    files: 10,
    library: 2,
    bySource: { chat: 1, arxiv: 0, doi: 0, import: 1 },
    removed: 1,
    recent: [
      {
        id: '2305.11206',
        arxiv: '2305.11206',
        title: 'Small <!channel> Instruction Sets',
        source: 'chat',
        addedBy: 'U0ALICE',
        platform: 'slack',
        channel: 'C0LAB',
        addedAt: ADDED_AT,
      },
      {
        id: 'doi:10.5555/x',
        doi: '10.5555/x',
        title: 'Imported',
        source: 'import',
        addedBy: 'ops',
        platform: 'cli',
        addedAt: ADDED_AT,
      },
    ],
    exportHint: EXPORT_HINT,
  };

  it('gives sizes by source, the last additions with who and where, and how to export', () => {
    const message = librarySummaryMessage(summary);
    const text = allText(message);
    expect(text).toContain(
      '*12* papers: 10 from the corpus files, 2 added to the library (from chat 1 · arXiv 0 · DOI 0 · imported 1).',
    );
    expect(text).toContain('1 removed (add one again to undo).');
    expect(text).toContain(
      '• <https://arxiv.org/abs/2305.11206|Small &lt;!channel&gt; Instruction Sets> — Added by <@U0ALICE> in <#C0LAB> on 2024-05-01',
    );
    expect(text).toContain(
      '• <https://doi.org/10.5555/x|Imported> — Added by ops from the command line on 2024-05-01',
    );
    expect(text).toContain(`\`${EXPORT_HINT}\``);
    expect(libraryViolations(message)).toEqual([]);
  });

  it('leaves out the additions of an empty library', () => {
    const message = librarySummaryMessage({ ...summary, library: 0, removed: 0, recent: [] });
    expect(allText(message)).not.toContain('Last additions');
    expect(allText(message)).not.toContain('removed');
  });
});
