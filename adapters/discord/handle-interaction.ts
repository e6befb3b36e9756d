import {
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  PermissionFlagsBits,
  type StringSelectMenuInteraction,
} from 'discord.js';
import {
  APOLOGY,
  type Engine,
  errorNotice,
  isShammieError,
  type NoticeView,
} from '../../src/index.ts';
import type { DailyCommands } from '../shared/daily-port.ts';
import type { Logger } from '../shared/logger.ts';
import { type RateLimiter, rateKey, rateLimitText } from '../shared/rate-limit.ts';
import { autocompleteChoices } from './autocomplete.ts';
import { buttonOutcome } from './button-actions.ts';
import type { ButtonStore } from './button-store.ts';
import type { CommandContext, PreparedCommand } from './commands/command-types.ts';
import { COMMANDS_BY_NAME } from './commands/index.ts';
import { readCommandInput } from './commands/option-readers.ts';
import { mayHaveLanded } from './daily-poster.ts';
import { createInteractionLimits, type InteractionLimits } from './interaction-limits.ts';
import { EPHEMERAL, type ReplyPayload, toDiscordJs } from './reply-payload.ts';
import { InteractionDeadlineError, UncertainWriteError } from './rest-options.ts';
import { loggableError } from './safe-log.ts';
import { noticeReply, toReply } from './to-reply.ts';

/**
 * Above this many papers, work that scans the corpus is deferred first (Discord shows
 * "Shammie is thinking…") and the answer edits it in. Below it, a search takes a few
 * milliseconds and the answer goes straight back, one HTTP call instead of two.
 */
export const DEFAULT_DEFER_ABOVE_PAPERS = 20_000;

/** Everything answering interactions needs; injected so tests control time and randomness. */
export interface InteractionDeps {
  engine: Engine;
  logger: Logger;
  store: ButtonStore;
  random: () => number;
  /** Today's local date (YYYY-MM-DD). */
  today: () => string;
  daily?: DailyCommands;
  deferAbovePapers?: number;
  /** Per-user rate limits; the defaults of `interaction-limits.ts` on the real clock if absent. */
  limits?: InteractionLimits;
}

const UNKNOWN_COMMAND: NoticeView = {
  kind: 'notice',
  tone: 'info',
  text: 'I don’t know that command any more. Type / to see the current ones, or try /help.',
};

type ComponentInteraction = ButtonInteraction | StringSelectMenuInteraction;
type Repliable = ChatInputCommandInteraction | ComponentInteraction;

/**
 * Answers every interaction. Never throws: user errors get an ephemeral notice, anything else
 * is logged with the interaction id and the user sees a short apology.
 */
