import { SlashCommandBuilder } from 'discord.js';
import { answer } from '../../../src/index.ts';
import { defineCommand } from './command-types.ts';
import { requiredText } from './option-readers.ts';
import { paperOption } from './paper-option.ts';

/** `/summary paper`: a paper's TL;DR and key points, or a digest when it names a topic. */
export const summaryCommand = defineCommand<{ ref: string }>({
  data: new SlashCommandBuilder()
    .setName('summary')
    .setDescription(
      'A TL;DR and key points of a paper, or a digest of a topic (topic:… forces a digest)',
    )
    .addStringOption(
      paperOption('A paper, or any topic for a digest; topic:… or paper:… forces either'),
    ),
  usage: 'paper',
  example: '/summary paper:megalodon',
  scansCorpus: true,
  parse: (input) => ({ ref: requiredText(input, 'paper', 'a paper or a topic') }),
  execute: ({ ref }, { engine, today, random }) =>
    answer(engine, { kind: 'summary', ref }, { today: today(), random }),
});
