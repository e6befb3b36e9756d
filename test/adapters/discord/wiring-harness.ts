import type { Client } from 'discord.js';
import type { AskThreads } from '../../../adapters/discord/ask-threads.ts';
import { createButtonStore } from '../../../adapters/discord/button-store.ts';
import { createInteractionHandler } from '../../../adapters/discord/handle-interaction.ts';
import type { InteractionLimits } from '../../../adapters/discord/interaction-limits.ts';
import type { EditClock } from '../../../adapters/discord/paced-edits.ts';
import type { RestTuning } from '../../../adapters/discord/rest-options.ts';
import { attachHandlers, createDiscordClient } from '../../../adapters/discord/start-discord.ts';
import type { LibraryService } from '../../../adapters/library/library-service.ts';
import type { AskService } from '../../../adapters/shared/ask-port.ts';
import type { DailyCommands } from '../../../adapters/shared/daily-port.ts';
import { createRateLimiter } from '../../../adapters/shared/rate-limit.ts';
import type { WatchCommands } from '../../../adapters/shared/watch-port.ts';
import type { Engine } from '../../../src/index.ts';
import { recordingLogger } from '../shared/recording-logger.ts';
import { type FakeDiscord, type RecordedCall, startFakeDiscord } from './fake-discord.ts';
import { APPLICATION_ID } from './raw-interactions.ts';

/** A real discord.js client whose REST calls go to a fake Discord, fed raw gateway payloads. */
export interface Wiring {
  fake: FakeDiscord;
  client: Client;
  logger: ReturnType<typeof recordingLogger>;
  /** Hands a raw INTERACTION_CREATE payload to discord.js and waits until it is answered. */
  dispatch(raw: { id: string }): Promise<RecordedCall[]>;
  close(): Promise<void>;
}

/**
 * Limits no test reaches: most wiring tests send dozens of interactions from one user in
 * milliseconds, which the real defaults would (rightly) refuse. Rate-limit tests pass their own.
 */
export function roomyLimits(): InteractionLimits {
  const roomy = () => createRateLimiter({ capacity: 1e9, refillPerSecond: 1e9, now: Date.now });
  return { commands: roomy(), autocomplete: roomy() };
}

export async function startWiring(options: {
  engine: Engine;
  daily?: DailyCommands;
  watch?: WatchCommands;
  ask?: AskService;
  askThreads?: AskThreads;
  deferAbovePapers?: number;
  limits?: InteractionLimits;
  library?: LibraryService;
  /** Extra options for the client (REST timeouts and the like). */
  client?: RestTuning;
  /** A clock for pacing the edits of growing answers, also stamping the fake's calls. */
  clock?: EditClock;
}): Promise<Wiring> {
  const fake = await startFakeDiscord(options.clock ? { now: options.clock.now } : {});
  const logger = recordingLogger();
  const client = createDiscordClient(
    {
      token: 'test-token',
      applicationId: APPLICATION_ID,
      apiUrl: fake.apiUrl,
    },
    options.client,
    logger,
  );
  client.rest.setToken('test-token');
  const handler = createInteractionHandler({
    engine: options.engine,
    logger,
    store: createButtonStore(),
    random: () => 0.5,
    today: () => '2026-05-01',
    limits: options.limits ?? roomyLimits(),
    ...(options.daily ? { daily: options.daily } : {}),
    ...(options.watch ? { watch: options.watch } : {}),
    ...(options.ask ? { ask: options.ask } : {}),
    ...(options.askThreads ? { askThreads: options.askThreads } : {}),
    ...(options.library ? { library: options.library } : {}),
    ...(options.clock ? { editClock: options.clock } : {}),
    ...(options.deferAbovePapers !== undefined
      ? { deferAbovePapers: options.deferAbovePapers }
      : {}),
  });
  const pending = new Map<string, Promise<void>>();
  attachHandlers(
    client,
    (interaction) => {
      const work = handler(interaction);
      pending.set(interaction.id, work);
      return work;
    },
    logger,
  );
  // discord.js's own way in for a gateway INTERACTION_CREATE (what its websocket handler calls).
  const actions = (
    client as unknown as { actions: { InteractionCreate: { handle(d: unknown): void } } }
  ).actions;
  return {
    fake,
    client,
    logger,
    async dispatch(raw) {
      const before = fake.calls.length;
      actions.InteractionCreate.handle(raw);
      await pending.get(raw.id);
      return fake.calls.slice(before);
    },
    async close() {
      await client.destroy();
      await fake.close();
    },
  };
}

/** The body of an interaction callback call. */
export interface Callback {
  type: number;
  data?: {
    content?: string;
    flags?: number;
    embeds?: Array<Record<string, unknown> & { title?: string; description?: string }>;
    components?: Array<{
      type: number;
      components: Array<{ type: number; custom_id?: string; label?: string }>;
    }>;
    allowed_mentions?: { parse: string[] };
    choices?: Array<{ name: string; value: string }>;
  };
}

/** The callback bodies among some calls. */
export function callbacks(calls: RecordedCall[]): Callback[] {
  return calls
    .filter((c) => c.method === 'POST' && /^\/interactions\/\d+\/[^/]+\/callback$/.test(c.path))
    .map((c) => c.body as Callback);
}

/** The custom_id of the button labelled `label` in a message body. */
export function buttonId(body: Callback['data'], label: string): string {
  for (const row of body?.components ?? []) {
    for (const component of row.components) {
      if (component.label === label && component.custom_id) return component.custom_id;
    }
  }
  throw new Error(`no button labelled ${label}`);
}
