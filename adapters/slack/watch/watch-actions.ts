import type { WatchFeedbackKind } from '../../shared/watch-port.ts';
import { SLACK_LIMITS } from '../limits.ts';

/**
 * The buttons under a watch post on Slack. A post lives for days, so each button carries what a
 * press needs (the watch and the paper) in its value; the kind is its action id, and the channel
 * and the person come with the press.
 */
export const WATCH_ACTION_IDS: Readonly<Record<WatchFeedbackKind, string>> = {
  more: 'shammie_watch_more',
  less: 'shammie_watch_less',
  save: 'shammie_watch_save',
};

/** Matches exactly the watch buttons' action ids (what the listener is registered on). */
export const WATCH_ACTIONS = new RegExp(`^(?:${Object.values(WATCH_ACTION_IDS).join('|')})$`);

/** The kind of a watch button's action id, or undefined. */
export function watchKindOf(actionId: string): WatchFeedbackKind | undefined {
  for (const [kind, id] of Object.entries(WATCH_ACTION_IDS)) {
    if (id === actionId) return kind as WatchFeedbackKind;
  }
  return undefined;
}

/**
 * Longest button value made. Slack takes 2,000, but a post repeats each value three times per
 * paper and a message holds about 12,000 characters of blocks: real watch and arXiv ids are a
 * few dozen characters, and anything much longer would crowd the papers out.
 */
export const WATCH_VALUE_MAX = Math.min(SLACK_LIMITS.buttonValue, 200);

/** A button's value: `{"w":watch,"a":arxiv}`; undefined when longer than `WATCH_VALUE_MAX`. */
export function encodeWatchValue(watchId: string, arxiv: string): string | undefined {
  if (watchId === '' || arxiv === '') return undefined;
  const value = JSON.stringify({ w: watchId, a: arxiv });
  return value.length <= WATCH_VALUE_MAX ? value : undefined;
}

/** The watch and paper of a button's value, or undefined when it does not read. */
export function decodeWatchValue(value: string): { watchId: string; arxiv: string } | undefined {
  try {
    const parsed = JSON.parse(value) as unknown;
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const { w, a } = parsed as { w?: unknown; a?: unknown };
    if (typeof w !== 'string' || typeof a !== 'string' || w === '' || a === '') return undefined;
    return { watchId: w, arxiv: a };
  } catch {
    return undefined;
  }
}
