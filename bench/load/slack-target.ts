/**
 * The Slack side under load: Shammie's real Bolt app in HTTP mode on 127.0.0.1 (signature
 * checks and all), its Web API pointed at the wiring tests' fake Slack on 127.0.0.1. Requests
 * are signed like Slack's; every answer the bot sends is stamped on arrival and filed under the
 * request it answers: a thread (mentions, buttons), a channel (direct messages) or a response
 * URL (slash commands, More results).
 */
import { type SlackHandle, startSlack } from '../../adapters/slack/start-slack.ts';
import type { Engine } from '../../src/index.ts';
import { type RecordedCall, startFakeSlackApi } from '../../test/adapters/slack/fake-slack-api.ts';
import { postSigned } from '../../test/adapters/slack/signed-request.ts';
import { watchArrivals } from './arrivals.ts';
import { countingLogger } from './counting-logger.ts';

const SIGNING_SECRET = 'load-test-signing-secret';
const BOT_TOKEN = 'xoxb-load-test-token';

/** One answer the bot sent. */
export interface SlackAnswer {
  /** `performance.now()` when the fake received it. */
  at: number;
  /** `chat.postMessage`, `chat.postEphemeral`, `chat.update` or `response_url`. */
  method: string;
  body: Record<string, unknown>;
}

/** Where an answer went, as the key the benchmark files it under. */
export function answerKey(call: RecordedCall): string | undefined {
  if (call.method === 'response_url') return `response:${call.responseId}`;
  if (call.method === 'chat.postMessage' || call.method === 'chat.postEphemeral') {
    const thread = call.body.thread_ts;
    return typeof thread === 'string' && thread !== ''
      ? `thread:${thread}`
      : `channel:${String(call.body.channel)}`;
  }
  return undefined;
}

export interface SlackTarget {
  /** POSTs a signed body to /slack/events; resolves with the status and when it was acked. */
  send(
    body: string,
    options?: { form?: boolean; headers?: Record<string, string> },
  ): Promise<{ status: number; at: number }>;
  /** A response URL on the fake, answered and recorded under `response:<id>`. */
  responseUrl(id: string): string;
  /** Answers by key, in arrival order. Delete entries you are done with. */
  answers: Map<string, SlackAnswer[]>;
  /** Calls that matched no request (auth.test aside). */
  stray: number;
  handle: SlackHandle;
  logger: ReturnType<typeof countingLogger>;
  close(): Promise<void>;
}

export interface SlackTargetOptions {
  engine: Engine;
  /** The bot's clock (the soak may run it faster); requests are signed with its time. */
  now?: () => Date;
  /** Keep the fake's own record of calls (off for a soak, so it does not grow). */
  keepCalls?: boolean;
}

/** Starts the fake Web API and the Bolt app on 127.0.0.1 (port chosen by the system). */
export async function startSlackTarget(options: SlackTargetOptions): Promise<SlackTarget> {
  const api = await startFakeSlackApi();
  const logger = countingLogger();
  const now = options.now ?? (() => new Date());
  const answers = new Map<string, SlackAnswer[]>();
  let stray = 0;
  watchArrivals<RecordedCall>(
    api.calls,
    (call, at) => {
      const key = answerKey(call);
      if (key === undefined) {
        if (call.method !== 'auth.test') stray += 1;
        return;
      }
      const answer = { at, method: call.method, body: call.body };
      const list = answers.get(key);
      if (list) list.push(answer);
      else answers.set(key, [answer]);
    },
    { keep: options.keepCalls ?? true },
  );
  const handle = await startSlack({
    config: { botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, port: 0, apiUrl: api.apiUrl },
    engine: options.engine,
    logger,
    host: '127.0.0.1',
    now,
    timezone: 'UTC',
  });
  const eventsUrl = `http://127.0.0.1:${handle.port}/slack/events`;
  return {
    async send(body, sendOptions = {}) {
      const response = await postSigned(eventsUrl, SIGNING_SECRET, body, {
        timestamp: Math.floor(now().getTime() / 1000),
        ...(sendOptions.form ? { contentType: 'application/x-www-form-urlencoded' } : {}),
        ...(sendOptions.headers ? { headers: sendOptions.headers } : {}),
      });
      return { status: response.status, at: performance.now() };
    },
    responseUrl: (id) => api.responseUrl(id),
    answers,
    get stray() {
      return stray;
    },
    handle,
    logger,
    async close() {
      await handle.stop();
      await api.close();
    },
  };
}
