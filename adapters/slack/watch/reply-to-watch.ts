import { code, type RichText, richNotice } from '../../../src/index.ts';
import type { ChannelRef } from '../../shared/daily-port.ts';
import type { WatchAnswer, WatchCommands } from '../../shared/watch-port.ts';
import type { WatchAction } from '../../watch/watch-action.ts';
import type { Origin, Reply, ReplyDeps } from '../reply-deps.ts';
import { replyFromView } from '../reply-deps.ts';
import type { SlackAdmins } from '../slack-admins.ts';
import type { UsersClient } from '../slack-client.ts';

/** What users are told when they use watches on a bot that runs without the watch service. */
export const WATCH_DISABLED: RichText = [
  'Watches are not enabled on this bot. Whoever runs it can turn them on (see docs/watches.md).',
];

/** How `watch` is used, said for `watch` alone or a word it does not know. */
export function watchUsage(invocation: string, word?: string): RichText {
  const typed = (text: string) => code(invocation ? `${invocation} ${text}` : text);
  return [
    word ? `“${word}” is not something I can do with watches. ` : '',
    'Watches post the new arXiv papers this channel cares about each morning. Try ',
    typed('watch add cs.CL "long context" count 5 at 09:00'),
    ', ',
    typed('watch list'),
    ', ',
    typed('watch pause 1'),
    ', ',
    typed('watch resume 1'),
    ', ',
    typed('watch remove 1'),
    ' or ',
    typed('watch why 2601.00001'),
    '.',
  ];
}

/** Who typed a watch command, and how to ask Slack whether they are an admin. */
export interface WatchAsker {
  userId: string | undefined;
  client?: UsersClient | undefined;
  admins?: SlackAdmins | undefined;
}

/**
 * Answers a `watch …` command (its action read by `readWatchAction`) for the channel it was typed in, through the watch service; its
 * plain words come back as a notice (escaped for Slack), public when it went well, as the daily
 * commands' do. Only `add` needs to know whether the person is a workspace admin (one
 * `users.info`).
 */
export async function replyToWatch(
  command: WatchAction,
  deps: ReplyDeps,
  origin: Origin,
  asker: WatchAsker,
): Promise<Reply> {
  const notice = (ok: boolean, text: RichText): Reply =>
    replyFromView(richNotice(ok ? 'info' : 'error', text), deps, origin.invocation);
  const said = (answer: WatchAnswer): Reply => notice(answer.ok, [answer.text]);
  if (command.action === 'usage') return notice(true, watchUsage(origin.invocation, command.word));
  const watch: WatchCommands | undefined = deps.watch;
  if (!watch) return notice(false, WATCH_DISABLED);
  const channel: ChannelRef = {
    platform: 'slack',
    channelId: origin.channelId,
    ...(origin.teamId ? { workspaceId: origin.teamId } : {}),
  };
  switch (command.action) {
    case 'add': {
      const userId = asker.userId ?? '';
      const isAdmin =
        asker.client && asker.admins && userId !== ''
          ? await asker.admins.isAdmin(asker.client, origin.teamId, userId)
          : false;
      return said(await watch.add({ channel, user: { userId, isAdmin }, text: command.text }));
    }
    case 'list':
      return said(await watch.list(channel));
    case 'remove':
      return said(await watch.remove(channel, command.which));
    case 'pause':
      return said(await watch.pause(channel, command.which));
    case 'resume':
      return said(await watch.resume(channel, command.which));
    case 'why':
      if (command.paper === '') {
        return notice(false, [
          'Say which paper: its arXiv id or URL, or words of its title, e.g. ',
          code('watch why 2601.00001'),
          '.',
        ]);
      }
      return said(await watch.why(channel, command.paper));
  }
}
