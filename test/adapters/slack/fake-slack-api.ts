import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseQuery } from 'node:querystring';

/** One Web API call (or response_url post) the fake received. */
export interface RecordedCall {
  /** `chat.postMessage`, `auth.test`, … or `response_url` for posts to a response URL. */
  method: string;
  /** The response URL's id, for `response_url` calls. */
  responseId?: string;
  token?: string;
  body: Record<string, unknown>;
  /** When the fake received it (epoch ms, or the test's clock if it gave one). */
  at: number;
}

/**
 * A canned failure: the HTTP status and JSON the fake answers a method with — or a fault:
 * `drop` closes the connection (`req.socket.destroy()`), `hang` never answers, `delay` answers
 * after `delayMs` (what the defaults would say). With `processed`, the call takes effect first
 * (the message is posted) and only the answer is lost, late or replaced by the canned one (a
 * 500 after the work was done).
 */
export interface FakeFailure {
  status?: number;
  json?: Record<string, unknown>;
  headers?: Record<string, string>;
  fault?: 'drop' | 'hang' | 'delay';
  delayMs?: number;
  processed?: boolean;
}

/** A message the fake posted (what the channel's members would see). */
export interface PostedMessage {
  channel: string;
  ts: string;
  text: string;
  thread_ts?: string;
  metadata?: unknown;
  bot_id: string;
}

/** A 429 as Slack sends it: `Retry-After` in seconds. */
export function slackRateLimited(retryAfterSeconds: number): FakeFailure {
  return {
    status: 429,
    json: { ok: false, error: 'ratelimited' },
    headers: { 'retry-after': String(retryAfterSeconds) },
  };
}

