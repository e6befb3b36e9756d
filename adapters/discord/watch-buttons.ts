import type { WatchFeedbackKind } from '../shared/watch-port.ts';
import { LIMITS } from './limits.ts';

/**
 * The custom_ids of the buttons under a watch post. A watch post lives for days, far beyond the
 * button store's 15 minutes, so these ids carry what a press needs (the kind, the watch and the
 * paper) instead of a key into the store; the channel and the user come with the press.
 */

/** Every watch button's custom_id starts with this (never the store's `sh1:`). */
export const WATCH_BUTTON_PREFIX = 'shw1';

const KIND_CODES: Record<WatchFeedbackKind, string> = { more: 'm', less: 'l', save: 's' };
const KINDS_BY_CODE = new Map(
  Object.entries(KIND_CODES).map(([kind, code]) => [code, kind as WatchFeedbackKind]),
);

/** What a watch button says. */
export interface WatchButton {
  kind: WatchFeedbackKind;
  watchId: string;
  arxiv: string;
}

/**
 * `shw1:m:<watch>:<arxiv>`, each part percent-encoded (so a colon inside cannot split it);
 * undefined when it would pass Discord's 100 characters or a part is empty.
 */
export function encodeWatchButton(button: WatchButton): string | undefined {
  if (button.watchId === '' || button.arxiv === '') return undefined;
  if (!button.watchId.isWellFormed() || !button.arxiv.isWellFormed()) return undefined;
  const id = [
    WATCH_BUTTON_PREFIX,
    KIND_CODES[button.kind],
    encodeURIComponent(button.watchId),
    encodeURIComponent(button.arxiv),
  ].join(':');
  return id.length <= LIMITS.customId ? id : undefined;
}

/** The button a custom_id names, or undefined when it is not a watch button (or is malformed). */
export function decodeWatchButton(customId: string): WatchButton | undefined {
  const parts = customId.split(':');
  if (parts.length !== 4 || parts[0] !== WATCH_BUTTON_PREFIX) return undefined;
  const kind = KINDS_BY_CODE.get(parts[1] ?? '');
  if (!kind) return undefined;
  try {
    const watchId = decodeURIComponent(parts[2] ?? '');
    const arxiv = decodeURIComponent(parts[3] ?? '');
    if (watchId === '' || arxiv === '') return undefined;
    return { kind, watchId, arxiv };
  } catch {
    return undefined;
  }
}

/** True for a custom_id of a watch button (whether or not it decodes). */
export function isWatchButtonId(customId: string): boolean {
  return customId.startsWith(`${WATCH_BUTTON_PREFIX}:`);
}
