import { setTimeout as delay } from 'node:timers/promises';
import type { Client } from 'discord.js';
import { createInFlight } from '../shared/in-flight.ts';

/** How long `stop` waits for replies in flight before it destroys the client anyway. */
export const STOP_WAIT_MS = 4_000;

/**
 * The Discord adapter's graceful stop, through discord.js's public lifecycle only: interactions
 * are counted in flight from the moment they arrive; once receiving stops, new ones are left
 * unanswered (as if the gateway were gone); `stop` waits for the replies already started and
 * only then calls `client.destroy()`, which also clears the REST token those replies need.
 */
export interface DiscordLifecycle {
  /** False once the adapter has stopped receiving: a new interaction is not handled. */
  readonly receiving: boolean;
  /** Counts an interaction's handling, reply included, until it settles. */
  track(work: Promise<unknown>): void;
  /** Takes no new interaction; those in flight go on. */
  stopReceiving(): Promise<void>;
  /** Resolves when every reply started so far has been sent (or has failed). */
  idle(): Promise<void>;
  /** How many replies are in flight. */
  busy(): number;
  /**
   * Stops receiving, waits up to `waitMs` (default `STOP_WAIT_MS`) for the replies in flight,
   * runs `beforeDestroy`, then destroys the client. Idempotent.
   */
  stop(options?: { waitMs?: number }): Promise<void>;
}

export function createDiscordLifecycle(
  client: Pick<Client, 'destroy'>,
  beforeDestroy: () => void = () => undefined,
): DiscordLifecycle {
  const inFlight = createInFlight();
  let receiving = true;
  let stopped: Promise<void> | undefined;
  const stop = async (waitMs: number): Promise<void> => {
    receiving = false;
    if (inFlight.size > 0) {
      // An unref'd timer: a stop that finishes early leaves nothing holding the process.
      await Promise.race([inFlight.drain(), delay(waitMs, undefined, { ref: false })]);
    }
    beforeDestroy();
    await client.destroy();
  };
  return {
    get receiving() {
      return receiving;
    },
    track: (work) => {
      inFlight.track(work);
    },
    stopReceiving: async () => {
      receiving = false;
    },
    idle: () => inFlight.drain(),
    busy: () => inFlight.size,
    stop: (options = {}) => {
      stopped ??= stop(options.waitMs ?? STOP_WAIT_MS);
      return stopped;
    },
  };
}
