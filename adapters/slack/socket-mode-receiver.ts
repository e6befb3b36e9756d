import {
  type App,
  type Logger as BoltLogger,
  type Receiver,
  SocketModeReceiver,
} from '@slack/bolt';
import type { Logger } from '../shared/logger.ts';
import { describeError } from './slack-client.ts';

/** Wait before reconnecting after a routine disconnect (doubling while reconnecting fails). */
export const RECONNECT_FIRST_DELAY_MS = 1_000;
/** Wait before the first retry once Slack said Socket Mode is off for the app (doubling). */
export const LINK_DISABLED_FIRST_DELAY_MS = 30_000;
/** Longest wait between two reconnection attempts. */
export const RECONNECT_MAX_DELAY_MS = 30 * 60_000;

/** The disconnect reason Slack sends once an admin has switched Socket Mode off. */
const LINK_DISABLED = 'link_disabled';
/** What the operator is told to do about it. */
export const LINK_DISABLED_ADVICE =
  "Socket Mode was disabled for this app: turn it on in the app's settings, or run in HTTP mode";

export interface ReconnectTuning {
  firstDelayMs?: number;
  linkDisabledFirstDelayMs?: number;
  maxDelayMs?: number;
}

export interface SocketModeReceiverOptions {
  appToken: string;
  boltLogger: BoltLogger;
  logger: Logger;
  /** Options of the Web API client that opens connections (`apps.connections.open`). */
  clientOptions: Record<string, unknown>;
  tuning?: ReconnectTuning;
}

/**
 * Bolt's `SocketModeReceiver` with Shammie's own reconnection. The SDK's reconnects after 5 s
 * whatever the reason, so an app whose Socket Mode an admin switched off (`link_disabled`)
 * reconnected every 5 s forever and logged nothing above debug. Here the SDK's automatic
 * reconnection is off (its public `autoReconnectEnabled` option) and this receiver reconnects on
 * the client's public `disconnected` event: promptly after a routine disconnect, with a delay
 * doubling up to `maxDelayMs` after `link_disabled` or failed attempts. Every disconnect reason
 * is logged at info; `link_disabled` at warn, with what to do.
 *
 * The reason is read from the client's `ws_message` event (each frame as received), as the
 * client itself does: it emits no event of its own for `disconnect` frames.
 */
export function createSocketModeReceiver(options: SocketModeReceiverOptions): Receiver {
  const { logger } = options;
  const firstDelayMs = options.tuning?.firstDelayMs ?? RECONNECT_FIRST_DELAY_MS;
  const linkDisabledFirstDelayMs =
    options.tuning?.linkDisabledFirstDelayMs ?? LINK_DISABLED_FIRST_DELAY_MS;
  const maxDelayMs = options.tuning?.maxDelayMs ?? RECONNECT_MAX_DELAY_MS;
  const inner = new SocketModeReceiver({
    appToken: options.appToken,
    logger: options.boltLogger,
    autoReconnectEnabled: false,
    installerOptions: { clientOptions: options.clientOptions },
  });
  const { client } = inner;

  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let connecting = false;
  /** Between the client's `connected` and `disconnected` events. */
  let open = false;
  /** The reason of the current connection's `disconnect` frame, if Slack sent one. */
  let reason: string | undefined;
  let linkDisabledStreak = 0;
  let failedAttempts = 0;

  const delayFor = (why: string | undefined): number => {
    if (why === LINK_DISABLED) {
      linkDisabledStreak += 1;
      return Math.min(linkDisabledFirstDelayMs * 2 ** (linkDisabledStreak - 1), maxDelayMs);
    }
    linkDisabledStreak = 0;
    return Math.min(firstDelayMs * 2 ** failedAttempts, maxDelayMs);
  };

  const schedule = (why: string | undefined): void => {
    if (stopped || connecting || timer) return;
    const retryInMs = delayFor(why);
    logger.info(
      { platform: 'slack', reason: why ?? 'connection closed', retryInMs },
      'Slack Socket Mode reconnecting',
    );
    timer = setTimeout(() => {
      timer = undefined;
      void reconnect(why);
    }, retryInMs);
  };

  const reconnect = async (why: string | undefined): Promise<void> => {
    if (stopped) return;
    connecting = true;
    reason = undefined;
    try {
      await client.start();
      failedAttempts = 0;
      connecting = false;
      // Closed again while the attempt was finishing (link_disabled right after hello).
      if (!open) schedule(reason);
    } catch (error) {
      connecting = false;
      failedAttempts += 1;
      logger.warn(
        {
          platform: 'slack',
          route: 'apps.connections.open',
          outcome: 'retrying',
          ...describeError(error),
        },
        'Slack Socket Mode reconnection failed',
      );
      schedule(reason ?? why);
    }
  };

  client.on('ws_message', (data: unknown, isBinary: boolean) => {
    const frame = !isBinary ? disconnectFrame(String(data)) : undefined;
    if (!frame) return;
    reason = frame.reason ?? 'unknown';
    logger.info({ platform: 'slack', reason }, 'Slack Socket Mode disconnect');
    if (reason === LINK_DISABLED) logger.warn({ platform: 'slack', reason }, LINK_DISABLED_ADVICE);
  });
  client.on('connected', () => {
    open = true;
  });
  client.on('disconnected', () => {
    open = false;
    schedule(reason);
  });

  return {
    init: (app: App) => inner.init(app),
    start: () => inner.start(),
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      timer = undefined;
      await inner.stop();
    },
  };
}

/** The `disconnect` frame in a Socket Mode message, if it is one. */
function disconnectFrame(text: string): { reason?: string } | undefined {
  // Most frames are events: skip parsing them a second time.
  if (!text.includes('disconnect')) return undefined;
  try {
    const message = JSON.parse(text) as { type?: unknown; reason?: unknown };
    if (message.type !== 'disconnect') return undefined;
    return typeof message.reason === 'string' ? { reason: message.reason } : {};
  } catch {
    return undefined;
  }
}
