import type { Engine } from '../../src/index.ts';
import type { AskService } from './ask-port.ts';
import type { DailyCommands } from './daily-port.ts';
import type { Logger } from './logger.ts';
import type { WatchCommands } from './watch-port.ts';

/** What the app gives every chat platform it starts; each platform adds its own tuning. */
export interface PlatformStartOptions<Config> {
  /** The platform's own section of the configuration. */
  config: Config;
  engine: Engine;
  /** Bound to the platform by the caller (`{ adapter: 'discord' }`). */
  logger: Logger;
  /** The daily scheduler's commands; the subscription commands say "not enabled" without them. */
  daily?: DailyCommands;
  now?: () => Date;
  random?: () => number;
  /** IANA zone of "today" for the daily paper (default UTC). */
  timezone?: string;
  /** Who answers `ask` (default: the core's extractive answer, no model). */
  ask?: AskService;
  /** The watch service's commands; the `watch` commands say "not enabled" without them. */
  watch?: WatchCommands;
}
