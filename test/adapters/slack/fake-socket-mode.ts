import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import type { FakeSlackApi } from './fake-slack-api.ts';

/**
 * A local stand-in for Slack's Socket Mode endpoint on 127.0.0.1: `apps.connections.open` on the
 * fake Web API hands out its ws:// URL; it greets with `hello`, sends envelopes the way Slack does
 * (with `retry_attempt` on redeliveries) and records the acknowledgements.
 */
export interface FakeSocketMode {
  /** Resolves once a client has connected and been greeted. */
  connected(): Promise<void>;
  /** Sends one envelope; resolves with its envelope id. */
  send(
    type: 'events_api' | 'slash_commands' | 'interactive',
    payload: unknown,
    options?: { envelopeId?: string; retryAttempt?: number },
  ): string;
  /** Envelope ids the client acknowledged. */
  acks: string[];
  /** Connections opened so far (reconnections included). */
  connections(): number;
  /** Sends Slack's `disconnect` message with this reason on the open connection. */
  disconnect(reason: string): void;
  /**
   * Every new connection is greeted and then told to disconnect with this reason, as Slack does
   * once an admin has switched Socket Mode off (`link_disabled`); undefined lets them stay.
   */
  refuseWith(reason: string | undefined): void;
  close(): Promise<void>;
}

export async function startFakeSocketMode(api: FakeSlackApi): Promise<FakeSocketMode> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  api.answer('apps.connections.open', { ok: true, url: `ws://127.0.0.1:${port}/link` });

  const acks: string[] = [];
  let socket: WebSocket | undefined;
  let greeted: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => {
    greeted = resolve;
  });
  let next = 0;
  let opened = 0;
  let refusal: string | undefined;
  const disconnectMessage = (reason: string) =>
    JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'fake-socket-mode' } });

  server.on('connection', (ws) => {
    socket = ws;
    opened += 1;
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as { envelope_id?: string };
      if (message.envelope_id) acks.push(message.envelope_id);
    });
    ws.send(JSON.stringify({ type: 'hello', num_connections: 1 }));
    if (refusal !== undefined) {
      ws.send(disconnectMessage(refusal));
      return;
    }
    greeted();
  });

  return {
    connected: () => ready,
    send(type, payload, options = {}) {
      if (!socket) throw new Error('no Socket Mode client connected');
      next += 1;
      const envelopeId = options.envelopeId ?? `env-${next}`;
      socket.send(
        JSON.stringify({
          envelope_id: envelopeId,
          type,
          payload,
          accepts_response_payload: false,
          ...(options.retryAttempt !== undefined
            ? { retry_attempt: options.retryAttempt, retry_reason: 'timeout' }
            : {}),
        }),
      );
      return envelopeId;
    },
    acks,
    connections: () => opened,
    disconnect(reason) {
      socket?.send(disconnectMessage(reason));
    },
    refuseWith(reason) {
      refusal = reason;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of server.clients) client.terminate();
        server.close(() => resolve());
      }),
  };
}