export function createInteractionHandler(deps: InteractionDeps) {
  const threshold = deps.deferAbovePapers ?? DEFAULT_DEFER_ABOVE_PAPERS;
  const big = () => deps.engine.papers.length > threshold;
  const limits = deps.limits ?? createInteractionLimits({ now: Date.now });

  /** Takes a token from the user's bucket; the wait in ms when they are over the limit. */
  function overLimit(limiter: RateLimiter, interaction: Interaction): number | undefined {
    const decision = limiter.take(rateKey('discord', interaction.user.id));
    if (decision.allowed) return undefined;
    deps.logger.info(
      {
        interactionId: interaction.id,
        userId: interaction.user.id,
        retryAfterMs: decision.retryAfterMs,
      },
      'interaction rate limited',
    );
    return decision.retryAfterMs;
  }

  async function onCommand(interaction: ChatInputCommandInteraction): Promise<void> {
    const command = COMMANDS_BY_NAME.get(interaction.commandName);
    if (!command) {
      await interaction.reply(toDiscordJs(noticeReply(UNKNOWN_COMMAND)));
      return;
    }
    let prepared: PreparedCommand;
    try {
      prepared = command.prepare(readCommandInput(command.name, interaction.options.data));
    } catch (error) {
      if (!isShammieError(error)) throw error;
      await interaction.reply(toDiscordJs(noticeReply(errorNotice(error))));
      return;
    }
    const deferred = prepared.scansCorpus && big();
    if (deferred) await interaction.deferReply();
    const view = await runSafely(() => prepared.run(commandContext(interaction)));
    await sendCommandReply(interaction, toReply(view, { store: deps.store }), deferred);
  }

  function commandContext(interaction: ChatInputCommandInteraction): CommandContext {
    const permissions = interaction.memberPermissions;
    return {
      engine: deps.engine,
      random: deps.random,
      today: deps.today,
      ...(deps.daily ? { daily: deps.daily } : {}),
      place: {
        ...(interaction.channelId ? { channelId: interaction.channelId } : {}),
        ...(interaction.guildId ? { guildId: interaction.guildId } : {}),
        canManage:
          permissions?.any([PermissionFlagsBits.ManageGuild, PermissionFlagsBits.ManageChannels]) ??
          false,
      },
    };
  }

  async function onComponent(interaction: ComponentInteraction): Promise<void> {
    const action = deps.store.get(interaction.customId);
    const values = interaction.isStringSelectMenu() ? interaction.values : [];
    const deferred = action !== undefined && big();
    if (deferred) await interaction.deferUpdate();
    const outcome = await runSafely(() => buttonOutcome(action, values, deps));
    const { view, back } = 'kind' in outcome ? { view: outcome, back: undefined } : outcome;
    const payload = toReply(view, { store: deps.store, ...(back ? { back } : {}) });
    if (payload.flags === EPHEMERAL) {
      // A notice goes to the presser alone; the message everyone sees stays as it was.
      if (deferred) await interaction.followUp(toDiscordJs(payload));
      else await interaction.reply(toDiscordJs(payload));
      return;
    }
    // An update replaces the whole message: empty content clears the previous view's text.
    const { flags: _flags, ...rest } = payload;
    const update = toDiscordJs({ ...rest, content: rest.content ?? '' });
    if (deferred) await interaction.editReply(update);
    else await interaction.update(update);
  }

  async function onAutocomplete(interaction: AutocompleteInteraction): Promise<void> {
    const focused = interaction.options.getFocused(true);
    let choices: ReturnType<typeof autocompleteChoices> = [];
    try {
      choices = autocompleteChoices(deps.engine, focused.name, String(focused.value));
    } catch (error) {
      // An autocomplete cannot show an error: log it and offer nothing.
      deps.logger.error(
        { err: loggableError(error), interactionId: interaction.id },
        'autocomplete failed',
      );
    }
    await interaction.respond(choices);
  }

  return async function handleInteraction(interaction: Interaction): Promise<void> {
    const started = Date.now();
    try {
      // The limit is checked before any core work: an over-eager script costs one small reply.
      if (interaction.isAutocomplete()) {
        if (overLimit(limits.autocomplete, interaction) !== undefined) {
          // An autocomplete cannot show an error; an empty list for a moment is kinder.
          await interaction.respond([]);
          return;
        }
        await onAutocomplete(interaction);
      } else if (
        interaction.isChatInputCommand() ||
        interaction.isButton() ||
        interaction.isStringSelectMenu()
      ) {
        const wait = overLimit(limits.commands, interaction);
        if (wait !== undefined) {
          // Ephemeral for commands and buttons alike: the message a button sits on stays as it was.
          await interaction.reply(toDiscordJs(noticeReply(rateLimitNotice(wait))));
          return;
        }
        if (interaction.isChatInputCommand()) await onCommand(interaction);
        else await onComponent(interaction);
      } else return;
      deps.logger.debug(
        { interactionId: interaction.id, kind: interaction.type, ms: Date.now() - started },
        'interaction answered',
      );
    } catch (error) {
      await onFailure(interaction, error, deps.logger);
    }
  };
}

/** What a user over the rate limit is told (privately). */
export function rateLimitNotice(retryAfterMs: number): NoticeView {
  return { kind: 'notice', tone: 'info', text: rateLimitText(retryAfterMs) };
}

/** Runs the core; a user-caused error becomes its notice, anything else propagates. */
async function runSafely<T extends object>(work: () => T | Promise<T>): Promise<T | NoticeView> {
  try {
    return await work();
  } catch (error) {
    if (isShammieError(error)) return errorNotice(error);
    throw error;
  }
}

/** Sends a command's answer: straight back, or into the deferred reply. */
async function sendCommandReply(
  interaction: ChatInputCommandInteraction,
  payload: ReplyPayload,
  deferred: boolean,
): Promise<void> {
  if (!deferred) {
    await interaction.reply(toDiscordJs(payload));
  } else if (payload.flags === EPHEMERAL) {
    // The deferral was public; a private answer replaces it rather than showing to everyone.
    await interaction.deleteReply();
    await interaction.followUp(toDiscordJs(payload));
  } else {
    await interaction.editReply(toDiscordJs(payload));
  }
}

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
async function onFailure(interaction: Interaction, error: unknown, logger: Logger): Promise<void> {
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
