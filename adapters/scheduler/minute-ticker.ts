import { setTimeout as delay } from 'node:timers/promises';
import { Cron } from 'croner';
import type { Logger } from '../shared/logger.ts';
import { errorMessage } from './error-message.ts';

/** The tick: every minute, at second 0. */
const TICK_PATTERN = '0 * * * * *';

/** Runs a job every minute, one run at a time, and stops it with a grace period. */
export interface MinuteTicker<T> {
  /** Runs the job now; a call while it runs shares that run. */
  tick(): Promise<T>;
  /** Runs the job now and then every minute; a failed run is logged, the next minute tries again. */
  start(): void;
  /** Stops ticking, calls `onStop`, and resolves once the run in flight ends or the grace passes. */
  stop(): Promise<void>;
  /** True from the moment `stop` is called. */
  stopping(): boolean;
}

export interface MinuteTickerOptions {
  logger: Logger;
  /** How long `stop` waits for a run in flight. */
  stopGraceMs: number;
  /** Called as stopping starts, before waiting (e.g. to cut retry waits short). */
  onStop?: () => void;
}

/** A ticker of `run`, idle until `start` or `tick`. */
export function createMinuteTicker<T>(
  run: () => Promise<T>,
  options: MinuteTickerOptions,
): MinuteTicker<T> {
  let running: Promise<T> | undefined;
  let cron: Cron | undefined;
  let stopping = false;

  function tick(): Promise<T> {
    if (!running) {
      running = run().finally(() => {
        running = undefined;
      });
    }
    return running;
  }

  function guardedTick(): void {
    if (stopping) return;
    tick().catch((error: unknown) => {
      // A broken tick (database gone, a bug) is logged; the next minute tries again.
      options.logger.error({ err: errorMessage(error) }, 'daily tick failed');
    });
  }

  return {
    tick,
    stopping: () => stopping,
    start() {
      if (cron || stopping) return;
      cron = new Cron(TICK_PATTERN, { protect: true }, guardedTick);
      guardedTick();
    },
    async stop() {
      stopping = true;
      cron?.stop();
      options.onStop?.();
      // A post that hangs must not hold the process forever: its claim stays, never re-sent.
      await Promise.race([
        running?.catch(() => undefined),
        delay(options.stopGraceMs, undefined, { ref: false }),
      ]);
    },
  };
}
