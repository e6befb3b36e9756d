import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One HTTP call the bot made. */
export interface RecordedCall {
  method: string;
  /** Path below the API version, e.g. "/interactions/1/tok/callback". */
  path: string;
  query: URLSearchParams;
  body: unknown;
  headers: IncomingMessage['headers'];
  /** When the call arrived (epoch ms, or the test's clock if it gave one). */
  at: number;
}

/** A canned answer: status and JSON body (undefined body → no content). */
export interface FakeResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * A fault instead of an answer. `drop` closes the connection (`req.socket.destroy()`), `hang`
 * never answers, `delayMs` answers late (with `then`, or what the defaults would say), `hold`
 * answers the same way once `until` settles (the test decides when), `error`
 * answers with a 5xx. When `processed` is set, the call takes effect first — a message is
 * created — and only the answer is lost: the case where a write went through but the bot could
 * not know.
 */
export type FakeFault =
  | { fault: 'drop' | 'hang'; processed?: boolean }
  | { fault: 'error'; status: number; processed?: boolean }
  | { fault: 'delay'; delayMs: number; then?: FakeResponse }
  | { fault: 'hold'; until: Promise<unknown>; then?: FakeResponse };

/** Decides the answer to a call; return undefined to fall through to the defaults. */
export type Responder = (call: RecordedCall) => FakeResponse | FakeFault | undefined;

/** A responder that answers only the first `count` calls it matches, then steps aside. */
export function times(count: number, responder: Responder): Responder {
  let left = count;
  return (call) => {
    if (left <= 0) return undefined;
    const answer = responder(call);
    if (answer !== undefined) left -= 1;
    return answer;
  };
}

/** A responder for the calls whose method and path match. */
export function on(
  method: string,
  path: RegExp,
  answer: FakeResponse | FakeFault | ((call: RecordedCall) => FakeResponse | FakeFault),
): Responder {
  return (call) => {
    if (call.method !== method || !path.test(call.path)) return undefined;
    return typeof answer === 'function' ? answer(call) : answer;
  };
}

/** A 429 as Discord sends it: `Retry-After` in seconds, the bucket headers, the global flag. */
export function rateLimited(retryAfterSeconds: number, options: { global?: boolean } = {}) {
  return {
    status: 429,
    body: {
      message: 'You are being rate limited.',
      retry_after: retryAfterSeconds,
      global: options.global ?? false,
    },
    headers: {
      'retry-after': String(retryAfterSeconds),
      'x-ratelimit-limit': '5',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset-after': String(retryAfterSeconds),
      'x-ratelimit-bucket': 'fakebucket',
      'x-ratelimit-scope': options.global ? 'global' : 'user',
      ...(options.global ? { 'x-ratelimit-global': 'true' } : {}),
    },
  } satisfies FakeResponse;
}

export interface FakeDiscord {
  /** What to give discord.js as `rest.api` (it appends "/v10"). */
  apiUrl: string;
  /** The HTTP server, for a fake gateway to share. */
  server: Server;
  calls: RecordedCall[];
  /** Calls whose method and path match. */
  find(method: string, path: RegExp): RecordedCall[];
  /** Resolves with the first call (already made or still to come) that matches. */
  next(predicate: (call: RecordedCall) => boolean): Promise<RecordedCall>;
  /** Adds a responder tried before the earlier ones and the defaults. */
  respond(responder: Responder): void;
  /** Forgets every responder added (the defaults remain). */
  clearResponders(): void;
  /** Messages created in channels, in order (what a channel's members would see). */
  channelMessages: ChannelMessage[];
  /**
   * What the user of an interaction sees, by its token: the original response (unless it was
   * deleted or is still "thinking…") and every follow-up, in order.
   */
  visible(token: string): Array<{ content: string; flags: number; embeds: unknown[] }>;
  close(): Promise<void>;
}

/** A message the fake created in a channel. */
export interface ChannelMessage {
  id: string;
  channel_id: string;
  content: string;
  nonce?: string;
  author: { id: string };
}

