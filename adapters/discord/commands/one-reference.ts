import { SlashCommandBuilder } from 'discord.js';
import { answer } from '../../../src/index.ts';
import { type AnyCommand, defineCommand } from './command-types.ts';
import { requiredText } from './option-readers.ts';
import { paperOption } from './paper-option.ts';

/** What differs between the commands whose one option is a paper. */
export interface OneReferenceSpec {
  /** The command's name, which is also the kind of chat request it answers. */
  name: 'paper' | 'summary' | 'similar';
  description: string;
  /** The `paper` option's description. */
  option: string;
  example: string;
  /** What a blank option is asked for again ("Please give a paper."). Default `a paper`. */
  what?: string;
}

/** `/NAME paper`: answered as chat answers `NAME paper`, the work deferred on a big corpus. */
export function oneReferenceCommand(spec: OneReferenceSpec): AnyCommand {
  const kind = spec.name;
  return defineCommand<{ ref: string }>({
    data: new SlashCommandBuilder()
      .setName(kind)
      .setDescription(spec.description)
      .addStringOption(paperOption(spec.option)),
    usage: 'paper',
    example: spec.example,
    scansCorpus: true,
    parse: (input) => ({ ref: requiredText(input, 'paper', spec.what ?? 'a paper') }),
    execute: ({ ref }, { engine, today, random }) =>
      answer(engine, { kind, ref }, { today: today(), random }),
  });
}
