import { SlashCommandBuilder } from 'discord.js';
import { defineCommand } from './command-types.ts';
import { libraryFor, refusesLibrary } from './library-access.ts';
import { requiredText } from './option-readers.ts';
import { paperOption } from './paper-option.ts';

/**
 * `/remove paper`: hides a paper (a corpus-file paper too) from every command; adding it again
 * undoes it. By default only members with Manage Server may (SHAMMIE_LIBRARY_EDITORS); anyone
 * else is refused at once, privately.
 */
export const removeCommand = defineCommand<{ ref: string }>({
  data: new SlashCommandBuilder()
    .setName('remove')
    .setDescription('Remove (hide) a paper from the library; add it again to undo')
    .addStringOption(paperOption('The paper to remove: pick one from the list')),
  usage: 'paper',
  example: '/remove paper:2305.11206',
  // Removing changes the index: on a big corpus that may take a moment.
  scansCorpus: true,
  refuses: (_request, context) => refusesLibrary(context, 'remove'),
  parse: (input) => ({ ref: requiredText(input, 'paper', 'the paper to remove') }),
  async execute({ ref }, context) {
    const { library, user, by } = libraryFor(context);
    // Title words (typed rather than picked) name the paper the engine finds for them, if any.
    const paper = context.engine.lookup(ref);
    const result = await library.remove(paper?.id ?? ref, user);
    return { kind: 'library-remove', result, by };
  },
});
