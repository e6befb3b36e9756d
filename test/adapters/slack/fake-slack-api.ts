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
}

/** A canned failure: the HTTP status and JSON the fake answers a method with. */
export interface FakeFailure {
  status?: number;
  json?: Record<string, unknown>;
  headers?: Record<string, string>;
}

export interface FakeSlackApi {
  /** Base of the Web API, for `SLACK_API_URL` / `clientOptions.slackApiUrl`. */
  apiUrl: string;
  /** A response URL on this fake (slash commands and buttons carry one). */
  responseUrl(id: string): string;
  calls: RecordedCall[];
  /** Calls of one method. */
  callsTo(method: string): RecordedCall[];
  /** Makes the next calls of `method` fail as given (until `clearFailures`). */
  failWith(method: string, failure: FakeFailure): void;
  /** Answers `method` with this JSON (for methods the fake does not know, e.g. Socket Mode's). */
  answer(method: string, json: Record<string, unknown>): void;
  clearFailures(): void;
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
export async function startFakeSlackApi(): Promise<FakeSlackApi> {
  const calls: RecordedCall[] = [];
  const failures = new Map<string, FakeFailure>();
  const answers = new Map<string, Record<string, unknown>>();
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
    });
    const failure = failures.get(method);
    if (failure) {
      send(res, failure.status ?? 200, failure.json ?? { ok: false }, failure.headers);
      return;
    }
    const canned = answers.get(method);
    if (canned) {
      send(res, 200, canned);
      return;
    }
    switch (method) {
      case 'auth.test':
        send(res, 200, { ok: true, url: 'https://lab.slack.com/', team: 'Lab', ...FAKE_IDENTITY });
        return;
      case 'chat.postMessage': {
        const ts = `${1_700_000_000 + nextTs++}.000100`;
        send(res, 200, { ok: true, channel: body.channel, ts, message: { ts, text: body.text } });
        return;
      }
      case 'chat.update':
        send(res, 200, { ok: true, channel: body.channel, ts: body.ts });
        return;
      case 'chat.postEphemeral':
        send(res, 200, { ok: true, message_ts: `${1_700_000_000 + nextTs++}.000200` });
        return;
      case 'response_url':
        send(res, 200, { ok: true });
        return;
      default:
        send(res, 200, { ok: false, error: 'unknown_method' });
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;

  return {
    apiUrl: `${base}/api/`,
    responseUrl: (id) => `${base}/response/${id}`,
    calls,
    callsTo: (method) => calls.filter((c) => c.method === method),
    failWith: (method, failure) => {
      failures.set(method, failure);
    },
    clearFailures: () => failures.clear(),
    answer: (method, json) => {
      answers.set(method, json);
    },
    async waitFor(predicate, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(calls)) {
        if (Date.now() > deadline) {
          throw new Error(
            `fake Slack API: condition not met; calls so far: ${calls.map((c) => c.method).join(', ')}`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
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
