import type { Config } from '../shared/config.ts';
import type { Platform } from '../shared/daily-port.ts';
import type { Logger } from '../shared/logger.ts';
import type { DailyStore } from './daily-store.ts';
import { cronTime } from './schedule.ts';

const PLATFORMS: readonly Platform[] = ['discord', 'slack'];

/**
 * Makes the database match `DISCORD_DAILY_CHANNEL_ID` / `SLACK_DAILY_CHANNEL_ID`: the named
 * channel is subscribed on the default schedule, a channel no longer named is dropped. A
 * channel someone subscribed by command is theirs and left as it is.
 */
export function syncEnvSubscriptions(
  store: DailyStore,
  config: Pick<Config, 'daily' | 'discord' | 'slack'>,
  now: number,
  logger: Logger,
): void {
  const time = cronTime(config.daily.cron);
  for (const platform of PLATFORMS) {
    const wanted = config[platform]?.dailyChannelId;
    for (const old of store.subscriptionsFrom(platform, 'env')) {
      if (old.channelId !== wanted) {
        store.removeSubscription(platform, old.channelId);
        logger.info(
          { platform, channel: old.channelId },
          'daily channel no longer configured; unsubscribed',
        );
      }
    }
    if (!wanted) continue;
    const existing = store.getSubscription(platform, wanted);
    if (existing?.source === 'command') continue;
    const outcome = store.upsertSubscription(
      {
        platform,
        channelId: wanted,
        ...(time ? { time } : {}),
        cron: config.daily.cron,
        timezone: config.daily.timezone,
        source: 'env',
      },
      now,
    );
    if (outcome !== 'unchanged') {
      logger.info(
        { platform, channel: wanted, outcome },
        'daily channel from the environment subscribed',
      );
    }
  }
}
