import diagnostics from 'node:diagnostics_channel';
import type { ClientRequest, IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';

/**
 * The one place Shammie reaches below discord.js: the TCP sockets of its gateway connections,
 * so a dead ("zombie") connection can be ended at once.
 *
 * Why: when heartbeats stop being acknowledged, @discordjs/ws 1.2 closes the connection
 * politely (`WebSocket#close`) and waits for the peer's close frame; on a dead link that never
 * comes, and `ws` ends the socket only after its 30-second close timeout. Neither discord.js nor
 * @discordjs/ws offers a way to terminate instead (no option, no public method; the shard's
 * `connection` is private), and discord.js issue #3004 / PR #9001 ask for exactly this.
 *
 * How, through public Node APIs only (no SDK member touched or patched): Node announces every
 * outgoing HTTP request on the `http.client.request.start` diagnostics channel; a WebSocket
 * opens with one (an Upgrade request). Requests shaped like Discord's gateway URL
 * (`?v=10&encoding=json`) are followed to their `upgrade`, and the socket kept until it closes.
 * `terminate()` destroys them: `ws` then reports the close (1006) and @discordjs/ws resumes the
 * session. If Node or `ws` change so this sees no socket, `test/reliability/discord-gateway.test.ts`
 * fails.
 */
export interface GatewaySockets {
  /** Gateway sockets open now. */
  count(): number;
  /** Destroys every open gateway socket; returns how many. */
  terminate(): number;
  stop(): void;
}

const REQUEST_START = 'http.client.request.start';

/** Discord's gateway URL carries the API version and the encoding in its query. */
export function isGatewayRequest(request: Pick<ClientRequest, 'path' | 'getHeader'>): boolean {
  const upgrade = String(request.getHeader('upgrade') ?? '').toLowerCase();
  if (upgrade !== 'websocket') return false;
  const query = new URLSearchParams(request.path.split('?')[1] ?? '');
  return query.has('v') && (query.get('encoding') === 'json' || query.get('encoding') === 'etf');
}

/** Starts following the gateway sockets this process opens (see the comment above). */
export function followGatewaySockets(): GatewaySockets {
  const sockets = new Set<Socket>();
  const onRequest = (message: unknown) => {
    const { request } = message as { request: ClientRequest };
    if (!isGatewayRequest(request)) return;
    request.once('upgrade', (_response: IncomingMessage, socket: Socket) => {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
    });
  };
  diagnostics.subscribe(REQUEST_START, onRequest);
  return {
    count: () => sockets.size,
    terminate() {
      const open = [...sockets];
      for (const socket of open) socket.destroy();
      sockets.clear();
      return open.length;
    },
    stop() {
      diagnostics.unsubscribe(REQUEST_START, onRequest);
      sockets.clear();
    },
  };
}
