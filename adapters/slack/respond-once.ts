import type { Reply } from './reply-deps.ts';
import { ResponseUrlError } from './response-url.ts';
import { apologyReply, type SlackRuntime } from './runtime.ts';
import {
  type ChatClient,
  describeError,
  type RespondFn,
  type RespondMessage,
} from './slack-client.ts';

/**
 * What Bolt hands a listener that answers through a response URL (a slash command, a button)
 * besides the delivery itself: the acknowledgement, the URL's `respond`, and the Web API client.
 */
export interface RespondingDelivery {
  ack: () => Promise<void>;
  respond: RespondFn;
  client: ChatClient;
}

/** Where a response-URL answer goes, and what to fall back on. */
export interface RespondTarget {
  respond: RespondFn;
  client: ChatClient;
  /** The conversation and the person who asked: where the apology goes if the URL refuses. */
  channel: string | undefined;
  user: string | undefined;
  requestId: string | undefined;
  /** Names the request in the log: `slash command` or `button`. */
  what: string;
}

/**
 * Answers through a response URL, at most once on screen. When Slack refused the answer (its
 * response URL expired after 30 minutes or five uses: 404), the asker gets the one-line apology
 * by `chat.postEphemeral`, once. When the outcome is unknown (a 5xx, a timeout, a dropped
 * connection), nothing is sent again: the answer may be showing already. Every failure is logged
 * with the platform, the route and the outcome. Never throws.
 */
export async function respondOnce(
  runtime: SlackRuntime,
  target: RespondTarget,
  message: RespondMessage,
): Promise<void> {
  const { logger } = runtime;
  const base = { platform: 'slack', route: 'response_url', requestId: target.requestId };
  try {
    await target.respond(message);
    return;
  } catch (error) {
    const refused = error instanceof ResponseUrlError && !error.shown;
    if (!refused || !target.channel || !target.user) {
      logger.error(
        {
          ...base,
          outcome: refused ? 'gave up' : 'gave up; may be shown, not repeated',
          ...describeError(error),
        },
        `${target.what} response failed`,
      );
      return;
    }
    logger.warn(
      {
        ...base,
        status: error.status,
        outcome: 'apologising by chat.postEphemeral',
        ...describeError(error),
      },
      `${target.what} response failed`,
    );
  }
  await apologise(runtime, target, apologyReply());
}

/**
 * Shows a placeholder through a response URL ("Looking in the library…", "Fetching …"), for the
 * channel to see, before an answer that takes a while replaces it. If it fails, the answer still
 * follows (`respondOnce` handles that one): logged, never thrown.
 */
export async function respondPlaceholder(
  runtime: SlackRuntime,
  target: RespondTarget,
  message: Pick<RespondMessage, 'text' | 'blocks'>,
): Promise<void> {
  try {
    await target.respond({ ...message, response_type: 'in_channel' });
  } catch (error) {
    runtime.logger.warn(
      {
        platform: 'slack',
        route: 'response_url',
        requestId: target.requestId,
        outcome: 'answering without it',
        ...describeError(error),
      },
      'Slack placeholder not shown',
    );
  }
}

async function apologise(
  runtime: SlackRuntime,
  target: RespondTarget,
  apology: Reply,
): Promise<void> {
  const base = { platform: 'slack', method: 'chat.postEphemeral', requestId: target.requestId };
  try {
    await target.client.chat.postEphemeral({
      channel: target.channel ?? '',
      user: target.user ?? '',
      text: apology.message.text,
      blocks: apology.message.blocks,
    });
    runtime.logger.info(
      { ...base, outcome: 'apologised once' },
      'Slack answer replaced by an apology',
    );
  } catch (error) {
    runtime.logger.error(
      { ...base, outcome: 'gave up', ...describeError(error) },
      'Slack apology not sent',
    );
  }
}
