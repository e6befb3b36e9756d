import type { SlashCommandSubcommandBuilder } from 'discord.js';

/**
 * The `time` and `timezone` options of a subcommand that posts on a schedule (`/daily
 * subscribe`, `/watch add`): the same names, limits and zone autocomplete for both.
 */
export function withScheduleOptions(
  subcommand: SlashCommandSubcommandBuilder,
): SlashCommandSubcommandBuilder {
  return subcommand
    .addStringOption((o) =>
      o.setName('time').setDescription('When, as HH:MM (24-hour), e.g. 09:00').setMaxLength(5),
    )
    .addStringOption((o) =>
      o
        .setName('timezone')
        .setDescription('Time zone of that time, e.g. Europe/Paris')
        .setAutocomplete(true)
        .setMaxLength(64),
    );
}
