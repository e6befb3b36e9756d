import { type ChatInputCommandInteraction, PermissionFlagsBits } from 'discord.js';
import { errorNotice, isShammieError, type NoticeView } from '../../../src/index.ts';
import type { CommandContext, PreparedCommand } from '../commands/command-types.ts';
import { COMMANDS_BY_NAME } from '../commands/index.ts';
import { readCommandInput } from '../commands/option-readers.ts';
import { storeButtons } from '../pending-buttons.ts';
import { EPHEMERAL, type ReplyPayload, toDiscordJs } from '../reply-payload.ts';
import { noticeReply, toReply } from '../to-reply.ts';
import { type InteractionDeps, isBigCorpus } from './interaction-deps.ts';
import { runSafely } from './run-safely.ts';

const UNKNOWN_COMMAND: NoticeView = {
  kind: 'notice',
  tone: 'info',
  text: 'I don’t know that command any more. Type / to see the current ones, or try /help.',
};

/**
 * A slash command: its options read and checked (a mistake gets its notice at once), the core
 * run — deferred first when it scans a big corpus — and the answer sent.
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
  const deferred = prepared.scansCorpus && isBigCorpus(deps);
  if (deferred) await interaction.deferReply();
  const view = await runSafely(() => prepared.run(commandContext(interaction, deps)));
  await sendCommandReply(interaction, storeButtons(deps.store, toReply(view)), deferred);
}

function commandContext(
  interaction: ChatInputCommandInteraction,
  deps: InteractionDeps,
): CommandContext {
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
