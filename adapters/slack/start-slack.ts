import type { AddressInfo } from 'node:net';
import { App, type Receiver, webApi } from '@slack/bolt';
import type { LibraryService } from '../library/library-service.ts';
import type { SlackConfig } from '../shared/config.ts';
import { extractiveAskService } from '../shared/extractive-ask.ts';
import { createInFlight } from '../shared/in-flight.ts';
import type { Logger } from '../shared/logger.ts';
import type { PlatformStartOptions } from '../shared/platform-start.ts';
import { createRateLimiter, type RateLimiter } from '../shared/rate-limit.ts';
import { unreachable } from '../shared/unreachable.ts';
import { createAskThreads } from './ask/ask-threads.ts';
import type { EditClock } from './ask/paced-edits.ts';
import { toBoltLogger } from './bolt-logger.ts';
import { createDeliveryDedupe } from './delivery-dedupe.ts';
import { trackInFlight } from './in-flight-middleware.ts';
import { registerListeners } from './listeners/index.ts';
import { createPagingStore } from './paging-store.ts';
import { createGuardedReceiver } from './request-guard.ts';
import { createResponder, type ResponderOptions } from './response-url.ts';
import type { SlackRuntime } from './runtime.ts';
import { createSlackAdmins } from './slack-admins.ts';
import { createSocketModeReceiver, type ReconnectTuning } from './socket-mode-receiver.ts';
import { logRateLimits, webClientOptions } from './web-api-policy.ts';

/** The Web API's base when SLACK_API_URL is not set (the Web API client's own default). */
const DEFAULT_SLACK_API_URL = 'https://slack.com/api/';

/** Where Bolt listens for events, commands and actions in HTTP mode. */
export const EVENTS_PATH = '/slack/events';

export interface StartSlackOptions extends PlatformStartOptions<SlackConfig> {
  /** HTTP mode: the interface to listen on (default all; tests use 127.0.0.1). */
  host?: string;
  /** Hits per page of a search. */
  pageSize?: number;
  /**
   * The library `add`, `remove` and `library` change and describe (the app's one service);
   * without it those commands say the library is fixed on this bot.
   */
  library?: LibraryService;
  /** Per-user rate limit (default: the `shared/rate-limit.ts` defaults on `now`). */
  limiter?: RateLimiter;
  /** Timeouts and retries (defaults: `web-api-policy.ts`, `response-url.ts`); tests shorten them. */
  tuning?: {
    webApiTimeoutMs?: number;
    responseUrl?: ResponderOptions;
    socketMode?: ReconnectTuning;
    /** Shortest time between two edits of a streaming answer (default 1 s). */
    askEditIntervalMs?: number;
    /** The clock those edits are paced by (default: `now` and real waits). */
    askEditClock?: EditClock;
  };
}

export interface SlackHandle {
  app: App;
  /** HTTP mode: the port actually bound (useful with port 0). */
  port?: number;
  /** The bot's user id, from `auth.test`. */
  botUserId?: string;
  /** Resolves when every delivery started so far has been answered (or has failed). */
  idle(): Promise<void>;
  /** How many deliveries are being answered now. */
  busy(): number;
  /** Closes the receiver: no new delivery arrives; those in flight go on. */
  stop(): Promise<void>;
}

/**
 * Starts the Slack adapter: Socket Mode when an app token is configured, else HTTP mode on
 * `config.port` at `/slack/events` with signature verification. The bot token is checked with
 * `auth.test` first, so a wrong token fails here with Slack's reason rather than on the first
 * message.
 */