export interface FakeSlackApi {
  /** Base of the Web API, for `SLACK_API_URL` / `clientOptions.slackApiUrl`. */
  apiUrl: string;
  /** A response URL on this fake (slash commands and buttons carry one). */
  responseUrl(id: string): string;
  calls: RecordedCall[];
  /** Calls of one method. */
  callsTo(method: string): RecordedCall[];
  /**
   * Makes the next calls of `method` fail as given: the next `times` calls, or all of them
   * until `clearFailures`.
   */
  failWith(method: string, failure: FakeFailure, options?: { times?: number }): void;
  /** Messages posted with `chat.postMessage`, in order. */
  posted: PostedMessage[];
  /** Answers `method` with this JSON (for methods the fake does not know, e.g. Socket Mode's). */
  answer(method: string, json: Record<string, unknown>): void;
  clearFailures(): void;
  /**
   * Keeps back the answers to `method` until `until` settles: each call takes effect at once (a
   * message is posted) and its caller waits. Shows what does not wait for Slack's answer.
   */
  holdAnswers(method: string, until: Promise<unknown>): void;
  /** Resolves once `predicate` holds for the recorded calls (polls; rejects after `timeoutMs`). */
  waitFor(predicate: (calls: RecordedCall[]) => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export const FAKE_IDENTITY = {
  team_id: 'T0LAB',
  user_id: 'U0BOT',
  bot_id: 'B0BOT',
  user: 'shammie',
};

/**
 * A local stand-in for slack.com/api on 127.0.0.1: answers the methods the adapter calls the way
 * Slack does (`{ ok, … }`), and records every call for assertions. Nothing leaves the machine.
 */
export async function startFakeSlackApi(
  options: {
    /** The app has the history scopes: `conversations.history` and `.replies` work (else `missing_scope`). */
    history?: boolean;
    /**
     * Workspace admins and owners, by user id, for `users.info` (any other `U…` id is a plain
     * member; anything else is `user_not_found`).
     */
    admins?: readonly string[];
    owners?: readonly string[];
    /** The clock calls are stamped with (`at`); the real one when absent. */
    now?: () => number;
  } = {},
): Promise<FakeSlackApi> {
  const now = options.now ?? Date.now;
  const calls: RecordedCall[] = [];
  const holds = new Map<string, Promise<unknown>>();
  const failures = new Map<string, { failure: FakeFailure; left: number }>();
  const answers = new Map<string, Record<string, unknown>>();
  const posted: PostedMessage[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let nextTs = 1;

  const server = createServer((req, res) => {
    readBody(req)
      .then((raw) => handle(req, res, raw))
      .catch(() => {
        res.writeHead(500).end();
      });
  });

  function handle(req: IncomingMessage, res: ServerResponse, raw: string): void {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const body = parseBody(req.headers['content-type'], raw);
    const auth = req.headers.authorization;
    const token = typeof auth === 'string' ? auth.replace(/^Bearer\s+/i, '') : undefined;
    const responseMatch = /^\/response\/([^/]+)$/.exec(path);
    const method = responseMatch ? 'response_url' : path.replace(/^\/api\//, '');
    calls.push({
      method,
      ...(responseMatch?.[1] ? { responseId: responseMatch[1] } : {}),
      ...(token ? { token } : {}),
      body,
      at: now(),
    });
    const planned = failures.get(method);
    if (planned) {
      planned.left -= 1;
      if (planned.left <= 0) failures.delete(method);
      const { failure } = planned;
      switch (failure.fault) {
        case 'drop':
          if (failure.processed) answer(method, body);
          req.socket.destroy();
          return;
        case 'hang':
          if (failure.processed) answer(method, body);
          return;
        case 'delay': {
          const late = answer(method, body);
          const timer = setTimeout(() => {
            timers.delete(timer);
            send(res, late.status, late.json);
          }, failure.delayMs ?? 0);
          timers.add(timer);
          return;
        }
        default:
          if (failure.processed) answer(method, body);
          send(res, failure.status ?? 200, failure.json ?? { ok: false }, failure.headers);
          return;
      }
    }
    const normal = answer(method, body);
    const held = holds.get(method);
    if (held) {
      const late = () => {
        if (!res.destroyed) send(res, normal.status, normal.json);
      };
      held.then(late, late);
      return;
    }
    send(res, normal.status, normal.json);
  }

  /** What Slack does with a call: its effect (a posted message) and its answer. */
  function answer(
    method: string,
    body: Record<string, unknown>,
  ): { status: number; json: Record<string, unknown> } {
    const canned = answers.get(method);
    if (canned) return { status: 200, json: canned };
    switch (method) {
      case 'auth.test':
        return {
          status: 200,
          json: { ok: true, url: 'https://lab.slack.com/', team: 'Lab', ...FAKE_IDENTITY },
        };
      case 'chat.postMessage': {
        // Slack's ts is the posting time in seconds, made unique by its fraction.
        const ts = `${Math.floor(Date.now() / 1000)}.${String(nextTs++).padStart(6, '0')}`;
        posted.push({
          channel: String(body.channel),
          ts,
          text: String(body.text ?? ''),
          ...(body.thread_ts !== undefined ? { thread_ts: String(body.thread_ts) } : {}),
          ...(body.metadata !== undefined ? { metadata: body.metadata } : {}),
          bot_id: FAKE_IDENTITY.bot_id,
        });
        return {
          status: 200,
          json: { ok: true, channel: body.channel, ts, message: { ts, text: body.text } },
        };
      }
      case 'users.info':
        return userInfo(body);
      case 'conversations.history':
        return history(body);
      case 'conversations.replies':
        return replies(body);
      case 'chat.update':
        return { status: 200, json: { ok: true, channel: body.channel, ts: body.ts } };
      case 'chat.postEphemeral':
        return {
          status: 200,
          json: { ok: true, message_ts: `${1_700_000_000 + nextTs++}.000200` },
        };
      case 'response_url':
        return { status: 200, json: { ok: true } };
      default:
        return { status: 200, json: { ok: false, error: 'unknown_method' } };
    }
  }

  /** `users.info`: a member, an admin or an owner, as Slack describes them. */
  function userInfo(body: Record<string, unknown>): {
    status: number;
    json: Record<string, unknown>;
  } {
    const id = String(body.user ?? '');
    if (!/^[UW][A-Z0-9]+$/.test(id)) {
      return { status: 200, json: { ok: false, error: 'user_not_found' } };
    }
    const owner = options.owners?.includes(id) === true;
    const admin = owner || options.admins?.includes(id) === true;
    return {
      status: 200,
      json: {
        ok: true,
        user: {
          id,
          team_id: FAKE_IDENTITY.team_id,
          is_admin: admin,
          is_owner: owner,
          is_bot: false,
        },
      },
    };
  }

  /** Without `channels:history` (the fake's `history` option) reads are refused. */
  function missingScope(): { status: number; json: Record<string, unknown> } {
    return {
      status: 200,
      json: { ok: false, error: 'missing_scope', needed: 'channels:history,groups:history' },
    };
  }

  /** A posted message as Slack returns it, with its metadata only when asked for. */
  function asReturned(body: Record<string, unknown>) {
    const withMetadata = body.include_all_metadata === 'true' || body.include_all_metadata === true;
    return ({ metadata, channel: _channel, ...rest }: PostedMessage) => ({
      type: 'message',
      ...rest,
      ...(withMetadata && metadata !== undefined ? { metadata } : {}),
    });
  }

  /** `conversations.replies`: a thread's messages after `oldest`, oldest first. */
  function replies(body: Record<string, unknown>): {
    status: number;
    json: Record<string, unknown>;
  } {
    if (!options.history) return missingScope();
    const oldest = Number(body.oldest ?? 0);
    const messages = posted
      .filter(
        (m) =>
          m.channel === body.channel &&
          (m.ts === body.ts || m.thread_ts === body.ts) &&
          Number(m.ts) > oldest,
      )
      .slice(0, Number(body.limit ?? 100))
      .map(asReturned(body));
    return { status: 200, json: { ok: true, messages, has_more: false } };
  }

  /** `conversations.history`: the channel's top-level messages after `oldest`, newest first. */
  function history(body: Record<string, unknown>): {
    status: number;
    json: Record<string, unknown>;
  } {
    if (!options.history) return missingScope();
    const oldest = Number(body.oldest ?? 0);
    const limit = Number(body.limit ?? 100);
    const messages = posted
      .filter((m) => m.channel === body.channel && !m.thread_ts && Number(m.ts) > oldest)
      .reverse()
      .slice(0, limit)
      .map(asReturned(body));
    return { status: 200, json: { ok: true, messages, has_more: false } };
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;

  return {
    apiUrl: `${base}/api/`,
    responseUrl: (id) => `${base}/response/${id}`,
    calls,
    callsTo: (method) => calls.filter((c) => c.method === method),
    failWith: (method, failure, options) => {
      failures.set(method, { failure, left: options?.times ?? Number.POSITIVE_INFINITY });
    },
    posted,
    clearFailures: () => failures.clear(),
    holdAnswers: (method, until) => {
      holds.set(method, until);
    },
    answer: (method, json) => {
      answers.set(method, json);
    },
    async waitFor(predicate, timeoutMs = 5000) {
      // Loaded here, not at the top: the load bench reuses this fake outside vitest.
      const { vi } = await import('vitest');
      await vi.waitFor(
        () => {
          if (predicate(calls)) return;
          const methods = calls.map((c) => c.method).join(', ');
          throw new Error(`fake Slack API: condition not met; calls so far: ${methods}`);
        },
        { timeout: timeoutMs, interval: 10 },
      );
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Form fields the Web API client sends JSON-encoded. */
const JSON_FIELDS = new Set(['blocks', 'attachments', 'metadata']);

/** The Web API client posts forms with JSON-encoded fields (blocks); respond() posts JSON. */
function parseBody(contentType: string | undefined, raw: string): Record<string, unknown> {
  if (raw === '') return {};
  if (contentType?.includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  const form = parseQuery(raw);
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(form)) {
    const text = Array.isArray(value) ? value[0] : value;
    body[key] = text !== undefined && JSON_FIELDS.has(key) ? safeJson(text) : text;
  }
  return body;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function send(
  res: ServerResponse,
  status: number,
  json: Record<string, unknown>,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(json));
}
