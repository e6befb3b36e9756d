import type {
  ChannelRef,
  DailyCommands,
  Platform,
  SubscribeRequest,
} from '../shared/daily-port.ts';
import type { Logger } from '../shared/logger.ts';
import type { DailyStore, PostRecord, Subscription } from './daily-store.ts';
import { type DueOptions, nextPostAt, slotToday } from './due.ts';
import {
  canonicalZone,
  cronTime,
  describeSchedule,
  formatInstant,
  parseTime,
  SCHEDULE_EXAMPLE,
  timeToCron,
} from './schedule.ts';
import { storageCode, storageReason } from './storage-failure.ts';

/** The schedule a subscription gets when the subscriber names no time or zone. */
export interface DefaultSchedule {
  /** Cron pattern (`SHAMMIE_DAILY_CRON`). */
  cron: string;
  /** IANA zone (`SHAMMIE_TIMEZONE`). */
  timezone: string;
}

export interface DailyCommandsOptions {
  store: DailyStore;
  defaults: DefaultSchedule;
  due: DueOptions;
  now?: () => number;
  /** The title of a paper id, for "last post" (absent: the id is shown). */
  paperTitle?: (paperId: string) => string | undefined;
  /** Where a database that refuses a write is reported (the user gets a polite answer). */
  logger?: Logger;
}

/** Said when the database cannot take the change: nothing was changed. */
export const STORAGE_UNAVAILABLE =
  "I couldn't save that: the bot's storage can't be written right now. Nothing was changed; please try again later.";

/** The variable that subscribes a channel from the environment, per platform. */
export const ENV_CHANNEL_KEYS: Record<Platform, string> = {
  discord: 'DISCORD_DAILY_CHANNEL_ID',
  slack: 'SLACK_DAILY_CHANNEL_ID',
};

/** Longest piece of user input echoed back in a message. */
const ECHO_LIMIT = 40;

