import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { ListenOptions } from 'node:net';
import {
  type App,
  type Logger as BoltLogger,
  type BufferedIncomingMessage,
  HTTPModuleFunctions,
  HTTPReceiver,
  type HTTPReceiverOptions,
  type Receiver,
} from '@slack/bolt';
import getRawBody from 'raw-body';
import type { Logger } from '../shared/logger.ts';

/** Slack's replay window: a request signed more than five minutes away from now is refused. */
export const MAX_CLOCK_SKEW_SECONDS = 5 * 60;
/** Largest request body accepted; Slack's payloads are a few kilobytes. */
export const MAX_BODY_BYTES = 1024 * 1024;

export interface GuardOptions {
  now: () => Date;
  logger: Logger;
  /** Largest body read (default `MAX_BODY_BYTES`). */
  maxBodyBytes?: number;
}

/**
 * Bolt's `HTTPReceiver` behind the checks it leaves out, as a receiver of its own (Bolt's public
 * `Receiver` interface): Bolt refuses stale timestamps but not ones from the future, and it reads
 * a body of any size — chunked, with no `Content-Length` — before it checks the signature.
 *
 * This receiver owns the HTTP server. It refuses a bad timestamp before reading anything, reads
 * the body with raw-body, which counts bytes as they arrive (413 past the limit, whatever the
 * headers say), and only then hands the request to the inner receiver's public
 * `requestListener`, with the body attached as Bolt's `BufferedIncomingMessage` (`rawBody`),
 * which Bolt's reader uses instead of the stream. Signature, parsing and routing stay Bolt's.
 */
export function createGuardedReceiver(
  receiverOptions: HTTPReceiverOptions & { logger: BoltLogger },
  guard: GuardOptions,
): Receiver & { start(listen: ListenOptions): Promise<Server> } {
  const inner = new HTTPReceiver(receiverOptions);
  const endpoints = new Set(
    typeof receiverOptions.endpoints === 'string'
      ? [receiverOptions.endpoints]
      : (receiverOptions.endpoints ?? ['/slack/events']),
  );
  const maxBodyBytes = guard.maxBodyBytes ?? MAX_BODY_BYTES;
  const boltLogger = receiverOptions.logger;
  let server: Server | undefined;

  const refuse = (req: IncomingMessage, res: ServerResponse, status: number, reason: string) => {
    guard.logger.warn(
      { platform: 'slack', route: routeOf(req), status, reason },
      'Slack request refused',
    );
    // `Connection: close` makes Node close the socket once the answer is out, rather than read
    // (and discard) the rest of an endless body to keep the connection alive.
    if (!res.headersSent) res.writeHead(status, { connection: 'close' });
    res.end();
  };

  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    if (req.method !== 'POST' || !endpoints.has(routeOf(req))) {
      res.writeHead(404, { connection: 'close' });
      res.end();
      return;
    }
    const stale = staleTimestamp(req, guard.now());
    if (stale) {
      refuse(req, res, 401, stale);
      return;
    }
    if (Number(req.headers['content-length'] ?? 0) > maxBodyBytes) {
      refuse(req, res, 413, 'content-length over the limit');
      return;
    }
    // raw-body counts bytes as they arrive and, past the limit, pauses the stream (rather than
    // destroy it): the 413 must still reach the client before the connection closes.
    getRawBody(req, { limit: maxBodyBytes }).then(
      (body) => {
        // Bolt's reader (`bufferIncomingMessage`) returns a request that has its body already.
        const buffered: BufferedIncomingMessage = Object.assign(req, { rawBody: body });
        try {
          inner.requestListener(buffered, res);
        } catch (error) {
          HTTPModuleFunctions.defaultDispatchErrorHandler({
            error: error as Error,
            logger: boltLogger,
            request: req,
            response: res,
          });
        }
      },
      (error: getRawBody.RawBodyError) => {
        if (error.type === 'entity.too.large') {
          refuse(req, res, 413, 'body over the limit');
          return;
        }
        // The client went away mid-body: nothing to answer.
        req.destroy();
      },
    );
  };

  return {
    init: (app: App) => inner.init(app),
    start: (listen: ListenOptions) =>
      new Promise<Server>((resolve, reject) => {
        const created = createServer(listener);
        created.once('error', reject);
        created.listen(listen, () => {
          server = created;
          resolve(created);
        });
      }),
    stop: () =>
      new Promise<void>((resolve, reject) => {
        if (!server) return resolve();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
        server = undefined;
      }),
  };
}

/** Why the request's timestamp is refused, or undefined when it is acceptable or absent. */
function staleTimestamp(req: IncomingMessage, now: Date): string | undefined {
  const header = req.headers['x-slack-request-timestamp'];
  // A missing timestamp is Bolt's to refuse, with the signature.
  if (typeof header !== 'string' || header.trim() === '') return undefined;
  const sent = Number(header);
  const skew = Math.abs(now.getTime() / 1000 - sent);
  return !Number.isFinite(sent) || skew > MAX_CLOCK_SKEW_SECONDS
    ? 'timestamp outside the five-minute window'
    : undefined;
}

function routeOf(req: IncomingMessage): string {
  return new URL(req.url ?? '/', 'http://localhost').pathname;
}
