import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** One request the fake received. */
export interface RecordedRequest {
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
}

/**
 * What the fake answers: a status, headers and body — or a fault: `hang` never answers (the
 * connection stays open until the client gives up), `drop` closes the connection at once.
 */
export interface FakeReply {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  fault?: 'hang' | 'drop';
}

export interface FakeService {
  /** Base URL of the fake, e.g. `http://127.0.0.1:40123`. */
  url: string;
  requests: RecordedRequest[];
  /** The next requests get these replies, in order, before the routes answer again. */
  failNext(...replies: FakeReply[]): void;
  close(): Promise<void>;
}

/** A 503 with `Retry-After`, as arXiv sends while it is busy. */
export function busy(retryAfter: string): FakeReply {
  return { status: 503, headers: { 'retry-after': retryAfter }, body: 'Service Unavailable' };
}

/**
 * A local HTTP server on 127.0.0.1 (port chosen by the system) that answers every request with
 * `route`, after any scripted replies.
 */
export async function startFakeService(
  route: (request: RecordedRequest) => FakeReply,
): Promise<FakeService> {
  const requests: RecordedRequest[] = [];
  const scripted: FakeReply[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const request: RecordedRequest = {
      path: decodeURIComponent(url.pathname),
      query: url.searchParams,
      headers: req.headers,
    };
    requests.push(request);
    req.resume();
    reply(res, scripted.shift() ?? route(request));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    failNext: (...replies) => scripted.push(...replies),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function reply(res: ServerResponse, answer: FakeReply): void {
  if (answer.fault === 'hang') return;
  if (answer.fault === 'drop') {
    res.socket?.destroy();
    return;
  }
  res.writeHead(answer.status ?? 200, answer.headers ?? {});
  res.end(answer.body ?? '');
}

/** Escapes text for an XML element or attribute. */
export function xmlEscape(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}