/** The subscribe, unsubscribe and status commands, answered from the database as plain text. */
export function createDailyCommands(options: DailyCommandsOptions): DailyCommands {
  const { store, defaults, due, logger } = options;
  const now = options.now ?? Date.now;

  /** A refused write (disk full, read-only) is answered politely; anything else is a bug. */
  const guarded =
    <A extends unknown[]>(
      action: string,
      run: (...args: A) => Promise<{ ok: boolean; text: string }>,
    ) =>
    async (...args: A): Promise<{ ok: boolean; text: string }> => {
      try {
        return await run(...args);
      } catch (error) {
        const code = storageCode(error);
        if (code === undefined) throw error;
        logger?.error({ code, reason: storageReason(error), action }, 'daily command not saved');
        return { ok: false, text: STORAGE_UNAVAILABLE };
      }
    };

  return {
    subscribe: guarded('subscribe', async (request: SubscribeRequest) => {
      const parsed = parseSchedule(request, defaults);
      if ('problem' in parsed) return { ok: false, text: parsed.problem };
      const { channel } = request;
      const at = now();
      const outcome = store.upsertSubscription(
        {
          platform: channel.platform,
          channelId: channel.channelId,
          ...(channel.workspaceId ? { workspaceId: channel.workspaceId } : {}),
          ...parsed,
          source: 'command',
        },
        at,
      );
      const subscription = store.getSubscription(channel.platform, channel.channelId)!;
      const schedule = describeSchedule(subscription);
      const next = describeNext(subscription, at);
      const text =
        outcome === 'created'
          ? `Subscribed to the daily paper, ${schedule}. ${next}`
          : outcome === 'updated'
            ? `Updated: the daily paper now comes ${schedule}. ${next}`
            : `Already subscribed to the daily paper, ${schedule}. ${next}`;
      return { ok: true, text };
    }),

    unsubscribe: guarded('unsubscribe', async (channel: ChannelRef) => {
      const existing = store.getSubscription(channel.platform, channel.channelId);
      if (!existing || !store.removeSubscription(channel.platform, channel.channelId)) {
        return { ok: true, text: 'That channel is not subscribed to the daily paper.' };
      }
      const fromEnv =
        existing.source === 'env'
          ? ` It is also set in the bot's configuration (${ENV_CHANNEL_KEYS[channel.platform]}), so it comes back when the bot restarts unless that setting is removed.`
          : '';
      return {
        ok: true,
        text: `Unsubscribed: no more daily paper in that channel.${fromEnv}`,
      };
    }),

    status: guarded('status', async (channel: ChannelRef) => {
      const subscription = store.getSubscription(channel.platform, channel.channelId);
      if (!subscription) {
        return {
          ok: true,
          text: `This channel is not subscribed to the daily paper. Subscribe with a time and a time zone, for example: ${SCHEDULE_EXAMPLE}.`,
        };
      }
      const at = now();
      const lines = [`Subscribed: the daily paper ${describeSchedule(subscription)}.`];
      if (subscription.paused) {
        lines.push(
          `Paused after ${subscription.failures} failed posts${
            subscription.lastError ? ` (last error: ${subscription.lastError})` : ''
          }. Check the bot can post here, then subscribe again to resume.`,
        );
      } else {
        const today = todayNote(subscription, at);
        if (today) lines.push(today);
        lines.push(describeNext(subscription, at));
      }
      lines.push(describeLast(store.lastPosted(channel.platform, channel.channelId)));
      return { ok: true, text: lines.join('\n') };
    }),
  };

  function rowToday(subscription: Subscription, at: number): PostRecord | undefined {
    const { date } = slotToday(subscription, at);
    return store.getPost(subscription.platform, subscription.channelId, date);
  }

  function describeNext(subscription: Subscription, at: number): string {
    const next = nextPostAt(subscription, at, rowToday(subscription, at), due);
    if (next === undefined) return 'Its schedule has no next post.';
    if (next <= at) return 'Next post: any minute now.';
    return `Next post: ${formatInstant(next, subscription.timezone)} (${subscription.timezone}).`;
  }

  function todayNote(subscription: Subscription, at: number): string | undefined {
    const row = rowToday(subscription, at);
    switch (row?.status) {
      case 'failed':
        return `Today's post failed${row.error ? ` (${row.error})` : ''}; it will be tried again.`;
      case 'skipped':
        return "Today's post was skipped: the bot was down at the time.";
      case 'unknown':
        return "Today's post may not have gone out: the bot stopped while posting it, and it is not re-sent, to never post twice.";
      default:
        return undefined;
    }
  }

  function describeLast(last: PostRecord | undefined): string {
    if (!last) return 'Nothing posted here yet.';
    const title = last.paperId ? options.paperTitle?.(last.paperId) : undefined;
    const what = title ? `"${title}"` : last.paperId ? `paper ${last.paperId}` : 'the paper';
    return `Last post: ${what}, for ${last.localDate}.`;
  }
}

/** The stored schedule a request asks for, or a friendly problem naming an example. */
export function parseSchedule(
  request: Pick<SubscribeRequest, 'time' | 'timezone'>,
  defaults: DefaultSchedule,
): { time?: string; cron: string; timezone: string } | { problem: string } {
  let timeText = request.time?.trim() || undefined;
  let zoneText = request.timezone?.trim() || undefined;
  // "subscribe Europe/Paris": a zone given where the time goes.
  if (timeText && !zoneText && !parseTime(timeText) && canonicalZone(timeText)) {
    zoneText = timeText;
    timeText = undefined;
  }
  const problems: string[] = [];
  const time = timeText === undefined ? undefined : parseTime(timeText);
  if (timeText !== undefined && !time) {
    problems.push(`"${echo(timeText)}" is not a time I understand: use HH:MM on a 24-hour clock.`);
  }
  const timezone = zoneText === undefined ? defaults.timezone : canonicalZone(zoneText);
  if (zoneText !== undefined && !timezone) {
    problems.push(
      `"${echo(zoneText)}" is not a time zone I know: use an IANA name such as Europe/Paris, America/New_York or Asia/Tokyo.`,
    );
  }
  if (problems.length > 0 || !timezone) {
    return { problem: `${problems.join(' ')} For example: ${SCHEDULE_EXAMPLE}` };
  }
  if (time) return { time, cron: timeToCron(time), timezone };
  const defaultTime = cronTime(defaults.cron);
  return defaultTime
    ? { time: defaultTime, cron: timeToCron(defaultTime), timezone }
    : { cron: defaults.cron, timezone };
}

function echo(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > ECHO_LIMIT ? `${flat.slice(0, ECHO_LIMIT - 1)}…` : flat;
}
