import { SlashCommandBuilder, type SlashCommandSubcommandBuilder } from 'discord.js';
import type { ChannelRef } from '../../shared/daily-port.ts';
import type { WatchAddRequest, WatchAnswer, WatchCommands } from '../../shared/watch-port.ts';
import type { DailyAdminView, DiscordView } from '../to-reply.ts';
import { type CommandContext, type CommandInput, defineCommand } from './command-types.ts';
import { optionalText, requiredText } from './option-readers.ts';
import { withScheduleOptions } from './schedule-options.ts';

/** The options of `/watch add`, as typed (the watch service checks them and says what is wrong). */
export type WatchAddFields = Omit<WatchAddRequest, 'channel' | 'user' | 'text'>;

/** What /watch was asked to do. */
export type WatchRequest =
  | { action: 'add'; fields: WatchAddFields }
  | { action: 'list' }
  | { action: 'remove' | 'pause' | 'resume'; which?: string }
  | { action: 'why'; paper: string };

/** Said when the bot runs without the watch service. */
export const WATCH_DISABLED =
  'Watches are not enabled on this bot. Whoever runs it can turn them on (see docs/watches.md).';
export const WATCH_NEEDS_SERVER = 'Watches post to server channels: use /watch in a server.';
export const WATCH_NEEDS_PERMISSION =
  'Only members who can Manage Server or Manage Channels can change this channel’s watches. /watch list and /watch why work for everyone.';

/** Most papers a watch post may ask for here; the watch service has the last word. */
const COUNT_MAX = 50;

function whichOption(s: SlashCommandSubcommandBuilder, verb: string) {
  return s.addStringOption((o) =>
    o
      .setName('which')
      .setDescription(`Which watch to ${verb}: its number in /watch list, or its category`)
      .setMaxLength(100),
  );
}

/** `/watch add|list|remove|pause|resume|why`. */
export const watchCommand = defineCommand<WatchRequest>({
  data: new SlashCommandBuilder()
    .setName('watch')
    .setDescription('Each morning, the new arXiv papers this channel cares about')
    .addSubcommand((s) =>
      withScheduleOptions(
        s
          .setName('add')
          .setDescription('Watch arXiv categories: a post of their best new papers each day')
          .addStringOption((o) =>
            o
              .setName('categories')
              .setDescription('arXiv categories, e.g. cs.CL stat.ML')
              .setMaxLength(200),
          )
          .addStringOption((o) =>
            o.setName('keywords').setDescription('Keywords and "quoted phrases" to look for'),
          )
          .addStringOption((o) =>
            o.setName('authors').setDescription('Authors to look for, separated by commas'),
          )
          .addStringOption((o) =>
            o.setName('exclude').setDescription('Words and "phrases" that keep a paper out'),
          )
          .addBooleanOption((o) =>
            o
              .setName('crosslists')
              .setDescription('Include papers cross-listed from other categories (default yes)'),
          )
          .addIntegerOption((o) =>
            o
              .setName('count')
              .setDescription('Papers per post (default 5)')
              .setMinValue(1)
              .setMaxValue(COUNT_MAX),
          ),
      ),
    )
    .addSubcommand((s) =>
      s.setName('list').setDescription('This channel’s watches, their settings and state'),
    )
    .addSubcommand((s) =>
      whichOption(s.setName('remove').setDescription('Stop a watch in this channel'), 'remove'),
    )
    .addSubcommand((s) =>
      whichOption(
        s.setName('pause').setDescription('Pause a watch, keeping its settings'),
        'pause',
      ),
    )
    .addSubcommand((s) =>
      whichOption(s.setName('resume').setDescription('Resume a paused watch'), 'resume'),
    )
    .addSubcommand((s) =>
      s
        .setName('why')
        .setDescription('Why a paper of a watch post ranks where it does')
        .addStringOption((o) =>
          o
            .setName('paper')
            .setDescription('Its arXiv id or URL, or words of its title')
            .setRequired(true)
            .setMaxLength(500),
        ),
    ),
  usage:
    'add [categories] [keywords] [authors] [exclude] [crosslists] [count] [time] [timezone] | list | remove [which] | pause [which] | resume [which] | why paper',
  example: '/watch add categories:cs.CL keywords:"long context" time:09:00',
  scansCorpus: false,
  parse: parseWatch,
  execute: (request, context) => runWatch(request, context),
});

/** The options of /watch as a request (pure). */
export function parseWatch(input: CommandInput): WatchRequest {
  switch (input.subcommand) {
    case 'add':
      return { action: 'add', fields: addFields(input) };
    case 'remove':
    case 'pause':
    case 'resume': {
      const which = optionalText(input, 'which');
      return { action: input.subcommand, ...(which ? { which } : {}) };
    }
    case 'why':
      return {
        action: 'why',
        paper: requiredText(input, 'paper', 'a paper: its arXiv id or URL, or words of its title'),
      };
    default:
      return { action: 'list' };
  }
}

function addFields(input: CommandInput): WatchAddFields {
  const fields: WatchAddFields = {};
  for (const name of [
    'categories',
    'keywords',
    'authors',
    'exclude',
    'time',
    'timezone',
  ] as const) {
    const text = optionalText(input, name);
    if (text !== undefined) fields[name] = text;
  }
  const count = input.options.count;
  if (typeof count === 'number') fields.count = count;
  const crossLists = input.options.crosslists;
  if (typeof crossLists === 'boolean') fields.crossLists = crossLists;
  return fields;
}

function answer(
  result: WatchAnswer | { ok: boolean; text: string },
  isPublic = false,
): DailyAdminView {
  return { kind: 'daily-admin', ok: result.ok, text: result.text, public: isPublic };
}

/**
 * Runs a /watch request against the watch service for the channel it was used in. Changing a
 * channel's watches takes Manage Server or Manage Channels, as changing its daily post does;
 * list and why are for everyone and answered privately. A change is said in the channel.
 */
async function runWatch(request: WatchRequest, context: CommandContext): Promise<DiscordView> {
  const watch: WatchCommands | undefined = context.watch;
  if (!watch) return answer({ ok: false, text: WATCH_DISABLED });
  const { place } = context;
  if (!place.guildId || !place.channelId) return answer({ ok: false, text: WATCH_NEEDS_SERVER });
  const channel: ChannelRef = {
    platform: 'discord',
    channelId: place.channelId,
    workspaceId: place.guildId,
  };
  switch (request.action) {
    case 'list':
      return answer(await watch.list(channel));
    case 'why':
      return answer(await watch.why(channel, request.paper));
    default:
      break;
  }
  if (!place.canManage) return answer({ ok: false, text: WATCH_NEEDS_PERMISSION });
  switch (request.action) {
    case 'add': {
      const user = { userId: place.userId ?? '', isAdmin: place.manageServer ?? false };
      return answer(await watch.add({ channel, user, ...request.fields }), true);
    }
    case 'remove':
      return answer(await watch.remove(channel, request.which), true);
    case 'pause':
      return answer(await watch.pause(channel, request.which), true);
    case 'resume':
      return answer(await watch.resume(channel, request.which), true);
  }
}
