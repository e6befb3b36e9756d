import { type ButtonInteraction, PermissionFlagsBits } from 'discord.js';
import type { NoticeView } from '../../../src/index.ts';
import type { ChannelRef } from '../../shared/daily-port.ts';
import { toDiscordJs } from '../reply-payload.ts';
import { noticeReply } from '../to-reply.ts';
import { decodeWatchButton } from '../watch-buttons.ts';
import type { InteractionDeps } from './interaction-deps.ts';

/** Said when a watch button is pressed on a bot that runs without the watch service. */
export const WATCH_BUTTONS_OFF =
  'Watches are not enabled on this bot any more, so this button does nothing now.';
/** Said for a watch button whose id does not read (from a newer or older version). */
export const WATCH_BUTTON_UNKNOWN = 'That button is not one I know any more.';

/**
 * A press of More like this, Not for us or Save under a watch post: the feedback goes to the
 * watch service for the channel the post is in, from the member who pressed (an admin when they
 * can Manage Server), and the answer goes to them alone. The shared post is never edited.
 */
export async function answerWatchButton(
  interaction: ButtonInteraction,
  deps: Pick<InteractionDeps, 'watch'>,
): Promise<void> {
  const reply = (notice: NoticeView) => interaction.reply(toDiscordJs(noticeReply(notice)));
  const button = decodeWatchButton(interaction.customId);
  if (!button) {
    await reply({ kind: 'notice', tone: 'info', text: WATCH_BUTTON_UNKNOWN });
    return;
  }
  if (!deps.watch) {
    await reply({ kind: 'notice', tone: 'info', text: WATCH_BUTTONS_OFF });
    return;
  }
  const channel: ChannelRef = {
    platform: 'discord',
    channelId: interaction.channelId,
    ...(interaction.guildId ? { workspaceId: interaction.guildId } : {}),
  };
  const user = {
    userId: interaction.user.id,
    isAdmin: interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false,
  };
  const result = await deps.watch.feedback(channel, user, button.arxiv, button.kind);
  await reply({ kind: 'notice', tone: result.ok ? 'info' : 'error', text: result.text });
}
