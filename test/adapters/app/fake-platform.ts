import type { PlatformHandle } from '../../../adapters/app/platform-handles.ts';
import type { DailyPoster } from '../../../adapters/shared/daily-port.ts';
import type { WatchPoster, WatchPostView } from '../../../adapters/shared/watch-port.ts';
import type { StartSlackOptions } from '../../../adapters/slack/start-slack.ts';
import type { DailyView } from '../../../src/index.ts';

/**
 * A platform boot can start in-process: it keeps the options boot gave it (the engine among
 * them), records the daily and watch posts and the steps of its stop, and lets a test hold a
 * reply "in flight" until it says so.
 */
export function fakePlatform() {
  const steps: string[] = [];
  const posts: DailyView[] = [];
  const watchPosts: Array<{ channelId: string; view: WatchPostView }> = [];
  let given: StartSlackOptions | undefined;
  let inFlight = 0;
  let finish: () => void = () => undefined;
  let idle = Promise.resolve();
  const poster: DailyPoster = {
    platform: 'slack',
    async postDaily(_channelId, view) {
      posts.push(view);
      return { messageId: `m${posts.length}` };
    },
  };
  const watchPoster: WatchPoster = {
    platform: 'slack',
    async postWatch(channelId, view) {
      watchPosts.push({ channelId, view });
      return { messageId: `w${watchPosts.length}` };
    },
  };
  const handle: PlatformHandle = {
    poster,
    watchPoster,
    async stopReceiving() {
      steps.push('stopReceiving');
    },
    async idle() {
      steps.push('idle');
      await idle;
    },
    busy: () => inFlight,
    async stop() {
      steps.push('stop');
    },
  };
  return {
    steps,
    posts,
    watchPosts,
    /** The options boot started the platform with. */
    options: () => {
      if (!given) throw new Error('the platform was not started');
      return given;
    },
    start: async (options: StartSlackOptions): Promise<PlatformHandle> => {
      given = options;
      steps.push('start');
      return handle;
    },
    /** A reply starts; it is in flight until `finishReplies`. */
    beginReply() {
      inFlight += 1;
      idle = new Promise((resolve) => {
        finish = () => {
          inFlight = 0;
          resolve();
        };
      });
    },
    finishReplies: () => finish(),
  };
}
