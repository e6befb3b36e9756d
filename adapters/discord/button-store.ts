import type { SearchRequest } from '../../src/index.ts';
import { createExpiringMap } from '../shared/expiring-map.ts';

/** How many button states are kept at most: the oldest go first when it is full. */
export const DEFAULT_STORE_CAPACITY = 10_000;
/** How long a button works after its message was sent: the life of an interaction token. */
export const DEFAULT_STORE_TTL_MS = 15 * 60 * 1000;
/** Every custom_id Shammie makes starts with this, so foreign or older ids are recognised. */
export const CUSTOM_ID_PREFIX = 'sh1:';

/** Where a "back" button returns to: a page of a search. */
export interface ResultsPlace {
  request: SearchRequest;
  page: number;
}

/** What can be done to one paper from a button. */
export type PaperAction = 'summary' | 'similar' | 'cite';

/**
 * What pressing a button (or picking in a select menu) does. Held server-side, not in the id.
 * `aside`: the result goes to the presser alone and the message stays as it is (the buttons
 * under an answer to /ask, which a thread may hang on).
 */
export type ButtonAction =
  | { kind: 'page'; place: ResultsPlace }
  | { kind: PaperAction; paperId: string; back?: ResultsPlace; aside?: true }
  | { kind: 'random'; topic?: string }
  /** A select menu listing papers: the chosen value is an index into `paperIds`. */
  | { kind: 'pick'; action: PaperAction; paperIds: string[]; back?: ResultsPlace; aside?: true };

/** A bounded map from short custom_ids to button actions, whose entries expire. */
export interface ButtonStore {
  /** Stores the action and returns the custom_id that leads back to it. */
  put(action: ButtonAction): string;
  /** The action of a custom_id, or undefined when it expired, was evicted or is not ours. */
  get(customId: string): ButtonAction | undefined;
  readonly size: number;
  clear(): void;
}

export interface ButtonStoreOptions {
  now?: () => number;
  capacity?: number;
  ttlMs?: number;
  /**
   * Source of the id's per-process prefix, so a button of a previous run never reaches an
   * action of this one after a restart.
   */
  random?: () => number;
}

/**
 * Creates the store. Expired entries are dropped by the expiring map's unref'd timers, so there
 * is nothing to stop.
 */
export function createButtonStore(options: ButtonStoreOptions = {}): ButtonStore {
  const random = options.random ?? Math.random;
  const run = Math.floor(random() * 36 ** 4)
    .toString(36)
    .padStart(4, '0');
  const entries = createExpiringMap<ButtonAction>({
    ttlMs: options.ttlMs ?? DEFAULT_STORE_TTL_MS,
    maxEntries: options.capacity ?? DEFAULT_STORE_CAPACITY,
    now: options.now ?? (() => Date.now()),
  });
  let counter = 0;

  return {
    put(action) {
      const key = `${CUSTOM_ID_PREFIX}${run}${(counter++).toString(36)}`;
      entries.set(key, action);
      return key;
    },
    get: (customId) => entries.get(customId),
    get size() {
      return entries.size;
    },
    clear: () => entries.clear(),
  };
}
