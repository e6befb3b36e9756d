import type { CliCommand } from '../cli-context.ts';
import { addCommand } from './add.ts';
import { askCommand } from './ask.ts';
import { chatCommand } from './chat.ts';
import { citeCommand } from './cite.ts';
import { dailyCommand } from './daily.ts';
import { discordRegisterCommand } from './discord-register.ts';
import { exportCommand } from './export.ts';
import { importCommand } from './import.ts';
import { libraryCommand } from './library.ts';
import { paperCommand } from './paper.ts';
import { randomCommand } from './random.ts';
import { removeCommand } from './remove.ts';
import { searchCommand } from './search.ts';
import { similarCommand } from './similar.ts';
import { summaryCommand } from './summary.ts';
import { tldrCommand } from './tldr.ts';
import { watchCommand } from './watch.ts';

/** Every `shammie` command, in the order `shammie --help` lists them. */
export const CLI_COMMANDS: readonly CliCommand[] = [
  searchCommand,
  askCommand,
  paperCommand,
  summaryCommand,
  similarCommand,
  citeCommand,
  randomCommand,
  dailyCommand,
  tldrCommand,
  addCommand,
  removeCommand,
  libraryCommand,
  importCommand,
  exportCommand,
  watchCommand,
  chatCommand,
  discordRegisterCommand,
];
