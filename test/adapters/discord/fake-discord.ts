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
}

/** A canned answer: status and JSON body (undefined body → no content). */
export interface FakeResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Decides the answer to a call; return undefined to fall through to the defaults. */
export type Responder = (call: RecordedCall) => FakeResponse | undefined;

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
  close(): Promise<void>;
}

let nextMessageId = 9_000_000_000_000_000n;

/** A message object as Discord returns it after a post or an edit. */
export function fakeMessage(body: unknown, channelId = '300000000000000001'): object {
  const data = (body ?? {}) as Record<string, unknown>;
  nextMessageId += 1n;
  return {
    id: String(nextMessageId),
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
    author: {
      id: '100000000000000001',
      username: 'Shammie',
      discriminator: '0',
      avatar: null,
      bot: true,
    },
  };
}

/** The defaults: interaction callbacks succeed, webhooks and channel posts return a message. */
const defaults: Responder = (call) => {
  if (call.method === 'POST' && /^\/interactions\/[^/]+\/[^/]+\/callback$/.test(call.path)) {
    return { status: 204 };
  }
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
  const post = /^\/channels\/(\d+)\/messages$/.exec(call.path);
  if (call.method === 'POST' && post) {
    return { status: 200, body: fakeMessage(call.body, post[1]) };
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
export async function startFakeDiscord(): Promise<FakeDiscord> {
  const calls: RecordedCall[] = [];
  const responders: Responder[] = [];
  const waiters: Array<{
    predicate: (call: RecordedCall) => boolean;
    resolve: (call: RecordedCall) => void;
  }> = [];
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
        };
        calls.push(call);
        for (const waiter of [...waiters]) {
          if (waiter.predicate(call)) {
            waiters.splice(waiters.indexOf(waiter), 1);
            waiter.resolve(call);
          }
        }
        let answer: FakeResponse | undefined;
        for (const responder of [...responders].reverse()) {
          answer = responder(call);
          if (answer) break;
        }
        answer ??= defaults(call) ?? {
          status: 404,
          body: { message: '404: Not Found', code: 0 },
        };
        const headers = { ...(answer.headers ?? {}) };
        if (answer.body === undefined) {
          response.writeHead(answer.status, headers);
          response.end();
        } else {
          response.writeHead(answer.status, { 'content-type': 'application/json', ...headers });
          response.end(JSON.stringify(answer.body));
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
    find: (method, path) => calls.filter((c) => c.method === method && path.test(c.path)),
    next: (predicate) => {
      const seen = calls.find(predicate);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve) => waiters.push({ predicate, resolve }));
    },
    respond: (responder) => {
      responders.push(responder);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
