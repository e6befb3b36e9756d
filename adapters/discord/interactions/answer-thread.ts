import {
  ChannelType,
  type ChatInputCommandInteraction,
  DiscordAPIError,
  PermissionFlagsBits,
  Routes,
} from 'discord.js';
import { ASK_THREAD_ARCHIVE_MINUTES } from '../ask-threads.ts';
import type { SentAnswer } from '../commands/command-types.ts';
import { loggableError } from '../safe-log.ts';
import type { InteractionDeps } from './interaction-deps.ts';

/**
 * Opening a thread on a command's public answer. Discord gives a thread started from a message
 * the message's id, and refuses a second one with 160004, so a repeat after a lost answer
 * (rest-options.ts sends it again) still learns the thread's id.
 */

/** What the bot needs in a channel to open a thread on its answer there. */
const THREAD_PERMISSIONS = [
  PermissionFlagsBits.ViewChannel,
  PermissionFlagsBits.CreatePublicThreads,
  PermissionFlagsBits.ReadMessageHistory,
];
/** Channels whose messages can start a thread (not a thread itself, a forum or a voice chat). */
const THREADABLE = new Set<ChannelType>([ChannelType.GuildText, ChannelType.GuildAnnouncement]);
/** "A thread has already been created for this message". */
const THREAD_EXISTS = 160004;

/**
 * True when the bot may open a thread on a message where the command was used: in a server,
 * with the permissions (the interaction says which the bot has there), in a text or announcement
 * channel. A channel discord.js has not cached is tried; Discord's refusal is only logged.
 */
export function canOpenThreads(
  interaction: Pick<ChatInputCommandInteraction, 'guildId' | 'appPermissions' | 'channel'>,
): boolean {
  if (!interaction.guildId || !interaction.appPermissions.has(THREAD_PERMISSIONS)) return false;
  const { channel } = interaction;
  return !channel || THREADABLE.has(channel.type);
}

/**
 * The answer a command sent, with `messageId` when the send returned it (an edit does; a direct
 * reply does not, so it is read back when a thread is wanted).
 */
export function sentAnswer(
  interaction: ChatInputCommandInteraction,
  messageId: string | undefined,
  deps: Pick<InteractionDeps, 'logger'>,
): SentAnswer {
  return {
    async openThread(name) {
      let id = messageId;
      try {
        id ??= (await interaction.fetchReply()).id;
        const thread = (await interaction.client.rest.post(
          Routes.threads(interaction.channelId, id),
          { body: { name, auto_archive_duration: ASK_THREAD_ARCHIVE_MINUTES } },
        )) as { id: string };
        return thread.id;
      } catch (error) {
        if (id && error instanceof DiscordAPIError && error.code === THREAD_EXISTS) return id;
        deps.logger.warn(
          { platform: 'discord', err: loggableError(error), interactionId: interaction.id },
          'answer sent, but no thread could be opened on it',
        );
        return undefined;
      }
    },
  };
}
