import type { SlackBlock } from './blocks/block-kit.ts';
import type { MessageMark, ReadBackClient } from './marked-messages.ts';

/** A message posted by the bot; unfurling and auto-parsing stay off on everything it sends. */
export interface PostMessageArgs {
  channel: string;
  thread_ts?: string;
  text: string;
  blocks: SlackBlock[];
  unfurl_links: false;
  unfurl_media: false;
  /** Message metadata: invisible to people, readable back with `include_all_metadata`. */
  metadata?: MessageMark;
}

/** A message only one person in the channel sees (`chat.postEphemeral`). */
export interface EphemeralArgs {
  channel: string;
  user: string;
  thread_ts?: string;
  text: string;
  blocks: SlackBlock[];
}

/** The slice of Bolt's `WebClient` that tells whether a user is an admin (scope `users:read`). */
export interface UsersClient {
  users: {
    info(args: { user: string }): Promise<{
      user?: { is_admin?: boolean; is_owner?: boolean; is_primary_owner?: boolean };
    }>;
  };
}

/**
 * The slice of Bolt's `WebClient` the adapter calls. Declared narrowly so the real client fits
 * and the mapping code shows exactly which Web API methods it needs.
 */
export interface ChatClient extends ReadBackClient, UsersClient {
  chat: {
    postMessage(args: PostMessageArgs): Promise<{ ok?: boolean; ts?: string }>;
    postEphemeral(args: EphemeralArgs): Promise<{ ok?: boolean }>;
    update(args: {
      channel: string;
      ts: string;
      text: string;
      blocks: SlackBlock[];
    }): Promise<{ ok?: boolean }>;
  };
}

/** A message for `respond()` (a slash command's or a button's `response_url`). */
export interface RespondMessage {
  text: string;
  blocks: SlackBlock[];
  response_type?: 'ephemeral' | 'in_channel';
  replace_original?: boolean;
  unfurl_links?: boolean;
  unfurl_media?: boolean;
}

export type RespondFn = (message: RespondMessage) => Promise<unknown>;

/** What can be logged of a failed Web API call: its code and Slack's error, never a token. */
export function describeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { error: String(error) };
  const coded = error as Error & { code?: unknown; data?: { error?: unknown } };
  return {
    error: error.message,
    ...(coded.code !== undefined ? { code: coded.code } : {}),
    ...(coded.data?.error !== undefined ? { slackError: coded.data.error } : {}),
  };
}
