import { Client, DefaultRestOptions, Events, GatewayIntentBits, Options } from 'discord.js';
import type { LibraryService } from '../library/library-service.ts';
import type { DiscordConfig } from '../shared/config.ts';
import { extractiveAskService } from '../shared/extractive-ask.ts';
import { localDate } from '../shared/local-date.ts';
import type { Logger } from '../shared/logger.ts';
import type { PlatformStartOptions } from '../shared/platform-start.ts';
import { unreachable } from '../shared/unreachable.ts';
import { createAskThreads } from './ask-threads.ts';
import { createButtonStore } from './button-store.ts';
import { watchGatewayLiveness } from './gateway-liveness.ts';
import { createInteractionHandler } from './handle-interaction.ts';
import { createInteractionLimits, type InteractionLimits } from './interaction-limits.ts';
import { inviteUrl } from './invite-url.ts';
import { createRest, describeRegistration, registerCommands } from './register-commands.ts';
import { type RestTuning, restOptions } from './rest-options.ts';
import { loggableError } from './safe-log.ts';
import { createDiscordLifecycle, type DiscordLifecycle } from './stop-discord.ts';

export interface StartDiscordOptions extends PlatformStartOptions<DiscordConfig> {
  /** Adding, removing and the library's summary (`/add`, `/remove`, `/library`). */
  library?: LibraryService;
  /** Corpus size above which slow work is deferred first (see handle-interaction.ts). */
  deferAbovePapers?: number;
  /** Per-user rate limits (default: `createInteractionLimits` on `now`). */
  limits?: InteractionLimits;
  /** How often the gateway's heartbeats are checked (default `LIVENESS_CHECK_MS`). */
  livenessCheckMs?: number;
}

export interface DiscordBot
  extends Pick<DiscordLifecycle, 'stopReceiving' | 'idle' | 'busy' | 'stop'> {
  client: Client;
}

/** Users discord.js keeps in memory at most. */
export const USER_CACHE_SIZE = 1000;

/**
 * The discord.js client Shammie runs: Guilds intent only (slash commands need nothing
 * privileged), mentions parsed nowhere by default, REST to `DISCORD_API_URL` when set, with
 * bounded timeouts and rate-limit waits, and no blind repeats of a write (`rest-options.ts`);
 * REST faults are logged on `logger`.
 */
export function createDiscordClient(
  config: DiscordConfig,
  tuning: RestTuning = {},
  logger?: Logger,
): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: { parse: [] },
    // discord.js caches every user who ever sent an interaction and never sweeps them: bounded
    // here (the bot's own user is kept), so memory stays flat however many people use it.
    makeCache: Options.cacheWithLimits({
      ...Options.DefaultMakeCacheSettings,
      UserManager: {
        maxSize: USER_CACHE_SIZE,
        keepOverLimit: (user) => user.id === user.client.user?.id,
      },
    }),
    rest: { ...restOptions(tuning, logger), ...(config.apiUrl ? { api: config.apiUrl } : {}) },
  });
}

/**
 * Connects a client to Discord's interactions: answers every one with `handler` (counted in
 * flight by `lifecycle`, and none once it has stopped receiving), logs client errors instead of
 * letting them end the process.
 */
export function attachHandlers(
  client: Client,
  handler: ReturnType<typeof createInteractionHandler>,
  logger: Logger,
  lifecycle?: Pick<DiscordLifecycle, 'receiving' | 'track'>,
): void {
  client.on(Events.InteractionCreate, (interaction) => {
    if (lifecycle && !lifecycle.receiving) return;
    // The handler never rejects, but a listener must not leave a promise unhandled.
    const work = handler(interaction).catch((error: unknown) =>
      logger.error(
        { err: loggableError(error), interactionId: interaction.id },
        'interaction handler crashed',
      ),
    );
    lifecycle?.track(work);
  });
  client.on(Events.Error, (error) =>
    logger.error({ err: loggableError(error) }, 'discord client error'),
  );
  client.on(Events.Warn, (message) => logger.warn({ message }, 'discord client warning'));
  client.on(Events.ShardError, (error, shardId) =>
    logger.error({ err: loggableError(error), shardId }, 'discord gateway error'),
  );
}

/**
 * Starts the Discord adapter: syncs the slash commands (writing only on change), logs the invite
 * URL, connects to the gateway and answers interactions until `stop()`.
 */
export async function startDiscord(options: StartDiscordOptions): Promise<DiscordBot> {
  const { config, engine } = options;
  // The caller binds { adapter: 'discord' } (boot.ts does); adding it again would repeat the key.
  const { logger } = options;
  const now = options.now ?? (() => new Date());
  const timezone = options.timezone ?? 'UTC';
  const random = options.random ?? Math.random;

  const rest = createRest(config);
  try {
    const result = await registerCommands({ config, logger, rest });
    logger.info(describeRegistration(result));
  } catch (error) {
    // The bot still answers the commands registered before; a bad token fails at login below.
    logger.error({ err: error }, 'could not sync slash commands');
  }

  const client = createDiscordClient(config, {}, logger);
  const store = createButtonStore({ now: () => now().getTime(), random });
  const handler = createInteractionHandler({
    engine,
    logger,
    store,
    random,
    today: () => localDate(now(), timezone),
    limits: options.limits ?? createInteractionLimits({ now: () => now().getTime() }),
    askThreads: createAskThreads({ now: () => now().getTime() }),
    ...(options.daily ? { daily: options.daily } : {}),
    ask: options.ask ?? extractiveAskService(),
    ...(options.deferAbovePapers !== undefined
      ? { deferAbovePapers: options.deferAbovePapers }
      : {}),
  });
  const liveness = watchGatewayLiveness(client, logger, {
    ...(options.livenessCheckMs !== undefined ? { checkEveryMs: options.livenessCheckMs } : {}),
  });
  const lifecycle = createDiscordLifecycle(client, () => {
    liveness.stop();
    store.clear();
  });
  attachHandlers(client, handler, logger, lifecycle);
  client.once(Events.ClientReady, (ready) => {
    logger.info({ user: ready.user.tag, guilds: ready.guilds.cache.size }, 'connected to Discord');
  });

  try {
    await client.login(config.token);
  } catch (error) {
    // No answer is a network problem (or DISCORD_API_URL), not a refused token: say which.
    const offline = unreachable(error, config.apiUrl ?? DefaultRestOptions.api);
    throw offline ? new Error(offline) : error;
  }
  logger.info({ url: inviteUrl(config.applicationId) }, 'invite the bot with this URL');

  const { stopReceiving, idle, busy, stop } = lifecycle;
  return { client, stopReceiving, idle, busy, stop };
}
