import { SlashCommandBuilder } from 'discord.js';
import { answer, CITATION_FORMATS, type CitationFormat, ShammieError } from '../../../src/index.ts';
import { defineCommand } from './command-types.ts';
import { optionalText, requiredText } from './option-readers.ts';
import { paperOption } from './paper-option.ts';

const FORMAT_NAMES: Record<CitationFormat, string> = {
  bibtex: 'BibTeX',
  apa: 'APA',
  mla: 'MLA',
};

/** `/cite paper [format]`: a citation in a code block, BibTeX unless asked otherwise. */
export const citeCommand = defineCommand<{ ref: string; format: CitationFormat }>({
  data: new SlashCommandBuilder()
    .setName('cite')
    .setDescription('A citation of a paper, BibTeX by default')
    .addStringOption(paperOption('The paper to cite'))
    .addStringOption((o) =>
      o
        .setName('format')
        .setDescription('Citation style (default BibTeX)')
        .addChoices(...CITATION_FORMATS.map((f) => ({ name: FORMAT_NAMES[f], value: f }))),
    ),
  usage: 'paper [format]',
  example: '/cite paper:2305.11206 format:APA',
  scansCorpus: true,
  parse(input) {
    const ref = requiredText(input, 'paper', 'a paper');
    const format = (optionalText(input, 'format') ?? 'bibtex').toLowerCase();
    if (!(CITATION_FORMATS as readonly string[]).includes(format)) {
      throw new ShammieError('BAD_FORMAT', `There is no citation format “${format.slice(0, 40)}”.`);
    }
    return { ref, format: format as CitationFormat };
  },
  execute: ({ ref, format }, { engine, today, random }) =>
    answer(engine, { kind: 'cite', ref, format }, { today: today(), random }),
});
