import type { AutocompleteInteraction } from 'discord.js';
import { autocompleteChoices } from '../autocomplete.ts';
import { loggableError } from '../safe-log.ts';
import type { InteractionDeps } from './interaction-deps.ts';

/** Suggestions for the option being typed; on any failure, none (it cannot show an error). */
export async function answerAutocomplete(
  interaction: AutocompleteInteraction,
  deps: Pick<InteractionDeps, 'engine' | 'logger'>,
): Promise<void> {
  const focused = interaction.options.getFocused(true);
  let choices: ReturnType<typeof autocompleteChoices> = [];
  try {
    choices = autocompleteChoices(deps.engine, focused.name, String(focused.value));
  } catch (error) {
    deps.logger.error(
      { err: loggableError(error), interactionId: interaction.id },
      'autocomplete failed',
    );
  }
  await interaction.respond(choices);
}
