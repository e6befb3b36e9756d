import { createHash } from 'node:crypto';
import { Routes } from 'discord.js';
import { createExpiringMap } from '../shared/expiring-map.ts';
import { createOncePost } from '../shared/idempotent-post.ts';
import type { Logger } from '../shared/logger.ts';
import { UNCERTAIN_MAX_ENTRIES, UNCERTAIN_TTL_MS } from '../shared/uncertain-attempts.ts';
import type { WatchPoster, WatchPostView } from '../shared/watch-port.ts';
import {
  createReadBack,
  mayHaveLanded,
  openPostThread,
  type PosterClient,
  toPostError,
} from './daily-poster.ts';
import { watchMessages, watchThreadName } from './watch-message.ts';

/** Longest nonce Discord takes. */
const NONCE_LENGTH = 25;

/** Which message of which watch post: the same on every attempt at it. */
export function watchPartKey(view: Pick<WatchPostView, 'date' | 'watchId'>, part: number): string {
  return `${view.date} watch ${view.watchId} part ${part + 1}`;
}

/** The nonce of one message of a watch post: the same on every attempt (see the daily post's). */
export function watchNonce(channelId: string, key: string): string {
  return createHash('sha256')
    .update(`shammie-watch:${channelId}:${key}`)
    .digest('hex')
    .slice(0, NONCE_LENGTH);
}

/**
 * Watch posts for Discord (`watch-message.ts` draws them): each message carries a nonce derived
 * from (channel, date, watch, part) with `enforce_nonce`, and after an uncertain failure the
 * channel is read back before that message is tried again, as for the daily post
 * (`shared/idempotent-post.ts`). A post of more than five papers is several messages; those
 * already out are remembered, so a retry after a later one failed sends only what is missing.
 * The discussion thread is opened on the first message. Resolves with the first message's id;
 * rejects with a `PostError`.
 */
export function createDiscordWatchPoster(
  client: PosterClient,
  options: { logger?: Logger; now?: () => number } = {},
): WatchPoster {
  const log = options.logger;
  const now = options.now ?? Date.now;
  const readBack = createReadBack(client);
  const post = createOncePost({
    platform: 'discord',
    what: 'watch post',
    logger: log,
    now,
    mayHaveLanded,
    toPostError,
    describeError: (error) => ({ err: error }),
  });
  /** `channel key` → id of a message of a watch post that is out. */
  const sent = createExpiringMap<string>({
    ttlMs: UNCERTAIN_TTL_MS,
    maxEntries: UNCERTAIN_MAX_ENTRIES,
    now,
  });

  return {
    platform: 'discord',
    async postWatch(channelId, view) {
      const messages = watchMessages(view);
      const threadName = watchThreadName(view);
      let first: string | undefined;
      for (const [part, payload] of messages.entries()) {
        const key = watchPartKey(view, part);
        const memo = `${channelId} ${key}`;
        let messageId = sent.get(memo);
        if (messageId === undefined) {
          const body = { ...payload, nonce: watchNonce(channelId, key), enforce_nonce: true };
          ({ messageId } = await post(channelId, key, {
            findEarlier: (since) => readBack(channelId, body.content, since),
            send: async () => {
              const message = (await client.rest.post(Routes.channelMessages(channelId), {
                body,
              })) as { id: string };
              return message.id;
            },
            // The discussion hangs on the first message; a note that nothing matched has none.
            openThread: async (id) => {
              if (part === 0 && view.items.length > 0) {
                await openPostThread(
                  client,
                  { channelId, messageId: id, name: threadName },
                  log,
                  'watch post',
                );
              }
            },
          }));
          sent.set(memo, messageId);
        }
        first ??= messageId;
      }
      return { messageId: first as string };
    },
  };
}
