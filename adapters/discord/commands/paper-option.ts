import { SlashCommandStringOption } from 'discord.js';
import { MAX_QUERY_LENGTH } from '../../../src/index.ts';

/** The `paper` option of every paper command: autocompleted, but any reference is accepted. */
export function paperOption(description: string): SlashCommandStringOption {
  return new SlashCommandStringOption()
    .setName('paper')
    .setDescription(description)
    .setRequired(true)
    .setAutocomplete(true)
    .setMaxLength(MAX_QUERY_LENGTH);
}
