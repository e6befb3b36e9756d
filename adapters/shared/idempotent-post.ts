import type { DailyView } from '../../src/index.ts';
import type { DailyPoster, Platform, PostError } from './daily-port.ts';
import type { Logger } from './logger.ts';
import { createUncertainAttempts } from './uncertain-attempts.ts';

/** What one platform does for one day's post; the order and the memory are the helper's. */
export interface PostSteps {
  /**
   * The id of this post when an earlier attempt made it, looked for since `since` (epoch ms,
   * the first uncertain attempt), else undefined. May throw (no permission to read back).
   */
  findEarlier(since: number): Promise<string | undefined>;
  /** Sends the post; resolves with its message id. */
  send(): Promise<string>;
  /** Opens the post's discussion thread; logs its own failure and never throws. */
  openThread(messageId: string): Promise<void>;
}

/** What every post made once needs, whatever it posts. */
export interface OncePostOptions {
  platform: Platform;
  /** True when a failed send may have posted all the same (a timeout, a 5xx). */
  mayHaveLanded(error: unknown): boolean;
  /** A failed send as the scheduler's `PostError` (permanent, or worth retrying later). */
  toPostError(error: unknown, channelId: string): PostError;
  /** What of an error may be logged (the platform's code and reason, never a token). */
  describeError(error: unknown): Record<string, unknown>;
  logger?: Logger | undefined;
  now?: (() => number) | undefined;
  /** What is posted, for the logs (default "daily post"). */
  what?: string;
}

export interface IdempotentPosterOptions extends OncePostOptions {
  /** The steps of one day's post to one channel. */
  steps(channelId: string, view: DailyView): PostSteps;
}

/**
 * Posts a message never twice for one (channel, key), whatever the platform: after a send whose
 * outcome is unknown it remembers the attempt, and before the next attempt at that (channel,
 * key) it reads the channel back for the post and takes it as sent when it is there. When the
 * channel cannot be read back, it sends again (a missed post is worse than a rare repeat, and
 * Discord's nonce still guards the repeat). The thread is opened on whichever post is the one.
 * `key` names the post among the channel's: the date of a daily post.
 */
export function createOncePost(
  options: OncePostOptions,
): (channelId: string, key: string, steps: PostSteps) => Promise<{ messageId: string }> {
  const { platform, logger: log } = options;
  const what = options.what ?? 'daily post';
  const uncertain = createUncertainAttempts(options.now ?? Date.now);

  const earlierPost = async (
    steps: PostSteps,
    channelId: string,
    date: string,
  ): Promise<string | undefined> => {
    const since = uncertain.since(channelId, date);
    if (since === undefined) return undefined;
    try {
      return await steps.findEarlier(since);
    } catch (error) {
      log?.warn(
        { platform, channelId, date, outcome: 'posting again', ...options.describeError(error) },
        `could not check whether an earlier attempt at the ${what} went through; posting again`,
      );
      return undefined;
    }
  };

  return async (channelId, date, steps) => {
    const earlier = await earlierPost(steps, channelId, date);
    if (earlier !== undefined) {
      uncertain.clear(channelId, date);
      log?.info(
        { platform, channelId, date, messageId: earlier, outcome: 'answered once' },
        `an earlier attempt at the ${what} had gone through; not sending it again`,
      );
      await steps.openThread(earlier);
      return { messageId: earlier };
    }
    let messageId: string;
    try {
      messageId = await steps.send();
    } catch (error) {
      if (options.mayHaveLanded(error)) uncertain.mark(channelId, date);
      throw options.toPostError(error, channelId);
    }
    uncertain.clear(channelId, date);
    await steps.openThread(messageId);
    return { messageId };
  };
}

/** The daily post made once per (channel, date): `createOncePost` keyed by the view's date. */
export function createIdempotentPoster(options: IdempotentPosterOptions): DailyPoster {
  const post = createOncePost(options);
  return {
    platform: options.platform,
    postDaily: (channelId, view) => post(channelId, view.date, options.steps(channelId, view)),
  };
}
