import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { paperChoices } from '../../../adapters/discord/autocomplete.ts';
import { buttonOutcome } from '../../../adapters/discord/button-actions.ts';
import { createButtonStore } from '../../../adapters/discord/button-store.ts';
import type {
  CommandContext,
  OptionValue,
} from '../../../adapters/discord/commands/command-types.ts';
import { COMMANDS_BY_NAME } from '../../../adapters/discord/commands/index.ts';
import { choiceProblems, limitProblems } from '../../../adapters/discord/limits.ts';
import type { DiscordView } from '../../../adapters/discord/to-reply.ts';
import {
  createEngine,
  type Engine,
  errorNotice,
  isShammieError,
  type Paper,
} from '../../../src/index.ts';
import { hostileShort, hostileText } from './hostile-text.ts';
import { storedReply } from './stored-reply.ts';

const hostilePaper = (i: number): fc.Arbitrary<Paper> =>
  fc.record({
    id: fc.constant(`paper-${i}`),
    title: fc.oneof(hostileText, fc.constant('Long context attention')),
    abstract: fc.oneof(hostileText, fc.constant('We study long context attention. It works well.')),
    authors: fc.array(hostileShort, { minLength: 0, maxLength: 12 }),
    year: fc.integer({ min: 1900, max: 2100 }),
    venue: hostileShort,
    url: fc.oneof(hostileShort, fc.webUrl()),
    arxiv: fc.constant(`2401.${String(10000 + i)}`),
  });

const corpus: fc.Arbitrary<Paper[]> = fc
  .integer({ min: 1, max: 6 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => hostilePaper(i))));

async function view(
  engine: Engine,
  name: string,
  options: Record<string, OptionValue>,
  subcommand?: string,
): Promise<DiscordView> {
  const context: CommandContext = {
    engine,
    random: () => 0.3,
    today: () => '2026-05-01',
    place: { channelId: '1', guildId: '2', canManage: true },
  };
  try {
    const command = COMMANDS_BY_NAME.get(name);
    if (!command) throw new Error(name);
    const prepared = command.prepare({ name, options, ...(subcommand ? { subcommand } : {}) });
    return await prepared.run(context);
  } catch (error) {
    // What the handler does with a user-caused error.
    if (isShammieError(error)) return errorNotice(error);
    throw error;
  }
}

describe('replies built from a hostile corpus and hostile queries by the real engine', () => {
  it('always fit Discord, whatever the command, button or autocomplete', async () => {
    await fc.assert(
      fc.asyncProperty(corpus, hostileText, async (papers, query) => {
        const engine = await createEngine(papers);
        const store = createButtonStore();
        const views: DiscordView[] = [
          await view(engine, 'search', { query, limit: 10 }),
          await view(engine, 'search', { query: 'long context' }),
          await view(engine, 'paper', { paper: 'paper-0' }),
          await view(engine, 'paper', { paper: query }),
          await view(engine, 'summary', { paper: 'paper-0' }),
          await view(engine, 'summary', { paper: query }),
          await view(engine, 'similar', { paper: 'paper-0' }),
          await view(engine, 'cite', { paper: 'paper-0' }),
          await view(engine, 'cite', { paper: 'paper-0', format: 'apa' }),
          await view(engine, 'random', { topic: query }),
          await view(engine, 'random', {}),
          await view(engine, 'daily', {}, 'show'),
          await view(engine, 'help', {}),
        ];
        for (const v of views) {
          const reply = storedReply(v, { store });
          expect(limitProblems(reply)).toEqual([]);
          // Press every button the reply has: what they lead to fits too.
          for (const row of reply.components) {
            for (const component of row.components) {
              if (!('custom_id' in component) || component.disabled) continue;
              const outcome = buttonOutcome(store.get(component.custom_id), ['0'], {
                engine,
                random: () => 0.7,
                today: () => '2026-05-01',
              });
              const next = storedReply(outcome.view, {
                store,
                ...(outcome.back ? { back: outcome.back } : {}),
              });
              expect(limitProblems(next)).toEqual([]);
            }
          }
        }
        expect(choiceProblems(paperChoices(engine, query))).toEqual([]);
        expect(choiceProblems(paperChoices(engine, ''))).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });
});
