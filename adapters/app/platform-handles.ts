import type { StartDiscordOptions } from '../discord/start-discord.ts';
import type { DailyPoster } from '../shared/daily-port.ts';
import { createInFlight } from '../shared/in-flight.ts';
import type { StartSlackOptions } from '../slack/start-slack.ts';

/**
 * A running platform adapter as boot needs it: something to post with, and the three steps of
 * a graceful stop — stop receiving, wait for replies already started, tear down.
 */
export interface PlatformHandle {
  poster: DailyPoster;
  /** The port an HTTP receiver listens on (Slack in HTTP mode). */
  port?: number;
  /**
   * Stops new events from arriving (Slack's receiver closes, Discord's gateway disconnects);
   * replies already started go on. Absent: `stop` does everything.
   */
  stopReceiving?(): Promise<void>;
  /** Resolves when the replies this platform started have been sent (or have failed). */
  idle?(): Promise<void>;
  /** How many replies are in flight, for the log when waiting for them is given up. */
  busy?(): number;
  /** Tears the adapter down; safe after `stopReceiving`. */
  stop(): Promise<void>;
}

/**
 * The real Slack adapter, loaded only when Slack is configured. Every delivery Bolt hands to
 * the app (`processEvent` runs the listeners to the end, reply included) is counted in flight.
 */
export async function startRealSlack(options: StartSlackOptions): Promise<PlatformHandle> {
  const [{ startSlack }, { createSlackPoster }] = await Promise.all([
    import('../slack/start-slack.ts'),
    import('../slack/daily-poster.ts'),
  ]);
  const handle = await startSlack(options);
  const inFlight = createInFlight();
  // Receivers call `this.app.processEvent(event)`, so an own property on the app wraps them all.
  const processEvent = handle.app.processEvent.bind(handle.app);
  handle.app.processEvent = (event) => inFlight.track(processEvent(event));
  let receiving = true;
  const stopReceiving = async () => {
    if (!receiving) return;
    receiving = false;
    await handle.stop();
  };
  return {
    poster: createSlackPoster(handle.app.client, { logger: options.logger }),
    ...(handle.port !== undefined ? { port: handle.port } : {}),
    stopReceiving,
    idle: () => inFlight.drain(),
    busy: () => inFlight.size,
    // The Web API client holds nothing open: once the receiver is closed there is nothing left.
    stop: stopReceiving,
  };
}

/** The slice of a discord.js client this module touches. */
interface DiscordClientSlice {
  ws: { destroy(): Promise<void> };
}

/**
 * The real Discord adapter, loaded only when Discord is configured. Every interaction's
 * handling, reply included, is counted in flight from the moment it arrives.
 */
export async function startRealDiscord(options: StartDiscordOptions): Promise<PlatformHandle> {
  const [{ startDiscord }, { createDiscordPoster }] = await Promise.all([
    import('../discord/start-discord.ts'),
    import('../discord/daily-poster.ts'),
  ]);
  const inFlight = createInFlight();
  const bot = await startDiscord({
    ...options,
    track: (work) => {
      inFlight.track(work);
    },
  });
  const client = bot.client as unknown as DiscordClientSlice;
  return {
    poster: createDiscordPoster(bot.client, { logger: options.logger }),
    // Leaving the gateway ends interactions; REST (and its token) lives on for the replies.
    stopReceiving: () => client.ws.destroy(),
    idle: () => inFlight.drain(),
    busy: () => inFlight.size,
    stop: () => bot.stop(),
  };
}
