import type { CliCommand } from '../cli-context.ts';
import { askCommand } from './ask.ts';
import { chatCommand } from './chat.ts';
import { citeCommand } from './cite.ts';
import { dailyCommand } from './daily.ts';
import { discordRegisterCommand } from './discord-register.ts';
import { paperCommand } from './paper.ts';
import { randomCommand } from './random.ts';
import { searchCommand } from './search.ts';
import { similarCommand } from './similar.ts';
import { summaryCommand } from './summary.ts';
import { tldrCommand } from './tldr.ts';

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
  chatCommand,
  discordRegisterCommand,
];
