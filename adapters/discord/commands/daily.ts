import { ChannelType, SlashCommandBuilder, SlashCommandChannelOption } from 'discord.js';
import { dailyView, ShammieError } from '../../../src/index.ts';
import { isTimeZone } from '../../shared/config.ts';
import type { ChannelRef, DailyCommands } from '../../shared/daily-port.ts';
import type { DailyAdminView, DiscordView } from '../to-reply.ts';
import { type CommandContext, defineCommand } from './command-types.ts';
import { optionalText } from './option-readers.ts';
import { withScheduleOptions } from './schedule-options.ts';

/** What /daily was asked to do. */
export type DailyRequest =
  | { action: 'show'; date?: string }
  | { action: 'subscribe'; channelId?: string; time?: string; timezone?: string }
  | { action: 'unsubscribe'; channelId?: string }
  | { action: 'status' };

/** Said when the bot runs without the daily scheduler. */
export const DAILY_DISABLED =
  'Daily posts are not enabled on this bot. Whoever runs it can turn them on (see docs/discord.md); /daily show still works.';
export const DAILY_NEEDS_SERVER = 'Daily posts go to server channels: use this in a server.';
export const DAILY_NEEDS_PERMISSION =
  'Only members who can Manage Server or Manage Channels can change the daily post. /daily show and /daily status work for everyone.';

const TEXT_CHANNELS = [ChannelType.GuildText, ChannelType.GuildAnnouncement] as const;

/** The `channel` option of subscribe and unsubscribe: a text channel, this one when absent. */
function channelOption(description: string): SlashCommandChannelOption {
  return new SlashCommandChannelOption()
    .setName('channel')
    .setDescription(description)
    .addChannelTypes(...TEXT_CHANNELS);
}

/** `/daily show|subscribe|unsubscribe|status`. */
export const dailyCommand = defineCommand<DailyRequest>({
  data: new SlashCommandBuilder()
    .setName('daily')
    .setDescription('The paper of the day, and this server’s daily post')
    .addSubcommand((s) =>
      s
        .setName('show')
        .setDescription('Show the paper of the day')
        .addStringOption((o) =>
          o.setName('date').setDescription('Another day, as YYYY-MM-DD').setMaxLength(10),
        ),
    )
    .addSubcommand((s) =>
      withScheduleOptions(
        s
          .setName('subscribe')
          .setDescription('Post the paper of the day in a channel, with a thread to discuss it')
          .addChannelOption(channelOption('Where to post (default: this channel)')),
      ),
    )
    .addSubcommand((s) =>
      s
        .setName('unsubscribe')
        .setDescription('Stop the daily post in a channel')
        .addChannelOption(channelOption('Which channel (default: this channel)')),
    )
    .addSubcommand((s) =>
      s.setName('status').setDescription('Whether this channel gets the daily post, and when'),
    ),
  usage: 'show [date] | subscribe [channel] [time] [timezone] | unsubscribe [channel] | status',
  example: '/daily subscribe time:09:00 timezone:Europe/Paris',
  scansCorpus: (request) => request.action === 'show',
  parse(input) {
    switch (input.subcommand) {
      case 'subscribe': {
        const channelId = optionalText(input, 'channel');
        const time = optionalText(input, 'time');
        const timezone = optionalText(input, 'timezone');
        if (time !== undefined && !/^([01]?\d|2[0-3]):[0-5]\d$/.test(time)) {
          throw new ShammieError(
            'BAD_ARGUMENT',
            `“${time}” is not a time: use HH:MM on a 24-hour clock, e.g. 09:00.`,
          );
        }
        if (timezone !== undefined && !isTimeZone(timezone)) {
          throw new ShammieError(
            'BAD_ARGUMENT',
            `“${timezone}” is not a time zone I know: try a name such as Europe/Paris, America/New_York or UTC.`,
          );
        }
        return {
          action: 'subscribe',
          ...(channelId ? { channelId } : {}),
          ...(time ? { time: time.padStart(5, '0') } : {}),
          ...(timezone ? { timezone } : {}),
        };
      }
      case 'unsubscribe': {
        const channelId = optionalText(input, 'channel');
        return { action: 'unsubscribe', ...(channelId ? { channelId } : {}) };
      }
      case 'status':
        return { action: 'status' };
      default: {
        const date = optionalText(input, 'date');
        if (date !== undefined && !isCalendarDate(date)) {
          throw new ShammieError('BAD_DATE', `“${date}” is not a date.`);
        }
        return date ? { action: 'show', date } : { action: 'show' };
      }
    }
  },
  execute: (request, context) => runDaily(request, context),
});

/** True for a real YYYY-MM-DD date (no 2024-02-30). */
export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

function admin(ok: boolean, text: string, isPublic = false): DailyAdminView {
  return { kind: 'daily-admin', ok, text, public: isPublic };
}

async function runDaily(request: DailyRequest, context: CommandContext): Promise<DiscordView> {
  if (request.action === 'show') {
    return dailyView(context.engine, request.date ?? context.today());
  }
  const daily: DailyCommands | undefined = context.daily;
  if (!daily) return admin(false, DAILY_DISABLED);
  const { place } = context;
  if (!place.guildId) return admin(false, DAILY_NEEDS_SERVER);
  const channelOf = (id?: string): ChannelRef | undefined => {
    const channelId = id ?? place.channelId;
    return channelId
      ? { platform: 'discord', channelId, workspaceId: place.guildId as string }
      : undefined;
  };
  switch (request.action) {
    case 'status': {
      const channel = channelOf();
      if (!channel) return admin(false, DAILY_NEEDS_SERVER);
      const result = await daily.status(channel);
      return admin(result.ok, result.text);
    }
    case 'subscribe': {
      if (!place.canManage) return admin(false, DAILY_NEEDS_PERMISSION);
      const channel = channelOf(request.channelId);
      if (!channel) return admin(false, DAILY_NEEDS_SERVER);
      const result = await daily.subscribe({
        channel,
        ...(request.time ? { time: request.time } : {}),
        ...(request.timezone ? { timezone: request.timezone } : {}),
      });
      return admin(result.ok, result.text, true);
    }
    case 'unsubscribe': {
      if (!place.canManage) return admin(false, DAILY_NEEDS_PERMISSION);
      const channel = channelOf(request.channelId);
      if (!channel) return admin(false, DAILY_NEEDS_SERVER);
      const result = await daily.unsubscribe(channel);
      return admin(result.ok, result.text, true);
    }
  }
}