export async function startSlack(options: StartSlackOptions): Promise<SlackHandle> {
  const { config, logger } = options;
  const now = options.now ?? (() => new Date());
  const boltLogger = toBoltLogger(logger);
  const clientOptions = {
    ...webClientOptions(options.tuning?.webApiTimeoutMs, logger),
    logger: boltLogger,
    ...(config.apiUrl ? { slackApiUrl: withTrailingSlash(config.apiUrl) } : {}),
  };

  const identity = await whoAmI(config.botToken, clientOptions);
  const socketMode = config.appToken !== undefined;
  const receiver =
    config.appToken !== undefined
      ? createSocketModeReceiver({
          appToken: config.appToken,
          boltLogger,
          logger,
          clientOptions,
          ...(options.tuning?.socketMode ? { tuning: options.tuning.socketMode } : {}),
        })
      : httpReceiver(config, boltLogger, logger, now);
  const app = new App({
    token: config.botToken,
    ...(identity.botId ? { botId: identity.botId } : {}),
    ...(identity.botUserId ? { botUserId: identity.botUserId } : {}),
    logger: boltLogger,
    clientOptions,
    ignoreSelf: true,
    receiver,
  });
  const inFlight = createInFlight();
  trackInFlight(app, inFlight);
  logRateLimits(app, logger);
  const lifecycle = {
    idle: () => inFlight.drain(),
    busy: () => inFlight.size,
    stop: async (): Promise<void> => {
      await app.stop();
    },
  };
  // A listener error is logged and dropped: Bolt's default rethrows it into the receiver.
  app.error(async (error) => {
    logger.error(
      { platform: 'slack', code: error.code, err: error.original ?? error },
      'Slack listener error',
    );
  });

  // One memory of who the workspace's admins are, for the library and the watches alike.
  const admins = createSlackAdmins({ now: () => now().getTime(), logger });
  const runtime: SlackRuntime = {
    deps: {
      engine: options.engine,
      ...(options.daily ? { daily: options.daily } : {}),
      ...(options.watch ? { watch: options.watch } : {}),
      paging: createPagingStore({ now: () => now().getTime() }),
      now,
      random: options.random ?? Math.random,
      timezone: options.timezone ?? 'UTC',
      ...(options.pageSize !== undefined ? { pageSize: options.pageSize } : {}),
    },
    dedupe: createDeliveryDedupe({ now: () => now().getTime() }),
    limiter: options.limiter ?? createRateLimiter({ now: () => now().getTime() }),
    logger,
    admins,
    ask: {
      service: options.ask ?? extractiveAskService(),
      threads: createAskThreads({ now: () => now().getTime() }),
      ...(options.tuning?.askEditIntervalMs !== undefined
        ? { editIntervalMs: options.tuning.askEditIntervalMs }
        : {}),
      ...(options.tuning?.askEditClock ? { editClock: options.tuning.askEditClock } : {}),
    },
    ...(options.library
      ? {
          library: {
            service: options.library,
            admins,
          },
        }
      : {}),
  };
  registerListeners(app, runtime, createResponder({ logger, ...options.tuning?.responseUrl }));

  if (socketMode) {
    await app.start();
    logger.info({ mode: 'socket', botUserId: identity.botUserId }, 'Slack adapter connected');
    return { app, ...identityFields(identity), ...lifecycle };
  }
  const server = (await app.start({
    port: config.port,
    ...(options.host ? { host: options.host } : {}),
  })) as { address(): AddressInfo | string | null };
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  logger.info({ mode: 'http', port, path: EVENTS_PATH }, 'Slack adapter listening');
  return { app, port, ...identityFields(identity), ...lifecycle };
}

function httpReceiver(
  config: SlackConfig,
  boltLogger: ReturnType<typeof toBoltLogger>,
  logger: Logger,
  now: () => Date,
): Receiver {
  if (!config.signingSecret) {
    throw new Error(
      'Slack HTTP mode needs SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN for Socket Mode)',
    );
  }
  return createGuardedReceiver(
    { signingSecret: config.signingSecret, endpoints: EVENTS_PATH, logger: boltLogger },
    { now, logger },
  );
}

interface Identity {
  botUserId?: string;
  botId?: string;
}

async function whoAmI(
  token: string,
  clientOptions: ConstructorParameters<typeof webApi.WebClient>[1],
): Promise<Identity> {
  const client = new webApi.WebClient(token, { ...clientOptions, retryConfig: { retries: 1 } });
  try {
    const result = await client.auth.test();
    return {
      ...(result.user_id ? { botUserId: result.user_id } : {}),
      ...(result.bot_id ? { botId: result.bot_id } : {}),
    };
  } catch (error) {
    // Only an answer from Slack can refuse the token; no answer is a network problem.
    const offline = unreachable(error, clientOptions?.slackApiUrl ?? DEFAULT_SLACK_API_URL);
    if (offline) throw new Error(offline);
    const reason = (error as { data?: { error?: string } }).data?.error;
    if (reason) throw new Error(`Slack did not accept the bot token (auth.test: ${reason})`);
    throw new Error(`Slack's auth.test failed: ${(error as Error).message}`);
  }
}

function identityFields(identity: Identity): { botUserId?: string } {
  return identity.botUserId ? { botUserId: identity.botUserId } : {};
}

function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
