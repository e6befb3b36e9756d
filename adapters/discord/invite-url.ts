import { PermissionFlagsBits } from 'discord.js';

/**
 * The permissions Shammie asks for when invited, and why each one. Answers to slash commands
 * and buttons need none (they go through the interaction's own webhook); these are for the
 * daily post, which Shammie sends to a channel by itself:
 * - View Channel, Send Messages: see the channel and post the paper of the day in it;
 * - Embed Links: the post is an embed (without it Discord drops the embed);
 * - Create Public Threads: open the "Discuss: …" thread on the post;
 * - Send Messages in Threads: post in that thread;
 * - Read Message History: starting a thread from a message requires access to that message.
 * Nothing else: no Administrator, no Mention Everyone, no Manage Messages.
 */
export const BOT_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.CreatePublicThreads |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.ReadMessageHistory;

/** The link a server admin opens to add the bot: scopes `bot` and `applications.commands`. */
export function inviteUrl(applicationId: string): string {
  const params = new URLSearchParams({
    client_id: applicationId,
    scope: 'bot applications.commands',
    permissions: BOT_PERMISSIONS.toString(),
  });
  return `https://discord.com/oauth2/authorize?${params.toString()}`;
}
