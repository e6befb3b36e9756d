import { createHash } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';

/**
 * A tiny stand-in for Discord's gateway (JSON over WebSocket) on the fake Discord's server:
 * HELLO, READY after IDENTIFY, heartbeat ACKs, and INTERACTION_CREATE dispatches on demand.
 * The WebSocket framing is written out here (RFC 6455, text frames only) to need no library.
 */
export interface FakeGateway {
  /** Resolves once a client has identified (sent op 2) and got READY. */
  ready: Promise<void>;
  /** What the client sent, decoded. */
  received: Array<{ op: number; d: unknown }>;
  /** Sends a dispatch event to every connected client. */
  dispatch(event: string, data: unknown): void;
  /**
   * Turns the open connections into zombies: they stay open but nothing is answered any more,
   * neither heartbeats nor a close frame (a dead link). New connections behave.
   */
  goSilent(): void;
  /** When each heartbeat arrived (epoch ms), and whether it was answered. */
  heartbeats: Array<{ at: number; answered: boolean }>;
  /** When each RESUME (op 6) arrived (epoch ms). */
  resumes: number[];
  /** Connections made so far. */
  connections(): number;
}

const WEBSOCKET_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

function frame(opcode: number, payload: Buffer): Buffer {
  const length = payload.length;
  let header: Buffer;
  if (length < 126) {
    header = Buffer.from([0x80 | opcode, length]);
  } else if (length < 65536) {
    header = Buffer.alloc(4);
    header[0] = 0x80 | opcode;
    header[1] = 126;
    header.writeUInt16BE(length, 2);
  } else {
    header = Buffer.alloc(10);
    header[0] = 0x80 | opcode;
    header[1] = 127;
    header.writeBigUInt64BE(BigInt(length), 2);
  }
  return Buffer.concat([header, payload]);
}

/** Reads whole client frames (always masked) off the front of `buffer`. */
function readFrames(buffer: Buffer): {
  frames: Array<{ opcode: number; payload: Buffer }>;
  rest: Buffer;
} {
  const frames: Array<{ opcode: number; payload: Buffer }> = [];
  let offset = 0;
  while (buffer.length - offset >= 2) {
    const opcode = (buffer[offset] as number) & 0x0f;
    let length = (buffer[offset + 1] as number) & 0x7f;
    let cursor = offset + 2;
    if (length === 126) {
      if (buffer.length < cursor + 2) break;
      length = buffer.readUInt16BE(cursor);
      cursor += 2;
    } else if (length === 127) {
      if (buffer.length < cursor + 8) break;
      length = Number(buffer.readBigUInt64BE(cursor));
      cursor += 8;
    }
    if (buffer.length < cursor + 4 + length) break;
    const mask = buffer.subarray(cursor, cursor + 4);
    const payload = Buffer.from(buffer.subarray(cursor + 4, cursor + 4 + length));
    for (let i = 0; i < payload.length; i++)
      payload[i] = (payload[i] as number) ^ (mask[i % 4] as number);
    frames.push({ opcode, payload });
    offset = cursor + 4 + length;
  }
  return { frames, rest: buffer.subarray(offset) };
}

export function attachFakeGateway(
  server: Server,
  user: { id: string; username: string },
  options: { heartbeatIntervalMs?: number } = {},
): FakeGateway {
  const sockets = new Set<Duplex>();
  const silent = new Set<Duplex>();
  const heartbeats: FakeGateway['heartbeats'] = [];
  const resumes: number[] = [];
  let connections = 0;
  const received: FakeGateway['received'] = [];
  let sequence = 0;
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });

  const send = (socket: Duplex, message: object) => {
    socket.write(frame(0x1, Buffer.from(JSON.stringify(message))));
  };

  server.on('upgrade', (request: IncomingMessage, socket: Duplex) => {
    const key = String(request.headers['sec-websocket-key'] ?? '');
    const accept = createHash('sha1')
      .update(key + WEBSOCKET_GUID)
      .digest('base64');
    socket.write(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
    );
    sockets.add(socket);
    connections += 1;
    socket.on('close', () => sockets.delete(socket));
    // The HTTP server keeps sockets half-open: one the client ended must be ended here too, or
    // closing the server waits for it forever.
    socket.on('end', () => socket.destroy());
    socket.on('error', () => sockets.delete(socket));
    const interval = options.heartbeatIntervalMs ?? 45_000;
    send(socket, { op: 10, d: { heartbeat_interval: interval }, s: null, t: null });

    let buffered: Buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      const { frames, rest } = readFrames(Buffer.concat([buffered, chunk]));
      buffered = rest;
      for (const { opcode, payload } of frames) {
        if (silent.has(socket)) {
          if (opcode === 0x1 && JSON.parse(payload.toString('utf8')).op === 1) {
            heartbeats.push({ at: Date.now(), answered: false });
          }
          continue;
        }
        if (opcode === 0x8) {
          socket.end(frame(0x8, payload.subarray(0, 2)));
          continue;
        }
        if (opcode === 0x9) {
          socket.write(frame(0xa, payload));
          continue;
        }
        if (opcode !== 0x1) continue;
        const message = JSON.parse(payload.toString('utf8')) as { op: number; d: unknown };
        received.push(message);
        if (message.op === 1) {
          heartbeats.push({ at: Date.now(), answered: true });
          send(socket, { op: 11, d: null, s: null, t: null });
        }
        if (message.op === 6) {
          resumes.push(Date.now());
          sequence += 1;
          send(socket, { op: 0, t: 'RESUMED', s: sequence, d: {} });
        }
        if (message.op === 2) {
          sequence += 1;
          send(socket, {
            op: 0,
            t: 'READY',
            s: sequence,
            d: {
              v: 10,
              user: { ...user, discriminator: '0', avatar: null, bot: true, global_name: null },
              guilds: [],
              session_id: 'fake-session',
              resume_gateway_url: `ws://${request.headers.host}`,
              shard: [0, 1],
              application: { id: user.id, flags: 0 },
            },
          });
          markReady();
        }
      }
    });
  });

  return {
    ready,
    received,
    heartbeats,
    resumes,
    connections: () => connections,
    goSilent() {
      for (const socket of sockets) silent.add(socket);
    },
    dispatch(event, data) {
      sequence += 1;
      for (const socket of sockets) {
        if (!silent.has(socket)) send(socket, { op: 0, t: event, s: sequence, d: data });
      }
    },
  };
}
