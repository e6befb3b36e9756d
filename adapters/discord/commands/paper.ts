import { SlashCommandBuilder } from 'discord.js';
import { answer } from '../../../src/index.ts';
import { defineCommand } from './command-types.ts';
import { requiredText } from './option-readers.ts';
import { paperOption } from './paper-option.ts';

/** `/paper paper`: one paper with its abstract. */
export const paperCommand = defineCommand<{ ref: string }>({
  data: new SlashCommandBuilder()
    .setName('paper')
    .setDescription('Show one paper with its abstract')
    .addStringOption(paperOption('Title words, an arXiv id or URL, or a DOI')),
  usage: 'paper',
  example: '/paper paper:LIMA',
  scansCorpus: true,
  parse: (input) => ({ ref: requiredText(input, 'paper', 'a paper') }),
  execute: ({ ref }, { engine, today, random }) =>
    answer(engine, { kind: 'paper', ref }, { today: today(), random }),
});
