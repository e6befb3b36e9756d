import { planDaily } from '../../src/index.ts';
import { createScheduler, type Scheduler } from '../scheduler/create-scheduler.ts';
import { createDailyPicker } from '../scheduler/daily-picker.ts';
import type { Logger } from '../shared/logger.ts';
import type { DailyState } from './daily-state.ts';
import type { EngineHolder } from './engine-holder.ts';
import type { StartedPlatform } from './start-platforms.ts';

export interface DailySchedulerOptions {
  daily: DailyState;
  platforms: readonly StartedPlatform[];
  holder: EngineHolder;
  /** Epoch ms. */
  now: () => number;
  logger: Logger;
  /** How long its stop waits for posts in flight. */
  drainMs: number;
}

/** The minute tick that posts the daily paper through every platform that runs (not started). */
export function createDailyScheduler(options: DailySchedulerOptions): Scheduler {
  const { daily, now } = options;
  return createScheduler({
    store: daily.store,
    posters: options.platforms.map((p) => p.handle.poster),
    pick: createDailyPicker({ store: daily.store, engine: options.holder.engine, planDaily, now }),
    logger: options.logger.child({ adapter: 'scheduler' }),
    now,
    catchUp: daily.due.catchUp,
    lateAfterMs: daily.due.lateAfterMs,
    stopGraceMs: options.drainMs,
  });
}
