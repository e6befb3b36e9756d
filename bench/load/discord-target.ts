/**
 * The Discord side under load: a real discord.js Client (REST to the wiring tests' fake Discord
 * on 127.0.0.1) answering with Shammie's own interaction handler, fed raw INTERACTION_CREATE
 * payloads the way its gateway connection would hand them over. Every call the bot makes is
 * stamped on arrival and filed under the interaction it answers.
 */
import { type ButtonStore, createButtonStore } from '../../adapters/discord/button-store.ts';
import { createInteractionHandler } from '../../adapters/discord/handle-interaction.ts';
import { attachHandlers, createDiscordClient } from '../../adapters/discord/start-discord.ts';
import { localDate } from '../../adapters/shared/local-date.ts';
import type { Engine } from '../../src/index.ts';
import { type RecordedCall, startFakeDiscord } from '../../test/adapters/discord/fake-discord.ts';
import { APPLICATION_ID } from '../../test/adapters/discord/raw-interactions.ts';
import { watchArrivals } from './arrivals.ts';
import { countingLogger } from './counting-logger.ts';

/** One call the bot made for an interaction. */
export interface DiscordCall {
  /** `performance.now()` when the fake received it. */
  at: number;
  /** `callback` (the interaction's first response), `edit`, `followup` or `delete`. */
  kind: 'callback' | 'edit' | 'followup' | 'delete';
  /** The callback type (4 reply, 5 defer, 6 defer update, 7 update, 8 choices), for callbacks. */
  type?: number;
  body: unknown;
}

/** A raw interaction as the gateway delivers it (only what the target reads is typed). */
export interface RawInteraction {
  id: string;
  token: string;
}

export interface DiscordTarget {
  /** Hands the payload to discord.js; resolves when Shammie's handler has finished with it. */
  dispatch(raw: RawInteraction): Promise<void>;
  /** Calls per interaction id, in arrival order. Delete entries you are done with. */
  calls: Map<string, DiscordCall[]>;
  /** Calls that matched no interaction (there should be none). */
  stray: number;
  store: ButtonStore;
  logger: ReturnType<typeof countingLogger>;
  close(): Promise<void>;
}

export interface DiscordTargetOptions {
  engine: Engine;
  /** The bot's clock in epoch milliseconds (the soak may run it faster). */
  now?: () => number;
  /** Keep the fake's own record of calls (off for a soak, so it does not grow). */
  keepCalls?: boolean;
}

const CALLBACK = /^\/interactions\/(\d+)\/([^/]+)\/callback$/;
const WEBHOOK = /^\/webhooks\/\d+\/([^/]+)(\/messages\/[^/]+)?$/;

/** Starts the fake Discord and the client; nothing listens beyond 127.0.0.1. */
export async function startDiscordTarget(options: DiscordTargetOptions): Promise<DiscordTarget> {
  const fake = await startFakeDiscord();
  const logger = countingLogger();
  const now = options.now ?? Date.now;
  const client = createDiscordClient({
    token: 'load-test-token',
    applicationId: APPLICATION_ID,
    apiUrl: fake.apiUrl,
  });
  client.rest.setToken('load-test-token');
  const store = createButtonStore({ now });
  const handler = createInteractionHandler({
    engine: options.engine,
    logger,
    store,
    random: Math.random,
    today: () => localDate(new Date(now()), 'UTC'),
  });

  const calls = new Map<string, DiscordCall[]>();
  const idOfToken = new Map<string, string>();
  const target: DiscordTarget = {
    dispatch,
    calls,
    stray: 0,
    store,
    logger,
    close: async () => {
      await client.destroy();
      await fake.close();
    },
  };
  const file = (id: string | undefined, call: DiscordCall): void => {
    if (id === undefined) {
      target.stray += 1;
      return;
    }
    const list = calls.get(id);
    if (list) list.push(call);
    else calls.set(id, [call]);
  };
  watchArrivals<RecordedCall>(
    fake.calls,
    (call, at) => {
      const callback = CALLBACK.exec(call.path);
      if (callback && call.method === 'POST') {
        const type = (call.body as { type?: number } | undefined)?.type;
        file(callback[1], {
          at,
          kind: 'callback',
          ...(type !== undefined ? { type } : {}),
          body: call.body,
        });
        return;
      }
      const hook = WEBHOOK.exec(call.path);
      if (hook) {
        const kind = call.method === 'DELETE' ? 'delete' : hook[2] ? 'edit' : 'followup';
        file(idOfToken.get(hook[1] ?? ''), { at, kind, body: call.body });
        return;
      }
      target.stray += 1;
    },
    { keep: options.keepCalls ?? true },
  );

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

  async function dispatch(raw: RawInteraction): Promise<void> {
    idOfToken.set(raw.token, raw.id);
    actions.InteractionCreate.handle(raw);
    const work = pending.get(raw.id);
    pending.delete(raw.id);
    try {
      await work;
    } finally {
      // Tokens are kept only while an interaction is being answered.
      idOfToken.delete(raw.token);
    }
  }

  return target;
}
