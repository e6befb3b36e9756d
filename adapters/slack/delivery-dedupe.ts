import { createExpiringMap } from '../shared/expiring-map.ts';

/** How long a delivery is remembered: Slack's retries come within minutes. */
export const DEDUPE_TTL_MS = 15 * 60 * 1000;
/** Most deliveries remembered at once. */
export const DEDUPE_MAX_ENTRIES = 10_000;

/** An event as far as deduplication reads it. */
export interface Delivery {
  /** The Events API envelope's `event_id`, the same on every retry. */
  eventId?: string;
  channel?: string;
  /** The message's ts: one mention sent as `app_mention` and as `message` shares channel + ts. */
  ts?: string;
}

/**
 * Slack delivers at least once. `isFirst` answers true exactly once per delivery, whether the
 * repeat is a retry (same event id) or the same message under another event type (same channel
 * and ts). Checking and recording happen together, synchronously, so two deliveries racing
 * through the event loop cannot both pass.
 */
export interface DeliveryDedupe {
  isFirst(delivery: Delivery): boolean;
}

export function createDeliveryDedupe(options: {
  now: () => number;
  ttlMs?: number;
  maxEntries?: number;
}): DeliveryDedupe {
  const seen = createExpiringMap<true>({
    ttlMs: options.ttlMs ?? DEDUPE_TTL_MS,
    maxEntries: options.maxEntries ?? DEDUPE_MAX_ENTRIES,
    now: options.now,
  });
  return {
    isFirst(delivery) {
      const keys: string[] = [];
      if (delivery.eventId) keys.push(`event:${delivery.eventId}`);
      if (delivery.channel && delivery.ts) keys.push(`message:${delivery.channel}:${delivery.ts}`);
      const repeat = keys.some((key) => seen.has(key));
      for (const key of keys) seen.set(key, true);
      return !repeat;
    },
  };
}
