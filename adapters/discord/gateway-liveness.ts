import { type Client, Events } from 'discord.js';
import type { Logger } from '../shared/logger.ts';
import { followGatewaySockets, type GatewaySockets } from './gateway-sockets.ts';

/** How often the heartbeats are checked. */
export const LIVENESS_CHECK_MS = 1_000;
/**
 * A connection whose last acknowledged heartbeat is older than this many heartbeat intervals
 * is dead: the next heartbeat went out one interval after it and half an interval is far more
 * than its acknowledgement takes (Discord's interval is about 41 s).
 */
export const SILENT_INTERVALS = 1.5;

/** What the watcher knows of one shard's connection. */
interface ShardWatch {
  /** The last `lastPingTimestamp` seen: when the last acknowledged heartbeat was sent. */
  seenPing: number;
  /** The heartbeat interval, learnt from two acknowledged heartbeats in a row. */
  intervalMs?: number;
  /** The last sign of life: an acknowledged heartbeat, or the connection (re)starting. */
  lastSign: number;
  /** Set while the connection is down: since when, and whether Shammie ended it. */
  outage?: { since: number; terminated: boolean };
  /** The next acknowledgement follows a reconnection: not a measure of the interval. */
  fresh: boolean;
}

/**
 * Watches the gateway connection from discord.js's public surface (each shard's
 * `lastPingTimestamp`, the shard events) and ends a dead one at once, as Discord's gateway docs
 * ask: when no heartbeat has been acknowledged for `SILENT_INTERVALS` intervals the connection's
 * socket is destroyed (`gateway-sockets.ts`), and discord.js resumes the session at once instead
 * of waiting 30 s for a close frame a dead link cannot send. Every outage is logged (warn) when
 * it starts and when the connection is back, with its length.
 */
export function watchGatewayLiveness(
  client: Client,
  logger: Logger,
  options: { checkEveryMs?: number; now?: () => number; sockets?: GatewaySockets } = {},
): { stop(): void } {
  const now = options.now ?? Date.now;
  const sockets = options.sockets ?? followGatewaySockets();
  const watches = new Map<number, ShardWatch>();
  const watchOf = (shardId: number): ShardWatch => {
    let watch = watches.get(shardId);
    if (!watch) {
      watch = { seenPing: -1, lastSign: now(), fresh: true };
      watches.set(shardId, watch);
    }
    return watch;
  };

  const check = (): void => {
    for (const [shardId, shard] of client.ws.shards) {
      const watch = watchOf(shardId);
      const ping = shard.lastPingTimestamp;
      if (ping > 0 && ping !== watch.seenPing) {
        if (!watch.fresh && watch.seenPing > 0) watch.intervalMs = ping - watch.seenPing;
        watch.fresh = false;
        watch.seenPing = ping;
        watch.lastSign = Math.max(watch.lastSign, ping);
      }
      if (watch.intervalMs === undefined || watch.outage?.terminated) continue;
      const silentMs = now() - watch.lastSign;
      if (silentMs <= watch.intervalMs * SILENT_INTERVALS) continue;
      const closed = sockets.terminate();
      watch.outage = { since: watch.outage?.since ?? watch.lastSign, terminated: true };
      logger.warn(
        {
          platform: 'discord',
          request: 'gateway heartbeat',
          shardId,
          silentMs,
          heartbeatIntervalMs: watch.intervalMs,
          socketsClosed: closed,
          outcome: closed > 0 ? 'terminated, resuming' : 'could not terminate',
        },
        'Discord gateway: no heartbeat acknowledged; ending the dead connection at once to resume',
      );
    }
  };

  const onReconnecting = (shardId: number): void => {
    const watch = watchOf(shardId);
    if (watch.outage) return;
    watch.outage = { since: now(), terminated: false };
    logger.warn(
      { platform: 'discord', request: 'gateway', shardId, outcome: 'reconnecting' },
      'Discord gateway connection closed; reconnecting',
    );
  };
  const onBack = (outcome: 'resumed' | 'reconnected') => (shardId: number) => {
    const watch = watchOf(shardId);
    if (watch.outage) {
      logger.warn(
        {
          platform: 'discord',
          request: 'gateway',
          shardId,
          outageMs: now() - watch.outage.since,
          outcome,
        },
        `Discord gateway ${outcome} after an outage`,
      );
    }
    watch.outage = undefined;
    watch.lastSign = now();
    watch.fresh = true;
  };
  const onResume = onBack('resumed');
  const onReady = onBack('reconnected');

  client.on(Events.ShardReconnecting, onReconnecting);
  client.on(Events.ShardResume, onResume);
  client.on(Events.ShardReady, onReady);
  const timer = setInterval(check, options.checkEveryMs ?? LIVENESS_CHECK_MS);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      client.off(Events.ShardReconnecting, onReconnecting);
      client.off(Events.ShardResume, onResume);
      client.off(Events.ShardReady, onReady);
      if (!options.sockets) sockets.stop();
    },
  };
}