/** The bot's own user, as `GET /users/@me` gives it and as the author of its messages. */
export const FAKE_BOT_USER = {
  id: '100000000000000001',
  username: 'Shammie',
  discriminator: '0',
  avatar: null,
  bot: true,
};

const DISCORD_EPOCH = 1_420_070_400_000n;
let sequence = 0n;

/** A fresh snowflake for the current time, as Discord mints them. */
export function snowflakeNow(): string {
  sequence = (sequence + 1n) & 0xfffn;
  return String(((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) | sequence);
}

/** A message object as Discord returns it after a post or an edit. */
export function fakeMessage(body: unknown, channelId = '300000000000000001'): object {
  const data = (body ?? {}) as Record<string, unknown>;
  return {
    id: snowflakeNow(),
    type: 0,
    channel_id: channelId,
    content: data.content ?? '',
    embeds: data.embeds ?? [],
    components: data.components ?? [],
    attachments: [],
    mentions: [],
    mention_roles: [],
    mention_everyone: false,
    pinned: false,
    tts: false,
    flags: data.flags ?? 0,
    timestamp: new Date(0).toISOString(),
    edited_timestamp: null,
    ...(data.nonce !== undefined ? { nonce: data.nonce } : {}),
    author: FAKE_BOT_USER,
  };
}

/** How long Discord holds a nonce for `enforce_nonce` ("the past few minutes"). */
export const NONCE_WINDOW_MS = 3 * 60_000;

/** Discord's message flag of a deferred response still "thinking…". */
const LOADING = 128;

type VisibleMessage = { id: string; content: string; flags: number; embeds: unknown[] };

/** The messages of each interaction, by token: its original response and its follow-ups. */
function createInteractionMessages() {
  const byToken = new Map<string, { original?: VisibleMessage; followUps: VisibleMessage[] }>();
  const of = (token: string) => {
    let state = byToken.get(token);
    if (!state) {
      state = { followUps: [] };
      byToken.set(token, state);
    }
    return state;
  };
  const visible = (token: string) => {
    const state = byToken.get(token);
    if (!state) return [];
    const original =
      state.original && (state.original.flags & LOADING) === 0 ? [state.original] : [];
    return [...original, ...state.followUps].map(({ content, flags, embeds }) => ({
      content,
      flags,
      embeds,
    }));
  };
  return { of, visible };
}

/** Discord's defaults over the fake's state (channel messages, interaction messages). */
function createDefaults(
  messages: Array<ChannelMessage & Record<string, unknown>>,
  nonceWindowMs: number,
  interactions: ReturnType<typeof createInteractionMessages>,
) {
  const UNKNOWN_MESSAGE = { status: 404, body: { message: 'Unknown Message', code: 10008 } };
  /** Follow-ups and the original response: `/webhooks/{app}/{token}[/messages/@original]`. */
  const webhook = (call: RecordedCall): FakeResponse | undefined => {
    const match = /^\/webhooks\/\d+\/([^/]+)(\/messages\/(?:@|%40)original)?$/.exec(call.path);
    if (!match?.[1]) return undefined;
    const state = interactions.of(match[1]);
    if (!match[2]) {
      if (call.method !== 'POST') return undefined;
      const message = fakeMessage(call.body) as VisibleMessage;
      state.followUps.push(message);
      return { status: 200, body: message };
    }
    const data = (call.body ?? {}) as Partial<VisibleMessage>;
    switch (call.method) {
      case 'GET':
        return state.original ? { status: 200, body: state.original } : UNKNOWN_MESSAGE;
      case 'DELETE':
        if (!state.original) return UNKNOWN_MESSAGE;
        state.original = undefined;
        return { status: 204 };
      case 'PATCH': {
        // An edit ends "thinking…"; the ephemeral flag of the deferral stays.
        const before = state.original ?? (fakeMessage({}) as VisibleMessage);
        state.original = {
          ...before,
          ...data,
          flags: (before.flags & ~LOADING) | (data.flags ?? 0),
        } as VisibleMessage;
        return { status: 200, body: state.original };
      }
      default:
        return undefined;
    }
  };
  const nonces = new Map<string, { message: ChannelMessage; at: number }>();
  const post = (call: RecordedCall, channelId: string): FakeResponse => {
    const data = (call.body ?? {}) as { nonce?: unknown; enforce_nonce?: unknown };
    const nonce = typeof data.nonce === 'string' ? data.nonce : undefined;
    const key = nonce !== undefined ? `${channelId}:${nonce}` : undefined;
    const earlier = key !== undefined ? nonces.get(key) : undefined;
    if (earlier && data.enforce_nonce === true && Date.now() - earlier.at < nonceWindowMs) {
      // Discord's enforce_nonce: the same author and nonce again returns the first message.
      return { status: 200, body: earlier.message };
    }
    const message = fakeMessage(call.body, channelId) as ChannelMessage & Record<string, unknown>;
    messages.push(message);
    if (key !== undefined) nonces.set(key, { message, at: Date.now() });
    return { status: 200, body: message };
  };
  const list = (call: RecordedCall, channelId: string): FakeResponse => {
    const after = call.query.get('after');
    const limit = Math.min(100, Number(call.query.get('limit') ?? 50));
    const found = messages
      .filter((m) => m.channel_id === channelId && (!after || BigInt(m.id) > BigInt(after)))
      .reverse()
      .slice(0, limit)
      // Discord does not return the nonce when messages are read back.
      .map(({ nonce: _nonce, ...rest }) => rest);
    return { status: 200, body: found };
  };
  // One thread per message; a second gets 160004.
  const threads = new Set<string>();
  const openThread = (messageId: string): FakeResponse => {
    if (threads.has(messageId)) {
      return {
        status: 400,
        body: { message: 'A thread has already been created for this message', code: 160004 },
      };
    }
    threads.add(messageId);
    return { status: 201, body: { id: messageId, type: 11, name: 'Discuss' } };
  };
  // Discord takes one initial response per interaction; a second gets 40060.
  const acknowledged = new Set<string>();
  const callback = (interactionId: string, token: string, call: RecordedCall): FakeResponse => {
    if (acknowledged.has(interactionId)) {
      return {
        status: 400,
        body: { message: 'Interaction has already been acknowledged.', code: 40060 },
      };
    }
    acknowledged.add(interactionId);
    const { type, data } = (call.body ?? {}) as { type?: number; data?: { flags?: number } };
    // 4: a message; 5: "thinking…" (loading, 128) until the original is edited.
    if (type === 4) interactions.of(token).original = fakeMessage(data) as VisibleMessage;
    if (type === 5) {
      interactions.of(token).original = fakeMessage({
        flags: LOADING | (data?.flags ?? 0),
      }) as VisibleMessage;
    }
    return { status: 204 };
  };
  return (call: RecordedCall): FakeResponse | undefined => {
    const initial = /^\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(call.path);
    if (initial?.[1] && initial[2] && call.method === 'POST') {
      return callback(initial[1], initial[2], call);
    }
    const hook = webhook(call);
    if (hook) return hook;
    const channel = /^\/channels\/(\d+)\/messages$/.exec(call.path);
    if (channel?.[1] && call.method === 'POST') return post(call, channel[1]);
    if (channel?.[1] && call.method === 'GET') return list(call, channel[1]);
    const thread = /^\/channels\/(\d+)\/messages\/(\d+)\/threads$/.exec(call.path);
    if (thread?.[2] && call.method === 'POST') return openThread(thread[2]);
    if (call.method === 'GET' && /^\/users\/(@|%40)me$/.test(call.path)) {
      return { status: 200, body: FAKE_BOT_USER };
    }
    return staticDefaults(call);
  };
}

/** The defaults: interaction callbacks succeed, webhooks and channel posts return a message. */
const staticDefaults = (call: RecordedCall): FakeResponse | undefined => {
  if (/^\/webhooks\//.test(call.path)) {
    if (call.method === 'DELETE') return { status: 204 };
    return { status: 200, body: fakeMessage(call.body) };
  }
  if (call.method === 'GET' && call.path === '/gateway/bot') {
    const host = String(call.headers.host);
    return {
      status: 200,
      body: {
        url: `ws://${host}`,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 },
      },
    };
  }
  return undefined;
};

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * A stand-in for Discord's HTTP API on 127.0.0.1: records every call and answers with the
 * responders given (newest first), then the defaults, then 404 Unknown.
 */
