import { setTimeout as delay } from 'node:timers/promises';
import type { Scheduler } from '../scheduler/create-scheduler.ts';
import type { DailyStore } from '../scheduler/daily-store.ts';
import type { Logger } from '../shared/logger.ts';
import type { BotLibrary } from './bot-library.ts';
import type { CorpusWatch } from './start-corpus.ts';
import type { StartedPlatform } from './start-platforms.ts';

/** Runs one stop, logging (never throwing) what goes wrong: the other parts still stop. */
export async function stopQuietly(
  logger: Logger,
  what: string,
  stop: () => void | Promise<void>,
): Promise<void> {
  try {
    await stop();
  } catch (error) {
    logger.error({ err: error, what }, 'error while stopping');
  }
}

/** What has started so far, stopped in the reverse order when a start fails half-way. */
export interface StartedParts {
  add(what: string, stop: () => void | Promise<void>): void;
  /** Stops everything added, last first: no graceful phase, just stop what runs. */
  abandon(): Promise<void>;
}

export function startedParts(logger: Logger): StartedParts {
  const stops: Array<{ what: string; stop: () => void | Promise<void> }> = [];
  return {
    add: (what, stop) => {
      stops.push({ what, stop });
    },
    abandon: async () => {
      for (const { what, stop } of stops.splice(0).reverse()) {
        await stopQuietly(logger, what, stop);
      }
    },
  };
}

/** The parts of a running bot that a stop goes through. */
export interface RunningParts {
  platforms: readonly StartedPlatform[];
  corpus: CorpusWatch;
  library: Pick<BotLibrary, 'stop'>;
  scheduler: Scheduler;
  store: DailyStore;
}

/**
 * Stops a running bot in three steps: take no new work (no reload, no tick, no new event), wait
 * up to `drainMs` for the replies and daily posts already started, then stop the adapters and
 * close the database.
 */
export async function stopBot(
  { platforms, corpus, library, scheduler, store }: RunningParts,
  { logger, drainMs }: { logger: Logger; drainMs: number },
): Promise<void> {
  // 1. Take no new work: no reload, no tick, no new event from any platform.
  corpus.stop();
  library.stop();
  const schedulerIdle = scheduler.stop();
  const receiving = platforms.map(({ name, handle }) =>
    stopQuietly(logger, name, () => handle.stopReceiving?.()),
  );
  // 2. Let what was started finish: replies being sent, daily posts in flight.
  const busy = () => Object.fromEntries(platforms.map((p) => [p.name, p.handle.busy?.() ?? 0]));
  if (Object.values(busy()).some((count) => count > 0)) {
    logger.info({ inFlight: busy() }, 'waiting for replies in flight');
  }
  const idle = Promise.all([
    ...receiving,
    schedulerIdle,
    ...platforms.map(({ handle }) => handle.idle?.()),
  ]).then(() => 'idle' as const);
  const outcome = await Promise.race([idle, delay(drainMs, 'late' as const, { ref: false })]);
  if (outcome === 'late') {
    logger.warn(
      { waitedMs: drainMs, inFlight: busy() },
      'stopping without waiting longer for replies in flight',
    );
  }
  // 3. Close: the adapters, then the database.
  for (const { name, handle } of [...platforms].reverse()) {
    await stopQuietly(logger, name, () => handle.stop());
  }
  store.close();
}
