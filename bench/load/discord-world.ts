/**
 * Discord as the bot under load sees it: the wiring tests' fake Discord HTTP API and fake
 * gateway on 127.0.0.1. Interactions go to the bot as gateway INTERACTION_CREATE dispatches
 * (raw payloads, read by the bot's real discord.js client); every call the bot makes back is
 * stamped on arrival and filed under the interaction it answers.
 */

import { type RecordedCall, startFakeDiscord } from '../../test/adapters/discord/fake-discord.ts';
import { attachFakeGateway } from '../../test/adapters/discord/fake-gateway.ts';
import { APPLICATION_ID } from '../../test/adapters/discord/raw-interactions.ts';
import { watchArrivals } from './arrivals.ts';

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

/** A raw interaction as the gateway delivers it (only what the world reads is typed). */
export interface RawInteraction {
  id: string;
  token: string;
}

export interface DiscordWorld {
  apiUrl: string;
  applicationId: string;
  token: string;
  /** Resolves once the bot's client has identified on the gateway. */
  ready: Promise<void>;
  /** Sends the interaction to the bot; returns when it was sent (`performance.now()`). */
  dispatch(raw: RawInteraction): number;
  /** Calls per interaction id, in arrival order. */
  calls: Map<string, DiscordCall[]>;
  /** Drops what is kept of an interaction (a soak forgets what it has checked). */
  forget(raw: RawInteraction): void;
  /** Calls that matched no interaction (registration and gateway calls aside). */
  stray: number;
  close(): Promise<void>;
}

const CALLBACK = /^\/interactions\/(\d+)\/([^/]+)\/callback$/;
const WEBHOOK = /^\/webhooks\/\d+\/([^/]+)(\/messages\/[^/]+)?$/;
/** Calls the bot makes at start-up (registration, gateway discovery), not answers. */
const START_UP = /^\/(applications\/\d+\/(guilds\/\d+\/)?commands|gateway\/bot|users\/@me)/;

/** Starts the fake Discord and its gateway. */
export async function startDiscordWorld(
  options: { keepCalls?: boolean } = {},
): Promise<DiscordWorld> {
  const fake = await startFakeDiscord();
  let registered: unknown[] = [];
  fake.respond((call) => {
    if (!call.path.endsWith('/commands')) return undefined;
    if (call.method === 'PUT') registered = call.body as unknown[];
    return { status: 200, body: registered };
  });
  const gateway = attachFakeGateway(fake.server, { id: APPLICATION_ID, username: 'Shammie' });
  const calls = new Map<string, DiscordCall[]>();
  const idOfToken = new Map<string, string>();
  const world: DiscordWorld = {
    apiUrl: fake.apiUrl,
    applicationId: APPLICATION_ID,
    token: 'load-test-discord-token',
    ready: gateway.ready,
    dispatch(raw) {
      idOfToken.set(raw.token, raw.id);
      const at = performance.now();
      gateway.dispatch('INTERACTION_CREATE', raw);
      return at;
    },
    calls,
    forget(raw) {
      calls.delete(raw.id);
      idOfToken.delete(raw.token);
    },
    stray: 0,
    close: () => fake.close(),
  };
  const file = (id: string | undefined, call: DiscordCall): void => {
    if (id === undefined) {
      world.stray += 1;
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
      if (!START_UP.test(call.path)) world.stray += 1;
    },
    { keep: options.keepCalls ?? true },
  );
  return world;
}
