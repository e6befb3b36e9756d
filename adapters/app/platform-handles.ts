import type { StartDiscordOptions } from '../discord/start-discord.ts';
import type { DailyPoster } from '../shared/daily-port.ts';
import type { WatchPoster } from '../shared/watch-port.ts';
import type { StartSlackOptions } from '../slack/start-slack.ts';

/**
 * A running platform adapter as boot needs it: what to post the daily paper and the watches
 * with, and the three steps of a graceful stop — stop receiving, wait for replies already
 * started, tear down.
 */
export interface PlatformHandle {
  poster: DailyPoster;
  watchPoster: WatchPoster;
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
 * The real Slack adapter, loaded only when Slack is configured. Every delivery is counted in
 * flight by the adapter's own Bolt middleware (`slack/in-flight-middleware.ts`).
 */
export async function startRealSlack(options: StartSlackOptions): Promise<PlatformHandle> {
  const [{ startSlack }, { createSlackPoster }, { createSlackWatchPoster }] = await Promise.all([
    import('../slack/start-slack.ts'),
    import('../slack/daily-poster.ts'),
    import('../slack/watch-poster.ts'),
  ]);
  const handle = await startSlack(options);
  let receiving = true;
  const stopReceiving = async () => {
    if (!receiving) return;
    receiving = false;
    await handle.stop();
  };
  return {
    poster: createSlackPoster(handle.app.client, { logger: options.logger }),
    watchPoster: createSlackWatchPoster(handle.app.client, { logger: options.logger }),
    ...(handle.port !== undefined ? { port: handle.port } : {}),
    stopReceiving,
    idle: () => handle.idle(),
    busy: () => handle.busy(),
    // The Web API client holds nothing open: once the receiver is closed there is nothing left.
    stop: stopReceiving,
  };
}

/**
 * The real Discord adapter, loaded only when Discord is configured. Every interaction's
 * handling, reply included, is counted in flight from the moment it arrives
 * (`discord/stop-discord.ts`).
 */
export async function startRealDiscord(options: StartDiscordOptions): Promise<PlatformHandle> {
  const [{ startDiscord }, { createDiscordPoster }, { createDiscordWatchPoster }] =
    await Promise.all([
      import('../discord/start-discord.ts'),
      import('../discord/daily-poster.ts'),
      import('../discord/watch-poster.ts'),
    ]);
  const bot = await startDiscord(options);
  return {
    poster: createDiscordPoster(bot.client, { logger: options.logger }),
    watchPoster: createDiscordWatchPoster(bot.client, { logger: options.logger }),
    stopReceiving: () => bot.stopReceiving(),
    idle: () => bot.idle(),
    busy: () => bot.busy(),
    // Boot has waited for the replies in flight already (up to its own deadline).
    stop: () => bot.stop({ waitMs: 0 }),
  };
}
