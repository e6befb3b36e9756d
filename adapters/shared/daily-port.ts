import type { DailyView } from '../../src/index.ts';

/** The platforms that can carry a daily post. */
export type Platform = 'discord' | 'slack';

/** Where a daily post goes. */
export interface ChannelRef {
  platform: Platform;
  channelId: string;
  /** Discord guild id or Slack team id, when known. */
  workspaceId?: string;
}

/** A platform's "post to channel" port, provided by each adapter to the scheduler. */
export interface DailyPoster {
  platform: Platform;
  /**
   * Posts the daily view to a channel (and opens its discussion thread where the platform has one).
   * Resolves with the platform's message id; rejects with a `PostError` on failure.
   */
  postDaily(channelId: string, view: DailyView): Promise<{ messageId: string }>;
}

/** Why a post failed: permanent failures (deleted channel, bot removed) are not retried forever. */
export class PostError extends Error {
  override readonly name = 'PostError';
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/** A user's subscription request, already parsed by the adapter. */
export interface SubscribeRequest {
  channel: ChannelRef;
  /** HH:MM in `timezone`; the default schedule when absent. */
  time?: string;
  /** IANA zone; the default zone when absent. */
  timezone?: string;
}

/**
 * The scheduler's answers, as plain words with no platform's markup (no backticks, no
 * asterisks): each adapter escapes them for its platform, and the terminal prints them as they are.
 */
export interface DailyCommands {
  subscribe(request: SubscribeRequest): Promise<{ ok: boolean; text: string }>;
  unsubscribe(channel: ChannelRef): Promise<{ ok: boolean; text: string }>;
  status(channel: ChannelRef): Promise<{ ok: boolean; text: string }>;
}
