import type { LibraryService } from '../../../adapters/library/library-service.ts';
import type { AskService } from '../../../adapters/shared/ask-port.ts';
import type { DailyCommands } from '../../../adapters/shared/daily-port.ts';
import { createRateLimiter, type RateLimiter } from '../../../adapters/shared/rate-limit.ts';
import type { WatchCommands } from '../../../adapters/shared/watch-port.ts';
import {
  type SlackHandle,
  type StartSlackOptions,
  startSlack,
} from '../../../adapters/slack/start-slack.ts';
import type { Engine } from '../../../src/index.ts';
import { type LogEntry, recordingLogger } from '../shared/recording-logger.ts';
import { type FakeSlackApi, type RecordedCall, startFakeSlackApi } from './fake-slack-api.ts';
import { eventEnvelope, mentionEvent } from './payloads.ts';
import { tinyEngine } from './reply-deps-fixture.ts';
import { postSigned, type SignOptions } from './signed-request.ts';

export const SIGNING_SECRET = 'test-signing-secret';
export const BOT_TOKEN = 'xoxb-test-token';

/** A real Bolt app in HTTP mode on 127.0.0.1, talking to a fake Slack API on 127.0.0.1. */
export interface SlackHarness {
  api: FakeSlackApi;
  slack: SlackHandle;
  logs: LogEntry[];
  eventsUrl: string;
  /** POSTs a signed JSON body to /slack/events. */
  postJson(body: unknown, options?: SignOptions): Promise<{ status: number; text: string }>;
  /** POSTs a signed form body to /slack/events. */
  postForm(form: string, options?: SignOptions): Promise<{ status: number; text: string }>;
  /**
   * Sends a fresh mention and waits for its answer. An earlier delivery was acknowledged before
   * this one was sent, and its listener reaches its Web API call (or its decision to stay quiet)
   * within the same turn of work, long before this round trip completes: once the barrier is
   * answered, anything the earlier delivery was going to post has been posted.
   */
  barrier(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A limit no test reaches: wiring tests send dozens of requests from one user in milliseconds,
 * which the real default would (rightly) refuse. Rate-limit tests pass their own.
 */
export function roomyLimiter(): RateLimiter {
  return createRateLimiter({ capacity: 1e9, refillPerSecond: 1e9, now: Date.now });
}

export async function startHarness(
  options: {
    daily?: DailyCommands;
    watch?: WatchCommands;
    /** The engine (default: the real one over the tiny corpus). */
    engine?: Engine;
    limiter?: RateLimiter;
    /** Who answers questions (default: the adapter's own extractive service). */
    ask?: AskService;
    /** The library `add`, `remove` and `library` use (default: none). */
    library?: LibraryService;
    tuning?: StartSlackOptions['tuning'];
    /** Start the fake Web API with these options. */
    api?: Parameters<typeof startFakeSlackApi>[0];
  } = {},
): Promise<SlackHarness> {
  const api = await startFakeSlackApi(options.api);
  const logger = recordingLogger();
  const slack = await startSlack({
    config: { botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, port: 0, apiUrl: api.apiUrl },
    engine: options.engine ?? (await tinyEngine()),
    logger,
    host: '127.0.0.1',
    timezone: 'UTC',
    random: () => 0,
    // Small pages, so More results shows up with the tiny corpus.
    pageSize: 2,
    ...(options.daily ? { daily: options.daily } : {}),
    ...(options.watch ? { watch: options.watch } : {}),
    limiter: options.limiter ?? roomyLimiter(),
    ...(options.tuning ? { tuning: options.tuning } : {}),
    ...(options.ask ? { ask: options.ask } : {}),
    ...(options.library ? { library: options.library } : {}),
  });
  const eventsUrl = `http://127.0.0.1:${slack.port}/slack/events`;
  const postJson = (body: unknown, sign?: SignOptions) =>
    postSigned(eventsUrl, SIGNING_SECRET, JSON.stringify(body), sign);
  const postForm = (form: string, sign?: SignOptions) =>
    postSigned(eventsUrl, SIGNING_SECRET, form, {
      contentType: 'application/x-www-form-urlencoded',
      ...sign,
    });
  return {
    api,
    slack,
    logs: logger.entries,
    eventsUrl,
    postJson,
    postForm,
    async barrier() {
      const event = mentionEvent('help');
      const response = await postJson(eventEnvelope(event));
      if (response.status !== 200) throw new Error(`barrier mention got ${response.status}`);
      await api.waitFor((calls) => postsInThread(calls, event.ts).length > 0);
    },
    async close() {
      await slack.stop();
      await api.close();
    },
  };
}

/** chat.postMessage calls answering in the thread of `ts`. */
export function postsInThread(calls: RecordedCall[], ts: string): RecordedCall[] {
  return calls.filter((c) => c.method === 'chat.postMessage' && c.body.thread_ts === ts);
}
