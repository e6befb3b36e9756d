import { createExpiringMap } from '../shared/expiring-map.ts';
import { createOncePost } from '../shared/idempotent-post.ts';
import type { Logger } from '../shared/logger.ts';
import {
  LOOKBACK_MS,
  UNCERTAIN_MAX_ENTRIES,
  UNCERTAIN_TTL_MS,
} from '../shared/uncertain-attempts.ts';
import type { WatchPoster } from '../shared/watch-port.ts';
import { context } from './blocks/block-kit.ts';
import { watchSlackMessages } from './blocks/watch-blocks.ts';
import { type PosterClient, toPostError } from './daily-poster.ts';
import { findMarkedMessage, type MessageMark } from './marked-messages.ts';
import { describeError } from './slack-client.ts';
import { mayHaveLanded } from './web-api-policy.ts';

/** The metadata event type that marks Shammie's watch posts (invisible in the channel). */
export const WATCH_EVENT_TYPE = 'shammie_watch_post';

/** The first reply under a watch post, so the discussion has an obvious place to go. */
export const WATCH_THREAD_STARTER =
  'Discuss these papers here: questions, takeaways, related work.';

/** The mark of one message of a watch post: the same on every attempt at it. */
export function watchMark(view: { date: string; watchId: string }, part: number): MessageMark {
  return {
    event_type: WATCH_EVENT_TYPE,
    event_payload: { date: view.date, watch: view.watchId, part: String(part + 1) },
  };
}

/**
 * Watch posts for Slack (`blocks/watch-blocks.ts` draws them), each message marked with metadata
 * naming (date, watch, part): after a post whose answer was lost, the channel is read back for
 * that mark before the message is sent again, as for the daily post (`daily-poster.ts`,
 * `shared/idempotent-post.ts`). A post of more than five papers is several messages; those
 * already out are remembered, so a retry after a later one failed sends only what is missing.
 * The discussion opens in the thread of the first message. Resolves with its ts; rejects with a
 * `PostError`.
 */
export function createSlackWatchPoster(
  client: PosterClient,
  options: { logger?: Logger; now?: () => number } = {},
): WatchPoster {
  const log = options.logger;
  const now = options.now ?? Date.now;
  const post = createOncePost({
    platform: 'slack',
    what: 'watch post',
    logger: log,
    now,
    mayHaveLanded,
    toPostError: (error, channelId) => toPostError(error, channelId, 'watch post'),
    describeError,
  });
  /** `channel date watch part` → ts of a message of a watch post that is out. */
  const sent = createExpiringMap<string>({
    ttlMs: UNCERTAIN_TTL_MS,
    maxEntries: UNCERTAIN_MAX_ENTRIES,
    now,
  });

  const openThread = async (channelId: string, ts: string) => {
    try {
      await client.chat.postMessage({
        channel: channelId,
        thread_ts: ts,
        text: WATCH_THREAD_STARTER,
        blocks: [context(`:thread: ${WATCH_THREAD_STARTER}`)],
        unfurl_links: false,
        unfurl_media: false,
      });
    } catch (error) {
      // The papers are posted, which is what counts; people can still reply to them.
      log?.warn(
        { platform: 'slack', method: 'chat.postMessage', channelId, ts, ...describeError(error) },
        'watch thread starter not posted',
      );
    }
  };

  return {
    platform: 'slack',
    async postWatch(channelId, view) {
      let first: string | undefined;
      for (const [part, message] of watchSlackMessages(view).entries()) {
        const mark = watchMark(view, part);
        const key = `${view.date} watch ${view.watchId} part ${part + 1}`;
        const memo = `${channelId} ${key}`;
        let ts = sent.get(memo);
        if (ts === undefined) {
          ({ messageId: ts } = await post(channelId, key, {
            findEarlier: (since) =>
              findMarkedMessage(client, { channel: channelId, oldest: since - LOOKBACK_MS }, mark),
            send: async () => {
              const result = await client.chat.postMessage({
                channel: channelId,
                ...message,
                metadata: mark,
              });
              if (!result.ts) {
                throw new Error(`Slack gave no message ts for the watch post to ${channelId}`);
              }
              return result.ts;
            },
            openThread: async (posted) => {
              if (part === 0 && view.items.length > 0) await openThread(channelId, posted);
            },
          }));
          sent.set(memo, ts);
        }
        first ??= ts;
      }
      return { messageId: first as string };
    },
  };
}
