import { randomUUID } from 'node:crypto';
import type { SearchRequest } from '../../src/index.ts';
import { createExpiringMap } from '../shared/expiring-map.ts';

/** How long a More results button works after its message was sent. */
export const PAGING_TTL_MS = 60 * 60 * 1000;
/** Most result lists whose next page is remembered. */
export const PAGING_MAX_ENTRIES = 5_000;

/** A page to fetch when More results is pressed. */
export interface PageRef {
  request: SearchRequest;
  /** 0-based page to show. */
  page: number;
}

/**
 * Holds the search behind each More results button server-side, so the button's value is a
 * short key rather than the query (which may be long, and is nobody else's business).
 */
export interface PagingStore {
  /** Remembers a page and returns the key to put in the button. */
  put(ref: PageRef): string;
  /** The page behind a key, or undefined once it expired or was forgotten. */
  get(key: string): PageRef | undefined;
}

export function createPagingStore(options: {
  now: () => number;
  ttlMs?: number;
  maxEntries?: number;
  /** Key source; random UUIDs unless a test wants predictable keys. */
  newKey?: () => string;
}): PagingStore {
  const pages = createExpiringMap<PageRef>({
    ttlMs: options.ttlMs ?? PAGING_TTL_MS,
    maxEntries: options.maxEntries ?? PAGING_MAX_ENTRIES,
    now: options.now,
  });
  const newKey = options.newKey ?? (() => randomUUID());
  return {
    put(ref) {
      const key = newKey();
      pages.set(key, { request: { ...ref.request }, page: ref.page });
      return key;
    },
    get: (key) => pages.get(key),
  };
}
