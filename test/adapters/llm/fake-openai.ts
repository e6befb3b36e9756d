import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local OpenAI-compatible Chat Completions server on 127.0.0.1 for tests: each request is
 * answered as the test's `reply` says (a stream of deltas, a JSON body, an error status, raw
 * bytes, or a stall), and every request is recorded with its headers and body.
 */

export type FakeReply =
  /** Deltas `delayMs` apart; with `hold`, nothing is sent (not even headers) until it settles. */
  | { kind: 'stream'; deltas: string[]; delayMs?: number; hold?: Promise<unknown> }
  | { kind: 'json'; content: string }
  | { kind: 'status'; status: number; body: string }
  | { kind: 'raw'; contentType: string; body: string }
  /** Sends these deltas, then nothing more until the client gives up. */
  | { kind: 'stall'; deltas?: string[] };

export interface RecordedRequest {
  path: string;
  headers: IncomingMessage['headers'];
  body: {
    model?: string;
    stream?: boolean;
    max_tokens?: number;
    messages?: Array<{ role: string; content: string }>;
  };
}

export interface FakeOpenAi {
  url: string;
  requests: RecordedRequest[];
  /** Most requests open at once. */
  maxConcurrent: number;
  close(): Promise<void>;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function chunk(content: string): string {
  return `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content } }] })}\n\n`;
}

export async function startFakeOpenAi(
  reply: (request: RecordedRequest) => FakeReply,
): Promise<FakeOpenAi> {
  let open = 0;
  const state: FakeOpenAi = {
    url: '',
    requests: [],
    maxConcurrent: 0,
    close: async () => undefined,
  };
  const respond = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const raw: Buffer[] = [];
    for await (const piece of req) raw.push(piece as Buffer);
    const recorded: RecordedRequest = {
      path: req.url ?? '',
      headers: req.headers,
      body: JSON.parse(Buffer.concat(raw).toString('utf8') || '{}'),
    };
    state.requests.push(recorded);
    const r = reply(recorded);
    if (r.kind === 'status') {
      res.writeHead(r.status, { 'content-type': 'application/json' }).end(r.body);
    } else if (r.kind === 'json') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          choices: [{ index: 0, message: { role: 'assistant', content: r.content } }],
        }),
      );
    } else if (r.kind === 'raw') {
      res.writeHead(200, { 'content-type': r.contentType }).end(r.body);
    } else {
      if (r.kind === 'stream' && r.hold) await r.hold;
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      for (const delta of r.deltas ?? []) {
        res.write(chunk(delta));
        if (r.kind === 'stream' && r.delayMs) await sleep(r.delayMs);
      }
      if (r.kind === 'stall') {
        await new Promise<void>((resolve) => res.on('close', () => resolve()));
        return;
      }
      res.end('data: [DONE]\n\n');
    }
  };
  const server = createServer((req, res) => {
    open++;
    state.maxConcurrent = Math.max(state.maxConcurrent, open);
    res.on('close', () => {
      open--;
    });
    respond(req, res).catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}
