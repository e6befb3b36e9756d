import { addCommand } from './add.ts';
import { askCommand } from './ask.ts';
import { citeCommand } from './cite.ts';
import type { AnyCommand } from './command-types.ts';
import { dailyCommand } from './daily.ts';
import { createHelpCommand } from './help.ts';
import { libraryCommand } from './library.ts';
import { paperCommand } from './paper.ts';
import { randomCommand } from './random.ts';
import { removeCommand } from './remove.ts';
import { searchCommand } from './search.ts';
import { similarCommand } from './similar.ts';
import { summaryCommand } from './summary.ts';
import { watchCommand } from './watch.ts';

/** Every slash command, in the order /help lists them. Listed by hand, never discovered. */
export const COMMANDS: readonly AnyCommand[] = [
  searchCommand,
  paperCommand,
  summaryCommand,
  randomCommand,
  similarCommand,
  citeCommand,
  dailyCommand,
  watchCommand,
  askCommand,
  addCommand,
  removeCommand,
  libraryCommand,
  createHelpCommand(() => COMMANDS),
];

/** The commands by name. */
export const COMMANDS_BY_NAME: ReadonlyMap<string, AnyCommand> = new Map(
  COMMANDS.map((command) => [command.name, command]),
);

/** The definitions Discord registers. */
export function commandDefinitions() {
  return COMMANDS.map((command) => command.data);
}
