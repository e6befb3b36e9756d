import type {
  ChannelRef,
  DailyCommands,
  SubscribeRequest,
} from '../../../adapters/shared/daily-port.ts';
import { createPagingStore } from '../../../adapters/slack/paging-store.ts';
import type { ReplyDeps } from '../../../adapters/slack/reply-deps.ts';
import { createEngine, type Engine } from '../../../src/index.ts';
import { TINY_CORPUS } from './tiny-corpus.ts';

/** The real engine over the tiny corpus, built once per test file. */
let engine: Engine | undefined;
export async function tinyEngine(): Promise<Engine> {
  engine ??= await createEngine(TINY_CORPUS);
  return engine;
}

/** 23:30 UTC on 1 May 2024: already 2 May in Paris, so "today" depends on the zone. */
export const NOW = new Date('2024-05-01T23:30:00Z');

/** A recording stand-in for the scheduler's port (the scheduler is not what these tests test). */
export function recordingDaily(): DailyCommands & {
  calls: Array<{ action: string; request: SubscribeRequest | ChannelRef }>;
} {
  const calls: Array<{ action: string; request: SubscribeRequest | ChannelRef }> = [];
  return {
    calls,
    async subscribe(request) {
      calls.push({ action: 'subscribe', request });
      return { ok: true, text: `Subscribed: the paper of the day at ${request.time ?? '09:00'}.` };
    },
    async unsubscribe(channel) {
      calls.push({ action: 'unsubscribe', request: channel });
      return { ok: true, text: 'Unsubscribed.' };
    },
    async status(channel) {
      calls.push({ action: 'status', request: channel });
      return { ok: false, text: 'This channel gets no <!channel> daily post.' };
    },
  };
}

/** Reply dependencies with predictable paging keys, clock and randomness. */
export async function replyDeps(overrides: Partial<ReplyDeps> = {}): Promise<ReplyDeps> {
  let key = 0;
  return {
    engine: await tinyEngine(),
    paging: createPagingStore({ now: () => NOW.getTime(), newKey: () => `page-${++key}` }),
    now: () => NOW,
    random: () => 0,
    timezone: 'Europe/Paris',
    ...overrides,
  };
}
