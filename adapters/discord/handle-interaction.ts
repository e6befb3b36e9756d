import type { Interaction } from 'discord.js';
import type { NoticeView } from '../../src/index.ts';
import type { Logger } from '../shared/logger.ts';
import { type RateLimiter, rateKey, rateLimitText } from '../shared/rate-limit.ts';
import { createAskThreads } from './ask-threads.ts';
import { createInteractionLimits } from './interaction-limits.ts';
import { afterFailure } from './interactions/after-failure.ts';
import { answerAutocomplete } from './interactions/answer-autocomplete.ts';
import { answerCommand } from './interactions/answer-command.ts';
import { answerComponent } from './interactions/answer-component.ts';
import { answerWatchButton } from './interactions/answer-watch-button.ts';
import type { InteractionDeps } from './interactions/interaction-deps.ts';
import { toDiscordJs } from './reply-payload.ts';
import { noticeReply } from './to-reply.ts';
import { isWatchButtonId } from './watch-buttons.ts';

export {
  DEFAULT_DEFER_ABOVE_PAPERS,
  type InteractionDeps,
} from './interactions/interaction-deps.ts';

/**
 * Answers every interaction: the per-user rate limit first (before any core work: an
 * over-eager script costs one small reply), then the job of its kind (`interactions/`).
 * Never throws: user errors get an ephemeral notice, anything else is logged with the
 * interaction id and the user sees a short apology (`after-failure.ts`).
 */
export function createInteractionHandler(given: InteractionDeps) {
  const limits = given.limits ?? createInteractionLimits({ now: Date.now });
  // One memory of /ask threads per handler, so follow-ups work whoever built the deps.
  const deps: InteractionDeps = { ...given, askThreads: given.askThreads ?? createAskThreads() };

  return async function handleInteraction(interaction: Interaction): Promise<void> {
    const started = Date.now();
    try {
      if (interaction.isAutocomplete()) {
        if (overLimit(limits.autocomplete, interaction, deps.logger) !== undefined) {
          // An autocomplete cannot show an error; an empty list for a moment is kinder.
          await interaction.respond([]);
          return;
        }
        await answerAutocomplete(interaction, deps);
      } else if (
        interaction.isChatInputCommand() ||
        interaction.isButton() ||
        interaction.isStringSelectMenu()
      ) {
        const wait = overLimit(limits.commands, interaction, deps.logger);
        if (wait !== undefined) {
          // Ephemeral for commands and buttons alike: the message a button sits on stays as it was.
          await interaction.reply(toDiscordJs(noticeReply(rateLimitNotice(wait))));
          return;
        }
        if (interaction.isChatInputCommand()) await answerCommand(interaction, deps);
        else if (interaction.isButton() && isWatchButtonId(interaction.customId)) {
          await answerWatchButton(interaction, deps);
        } else await answerComponent(interaction, deps);
      } else return;
      deps.logger.debug(
        { interactionId: interaction.id, kind: interaction.type, ms: Date.now() - started },
        'interaction answered',
      );
    } catch (error) {
      await afterFailure(interaction, error, deps.logger);
    }
  };
}

/** Takes a token from the user's bucket; the wait in ms when they are over the limit. */
function overLimit(
  limiter: RateLimiter,
  interaction: Interaction,
  logger: Logger,
): number | undefined {
  const decision = limiter.take(rateKey('discord', interaction.user.id));
  if (decision.allowed) return undefined;
  logger.info(
    {
      interactionId: interaction.id,
      userId: interaction.user.id,
      retryAfterMs: decision.retryAfterMs,
    },
    'interaction rate limited',
  );
  return decision.retryAfterMs;
}

/** What a user over the rate limit is told (privately). */
export function rateLimitNotice(retryAfterMs: number): NoticeView {
  return { kind: 'notice', tone: 'info', text: rateLimitText(retryAfterMs) };
}
