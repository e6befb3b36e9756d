import { SlashCommandBuilder } from 'discord.js';
import { answer, MAX_QUERY_LENGTH } from '../../../src/index.ts';
import { defineCommand } from './command-types.ts';
import { checkLength, optionalText } from './option-readers.ts';

/** `/random [topic]`: a random paper, among a topic's matches when one is given. */
export const randomCommand = defineCommand<{ topic?: string }>({
  data: new SlashCommandBuilder()
    .setName('random')
    .setDescription('A random paper, optionally on a topic')
    .addStringOption((o) =>
      o
        .setName('topic')
        .setDescription('Pick among the papers matching this, e.g. diffusion')
        .setMaxLength(MAX_QUERY_LENGTH),
    ),
  usage: '[topic]',
  example: '/random topic:diffusion',
  scansCorpus: true,
  parse(input) {
    const topic = optionalText(input, 'topic');
    return topic ? { topic: checkLength(topic, 'topic') } : {};
  },
  execute: ({ topic }, { engine, today, random }) =>
    answer(engine, topic ? { kind: 'random', topic } : { kind: 'random' }, {
      today: today(),
      random,
    }),
});
