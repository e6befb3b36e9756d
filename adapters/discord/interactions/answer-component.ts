import type { ButtonInteraction, StringSelectMenuInteraction } from 'discord.js';
import { buttonOutcome } from '../button-actions.ts';
import type { ButtonAction } from '../button-store.ts';
import { storeButtons } from '../pending-buttons.ts';
import { EPHEMERAL, toDiscordJs } from '../reply-payload.ts';
import { toReply } from '../to-reply.ts';
import { type InteractionDeps, isBigCorpus } from './interaction-deps.ts';
import { runSafely } from './run-safely.ts';

export type ComponentInteraction = ButtonInteraction | StringSelectMenuInteraction;

/**
 * A button press or a pick in a select menu: its stored action run, and the message it sits on
 * replaced by the result — or, for a notice or an action marked `aside` (the buttons under an
 * answer to /ask), a private answer that leaves the message alone.
 */
export async function answerComponent(
  interaction: ComponentInteraction,
  deps: InteractionDeps,
): Promise<void> {
  const action = deps.store.get(interaction.customId);
  const values = interaction.isStringSelectMenu() ? interaction.values : [];
  const deferred = action !== undefined && isBigCorpus(deps);
  if (deferred) await interaction.deferUpdate();
  const outcome = await runSafely(() => buttonOutcome(action, values, deps));
  const { view, back } = 'kind' in outcome ? { view: outcome, back: undefined } : outcome;
  const payload = storeButtons(deps.store, toReply(view, back ? { back } : {}));
  if (payload.flags === EPHEMERAL || isAside(action)) {
    // To the presser alone; the message everyone sees stays as it was.
    const privately = toDiscordJs({ ...payload, flags: EPHEMERAL });
    if (deferred) await interaction.followUp(privately);
    else await interaction.reply(privately);
    return;
  }
  // An update replaces the whole message: empty content clears the previous view's text.
  const { flags: _flags, ...rest } = payload;
  const update = toDiscordJs({ ...rest, content: rest.content ?? '' });
  if (deferred) await interaction.editReply(update);
  else await interaction.update(update);
}

function isAside(action: ButtonAction | undefined): boolean {
  return action !== undefined && 'aside' in action && action.aside === true;
}
