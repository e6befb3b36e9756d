import type { LibraryService } from '../library/library-service.ts';
import type { AskService } from '../shared/ask-port.ts';
import type { Config } from '../shared/config.ts';
import type { WatchCommands } from '../shared/watch-port.ts';
import type { BootDeps } from './boot.ts';
import type { DailyState } from './daily-state.ts';
import { type PlatformHandle, startRealDiscord, startRealSlack } from './platform-handles.ts';
import type { StartedParts } from './stop-bot.ts';

/** A platform that is running, by name. */
export interface StartedPlatform {
  name: 'discord' | 'slack';
  handle: PlatformHandle;
}

/**
 * What starting the platforms takes: boot's dependencies, the daily state, the clock, and the
 * process's one ask service (its model queue is shared by every platform).
 */
export type StartPlatformsOptions = Pick<
  BootDeps,
  'logger' | 'random' | 'startDiscord' | 'startSlack' | 'slackHost' | 'signal'
> & {
  daily: DailyState;
  now: () => number;
  ask: AskService;
  library: LibraryService;
  watch?: WatchCommands;
};

/**
 * Starts each configured platform, Discord then Slack, with the engine, the daily commands, the
 * ask service and the library service.
 * Each one is added to `started` as soon as it runs; a stop asked for in between gives up the
 * rest.
 */
export async function startPlatforms(
  config: Config,
  options: StartPlatformsOptions,
  started: StartedParts,
): Promise<StartedPlatform[]> {
  const { logger, daily, now, signal } = options;
  const shared = {
    engine: daily.engine,
    daily: daily.commands,
    ask: options.ask,
    ...(options.watch ? { watch: options.watch } : {}),
    library: options.library,
    now: () => new Date(now()),
    ...(options.random ? { random: options.random } : {}),
    timezone: config.daily.timezone,
  };
  const platforms: StartedPlatform[] = [];
  const running = (platform: StartedPlatform) => {
    platforms.push(platform);
    started.add(platform.name, () => platform.handle.stop());
    signal?.throwIfAborted();
  };
  if (config.discord) {
    const start = options.startDiscord ?? startRealDiscord;
    const handle = await start({
      ...shared,
      config: config.discord,
      logger: logger.child({ adapter: 'discord' }),
    });
    running({ name: 'discord', handle });
  }
  if (config.slack) {
    const start = options.startSlack ?? startRealSlack;
    const handle = await start({
      ...shared,
      config: config.slack,
      logger: logger.child({ adapter: 'slack' }),
      ...(options.slackHost ? { host: options.slackHost } : {}),
    });
    running({ name: 'slack', handle });
  }
  return platforms;
}
