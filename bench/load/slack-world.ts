/**
 * Slack as the bot under load sees it: the wiring tests' fake Web API on 127.0.0.1, and
 * deliveries signed as Slack signs them, sent to the bot's HTTP receiver. Every answer the bot
 * sends is stamped on arrival and filed under the request it answers: a thread (mentions,
 * buttons), a channel (direct messages) or a response URL (slash commands, More results).
 */
import { type RecordedCall, startFakeSlackApi } from '../../test/adapters/slack/fake-slack-api.ts';
import { postSigned } from '../../test/adapters/slack/signed-request.ts';
import { watchArrivals } from './arrivals.ts';

/** One answer the bot sent. */
export interface SlackAnswer {
  /** `performance.now()` when the fake received it. */
  at: number;
  /** `chat.postMessage`, `chat.postEphemeral` or `response_url`. */
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

export interface SlackWorld {
  apiUrl: string;
  token: string;
  signingSecret: string;
  /** Where the bot listens; set once it has started. */
  port: number;
  /** POSTs a signed body to the bot's /slack/events; resolves with the status and ack time. */
  send(
    body: string,
    options?: { form?: boolean; headers?: Record<string, string> },
  ): Promise<{ status: number; at: number }>;
  /** A response URL on the fake, answered and filed under `response:<id>`. */
  responseUrl(id: string): string;
  /** Answers by key, in arrival order. Delete entries you are done with. */
  answers: Map<string, SlackAnswer[]>;
  /** Calls that matched no request (auth.test aside). */
  stray: number;
  close(): Promise<void>;
}

/**
 * Starts the fake Web API. Requests are signed with the time `now` gives (the bot's clock,
 * which a soak may run faster than real time).
 */
export async function startSlackWorld(
  options: { now?: () => number; keepCalls?: boolean } = {},
): Promise<SlackWorld> {
  const api = await startFakeSlackApi();
  const now = options.now ?? Date.now;
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
  const world: SlackWorld = {
    apiUrl: api.apiUrl,
    token: 'xoxb-load-test-token',
    signingSecret: 'load-test-signing-secret',
    port: 0,
    async send(body, sendOptions = {}) {
      const response = await postSigned(
        `http://127.0.0.1:${world.port}/slack/events`,
        world.signingSecret,
        body,
        {
          timestamp: Math.floor(now() / 1000),
          ...(sendOptions.form ? { contentType: 'application/x-www-form-urlencoded' } : {}),
          ...(sendOptions.headers ? { headers: sendOptions.headers } : {}),
        },
      );
      return { status: response.status, at: performance.now() };
    },
    responseUrl: (id) => api.responseUrl(id),
    answers,
    get stray() {
      return stray;
    },
    close: () => api.close(),
  };
  return world;
}