export async function startFakeDiscord(
  options: {
    /** How long a nonce is enforced (0: as if every retry came after Discord forgot it). */
    nonceWindowMs?: number;
    /** The clock calls are stamped with (`at`); the real one when absent. */
    now?: () => number;
  } = {},
): Promise<FakeDiscord> {
  const now = options.now ?? Date.now;
  const calls: RecordedCall[] = [];
  const responders: Responder[] = [];
  const channelMessages: Array<ChannelMessage & Record<string, unknown>> = [];
  const interactions = createInteractionMessages();
  const defaults = createDefaults(
    channelMessages,
    options.nonceWindowMs ?? NONCE_WINDOW_MS,
    interactions,
  );
  const timers = new Set<NodeJS.Timeout>();
  const waiters: Array<{
    predicate: (call: RecordedCall) => boolean;
    resolve: (call: RecordedCall) => void;
  }> = [];
  const orDefault = (call: RecordedCall): FakeResponse =>
    defaults(call) ?? { status: 404, body: { message: '404: Not Found', code: 0 } };
  const send = (response: ServerResponse, answer: FakeResponse): void => {
    if (response.destroyed || response.writableEnded) return;
    const headers = { ...(answer.headers ?? {}) };
    if (answer.body === undefined) {
      response.writeHead(answer.status, headers);
      response.end();
    } else {
      response.writeHead(answer.status, { 'content-type': 'application/json', ...headers });
      response.end(JSON.stringify(answer.body));
    }
  };
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    readBody(request).then(
      (body) => {
        const url = new URL(request.url ?? '/', 'http://127.0.0.1');
        const call: RecordedCall = {
          method: request.method ?? 'GET',
          path: url.pathname.replace(/^\/api\/v\d+/, ''),
          query: url.searchParams,
          body,
          headers: request.headers,
          at: now(),
        };
        calls.push(call);
        for (const waiter of [...waiters]) {
          if (waiter.predicate(call)) {
            waiters.splice(waiters.indexOf(waiter), 1);
            waiter.resolve(call);
          }
        }
        let answer: FakeResponse | FakeFault | undefined;
        for (const responder of [...responders].reverse()) {
          answer = responder(call);
          if (answer) break;
        }
        answer ??= orDefault(call);
        if (!('fault' in answer)) {
          send(response, answer);
          return;
        }
        switch (answer.fault) {
          case 'drop':
            if (answer.processed) orDefault(call);
            request.socket.destroy();
            return;
          case 'hang':
            // Never answered; closing the fake ends the connection.
            if (answer.processed) orDefault(call);
            return;
          case 'error':
            if (answer.processed) orDefault(call);
            send(response, { status: answer.status, body: { message: 'Server error', code: 0 } });
            return;
          case 'delay': {
            const late = answer.then ?? orDefault(call);
            const timer = setTimeout(() => {
              timers.delete(timer);
              send(response, late);
            }, answer.delayMs);
            timers.add(timer);
            return;
          }
          case 'hold': {
            const late = answer.then ?? orDefault(call);
            const release = () => send(response, late);
            answer.until.then(release, release);
            return;
          }
        }
      },
      () => {
        response.writeHead(500);
        response.end();
      },
    );
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    apiUrl: `http://127.0.0.1:${port}/api`,
    server,
    calls,
    channelMessages,
    visible: interactions.visible,
    find: (method, path) => calls.filter((c) => c.method === method && path.test(c.path)),
    next: (predicate) => {
      const seen = calls.find(predicate);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve) => waiters.push({ predicate, resolve }));
    },
    respond: (responder) => {
      responders.push(responder);
    },
    clearResponders: () => {
      responders.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
