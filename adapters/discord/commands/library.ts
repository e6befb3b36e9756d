import { SlashCommandBuilder } from 'discord.js';
import { defineCommand } from './command-types.ts';

/**
 * `/library`: the library's size by source, its last additions (who, where, when) and how to
 * export it. Without a library, how many papers the corpus files give and that none can be
 * added here.
 */
export const libraryCommand = defineCommand<Record<string, never>>({
  data: new SlashCommandBuilder()
    .setName('library')
    .setDescription('How many papers the library holds, by source, and the last additions'),
  usage: '',
  example: '/library',
  // Counting the corpus files' papers takes milliseconds even at 200,000: never deferred, so the
  // private answer is never preceded by a public "thinking…".
  scansCorpus: false,
  parse: () => ({}),
  execute(_request, { library, engine }) {
    if (!library) {
      const n = engine.papers.length;
      return {
        kind: 'notice',
        tone: 'info',
        text: `${n} ${n === 1 ? 'paper' : 'papers'}, all from the corpus files: this bot runs without a library, so papers cannot be added or removed here.`,
      };
    }
    return { kind: 'library-summary', summary: library.summary() };
  },
});
