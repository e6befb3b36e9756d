import { SlashCommandBuilder } from 'discord.js';
import { answer } from '../../../src/index.ts';
import { defineCommand } from './command-types.ts';
import { requiredText } from './option-readers.ts';
import { paperOption } from './paper-option.ts';

/** `/similar paper`: papers that share its distinctive terms. */
export const similarCommand = defineCommand<{ ref: string }>({
  data: new SlashCommandBuilder()
    .setName('similar')
    .setDescription('Papers that share the distinctive terms of a paper')
    .addStringOption(paperOption('The paper to start from')),
  usage: 'paper',
  example: '/similar paper:Transfusion',
  scansCorpus: true,
  parse: (input) => ({ ref: requiredText(input, 'paper', 'a paper') }),
  execute: ({ ref }, { engine, today, random }) =>
    answer(engine, { kind: 'similar', ref }, { today: today(), random }),
});
