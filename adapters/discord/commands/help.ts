import { SlashCommandBuilder } from 'discord.js';
import type { HelpEntry } from '../../../src/index.ts';
import { type AnyCommand, defineCommand } from './command-types.ts';

/** `/help`: every command with an example, and what the corpus holds. */
export function createHelpCommand(commands: () => readonly AnyCommand[]): AnyCommand {
  return defineCommand<Record<string, never>>({
    data: new SlashCommandBuilder()
      .setName('help')
      .setDescription('What Shammie can do, with examples, and what its corpus holds'),
    usage: '',
    example: '/help',
    scansCorpus: false,
    parse: () => ({}),
    execute: (_request, { engine }) => ({
      kind: 'help',
      entries: commands().map(helpEntry),
      stats: engine.stats(),
    }),
  });
}

function helpEntry(command: AnyCommand): HelpEntry {
  return {
    command: `/${command.name}`,
    usage: command.usage,
    example: command.example,
    description: command.data.description,
  };
}
