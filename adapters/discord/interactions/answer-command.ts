import { type ChatInputCommandInteraction, PermissionFlagsBits } from 'discord.js';
import { errorNotice, isShammieError, type NoticeView } from '../../../src/index.ts';
import type { CommandContext, PreparedCommand } from '../commands/command-types.ts';
import { COMMANDS_BY_NAME } from '../commands/index.ts';
import { readCommandInput } from '../commands/option-readers.ts';
import { createPacedEdits } from '../paced-edits.ts';
import { storeButtons } from '../pending-buttons.ts';
import { EPHEMERAL, type ReplyPayload, toDiscordJs } from '../reply-payload.ts';
import { loggableError } from '../safe-log.ts';
import { type DiscordView, noticeReply, toReply } from '../to-reply.ts';
import { canOpenThreads, sentAnswer } from './answer-thread.ts';
import { type InteractionDeps, isBigCorpus } from './interaction-deps.ts';
import { runSafely } from './run-safely.ts';

const UNKNOWN_COMMAND: NoticeView = {
  kind: 'notice',
  tone: 'info',
  text: 'I don’t know that command any more. Type / to see the current ones, or try /help.',
};

/**
 * A slash command: its options read and checked (a mistake gets its notice at once), the core
 * run — deferred first when it is slow (a model writes it; what is written so far is edited in,
 * paced) or scans a big corpus — the answer sent, and the command's after-step run on it.
 */
export async function answerCommand(
  interaction: ChatInputCommandInteraction,
  deps: InteractionDeps,
): Promise<void> {
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
  const context = commandContext(interaction, deps);
  // A refusal goes straight back, privately: deferring first would show "thinking…" to everyone.
  const deferred =
    !prepared.refuses(context) &&
    (prepared.slow(context) || (prepared.scansCorpus && isBigCorpus(deps)));
  if (deferred) await interaction.deferReply();
  const edits = createPacedEdits({
    ...(deps.editIntervalMs !== undefined ? { intervalMs: deps.editIntervalMs } : {}),
    ...deps.editClock,
    onError: (error) =>
      deps.logger.warn(
        { platform: 'discord', err: loggableError(error), interactionId: interaction.id },
        'could not show the answer so far',
      ),
  });
  // While a deferred answer grows, what there is so far replaces "thinking…", paced.
  const progress = (view: DiscordView) =>
    edits.show(() => interaction.editReply(toDiscordJs(storeButtons(deps.store, toReply(view)))));
  const view = await runSafely(() => prepared.run(deferred ? { ...context, progress } : context));
  const payload = storeButtons(deps.store, toReply(view));
  const messageId = await edits.finish(() => sendCommandReply(interaction, payload, deferred));
  if (prepared.afterReply && payload.flags !== EPHEMERAL) {
    await prepared.afterReply(view, sentAnswer(interaction, messageId, deps), context);
  }
}

function commandContext(
  interaction: ChatInputCommandInteraction,
  deps: InteractionDeps,
): CommandContext {
  const permissions = interaction.memberPermissions;
  return {
    engine: deps.engine,
    user: {
      id: interaction.user.id,
      // Manage Server where it was used (Administrator includes it); in a DM, no one is an admin.
      isAdmin:
        interaction.inGuild() && (permissions?.has(PermissionFlagsBits.ManageGuild) ?? false),
    },
    random: deps.random,
    today: deps.today,
    ...(deps.daily ? { daily: deps.daily } : {}),
    ...(deps.watch ? { watch: deps.watch } : {}),
    ...(deps.ask ? { ask: deps.ask } : {}),
    ...(deps.askThreads ? { askThreads: deps.askThreads } : {}),
    ...(deps.library ? { library: deps.library } : {}),
    place: {
      ...(interaction.channelId ? { channelId: interaction.channelId } : {}),
      ...(interaction.guildId ? { guildId: interaction.guildId } : {}),
      canManage:
        permissions?.any([PermissionFlagsBits.ManageGuild, PermissionFlagsBits.ManageChannels]) ??
        false,
      canOpenThreads: canOpenThreads(interaction),
      userId: interaction.user.id,
      manageServer: permissions?.has(PermissionFlagsBits.ManageGuild) ?? false,
    },
  };
}

/** Sends a command's answer, straight back or into the deferred reply; its message id if known. */
async function sendCommandReply(
  interaction: ChatInputCommandInteraction,
  payload: ReplyPayload,
  deferred: boolean,
): Promise<string | undefined> {
  if (!deferred) {
    await interaction.reply(toDiscordJs(payload));
    return undefined;
  }
  if (payload.flags === EPHEMERAL) {
    // The deferral was public; a private answer replaces it rather than showing to everyone.
    await interaction.deleteReply();
    await interaction.followUp(toDiscordJs(payload));
    return undefined;
  }
  return (await interaction.editReply(toDiscordJs(payload))).id;
}
