import type {
  ButtonInteraction,
  ChatInputCommandInteraction,
  Interaction,
  StringSelectMenuInteraction,
} from 'discord.js';
import { APOLOGY } from '../../../src/index.ts';
import type { Logger } from '../../shared/logger.ts';
import { mayHaveLanded } from '../daily-poster.ts';
import { toDiscordJs } from '../reply-payload.ts';
import { InteractionDeadlineError, UncertainWriteError } from '../rest-options.ts';
import { loggableError } from '../safe-log.ts';
import { noticeReply } from '../to-reply.ts';

type Repliable = ChatInputCommandInteraction | ButtonInteraction | StringSelectMenuInteraction;

const APOLOGY_PAYLOAD = noticeReply({
  kind: 'notice',
  tone: 'error',
  code: 'INTERNAL',
  text: APOLOGY,
});

/**
 * After a failed interaction: logs it, and apologises unless the answer may already be in
 * front of the user. A follow-up whose outcome is unknown is not followed by anything (it may
 * have landed); a deferred command's answer whose edit failed uncertainly is read back first
 * (the original response, which Discord lets the bot read), and counts as sent if it is there.
 */
export async function afterFailure(
  interaction: Interaction,
  error: unknown,
  logger: Logger,
): Promise<void> {
  const fields = {
    platform: 'discord',
    err: loggableError(error),
    interactionId: interaction.id,
    kind: interaction.type,
  };
  if (!interaction.isChatInputCommand() && !interaction.isMessageComponent()) {
    logger.error(fields, 'interaction failed');
    return;
  }
  if (error instanceof UncertainWriteError) {
    logger.warn(
      { ...fields, outcome: 'not repeated' },
      'interaction answer may have been delivered; not sent again, no apology',
    );
    return;
  }
  if (await answerLanded(interaction as Repliable, error)) {
    logger.warn(
      { ...fields, outcome: 'answered once' },
      'interaction answer had landed although its request failed; not sent again',
    );
    return;
  }
  logger.error(fields, 'interaction failed');
  await apologize(interaction as Repliable, logger);
}

/** Discord's flag on a deferred response still showing "thinking…". */
const LOADING = 128;

/**
 * True when a deferred command's answer was edited in although the edit failed in a way that
 * hides its outcome: the original response is read back and no longer "thinking…".
 */
async function answerLanded(interaction: Repliable, error: unknown): Promise<boolean> {
  if (!interaction.isChatInputCommand() || !interaction.deferred || !mayHaveLanded(error)) {
    return false;
  }
  if (error instanceof InteractionDeadlineError) return false;
  try {
    const original = await interaction.fetchReply();
    return (original.flags.bitfield & LOADING) === 0;
  } catch {
    return false;
  }
}

/** Tells the user something went wrong, however far the interaction got; never throws. */
async function apologize(interaction: Repliable, logger: Logger): Promise<void> {
  try {
    const message = toDiscordJs(APOLOGY_PAYLOAD);
    if (interaction.deferred && !interaction.replied) {
      // A deferred command shows "thinking…" to everyone: remove it. (A deferred button's
      // reply is the message it sits on, which stays.)
      if (interaction.isChatInputCommand()) await interaction.deleteReply().catch(() => undefined);
      await interaction.followUp(message);
    } else if (interaction.replied) {
      await interaction.followUp(message);
    } else {
      await interaction.reply(message);
    }
  } catch (error) {
    logger.warn(
      { platform: 'discord', err: loggableError(error), interactionId: interaction.id },
      'could not send the apology',
    );
  }
}
