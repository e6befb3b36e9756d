/**
 * Finding Shammie's own message again after a post whose answer was lost. Slack has no
 * idempotency key for `chat.postMessage`, but a message carries `metadata` (invisible to people)
 * that `conversations.history` and `conversations.replies` return with `include_all_metadata`:
 * a post marked with what it answers can be looked for before it is sent again.
 */

/** Message metadata as Slack takes and returns it. */
export interface MessageMark {
  event_type: string;
  event_payload: Record<string, string>;
}

/** A message as `conversations.history` / `conversations.replies` return it, as read here. */
export interface HistoryMessage {
  ts?: string;
  metadata?: { event_type?: string; event_payload?: Record<string, unknown> };
}

interface ReadArgs {
  channel: string;
  oldest: string;
  limit: number;
  include_all_metadata: boolean;
}

/**
 * The slice of Bolt's `WebClient` that reads a conversation back. Reading needs
 * `channels:history`, `groups:history` and `im:history` for channels, private channels and DMs.
 */
export interface ReadBackClient {
  conversations?: {
    history(args: ReadArgs): Promise<{ messages?: HistoryMessage[] }>;
    replies?(args: ReadArgs & { ts: string }): Promise<{ messages?: HistoryMessage[] }>;
  };
}

/** Messages read back when looking for an earlier attempt. */
const LOOKUP_LIMIT = 50;

/**
 * The ts of the message carrying `mark` in the conversation (in the thread of `threadTs` when
 * given), posted after `oldest` (epoch ms), or undefined. Throws when the client cannot read the
 * conversation (a missing scope): the caller decides what not knowing means.
 */
export async function findMarkedMessage(
  client: ReadBackClient,
  where: { channel: string; threadTs?: string | undefined; oldest: number },
  mark: MessageMark,
): Promise<string | undefined> {
  const read = {
    channel: where.channel,
    oldest: (where.oldest / 1000).toFixed(6),
    limit: LOOKUP_LIMIT,
    include_all_metadata: true,
  };
  const conversations = client.conversations;
  if (!conversations) throw new Error('this client cannot read conversations back');
  let messages: HistoryMessage[] | undefined;
  if (where.threadTs !== undefined) {
    if (!conversations.replies) throw new Error('this client cannot read threads back');
    ({ messages } = await conversations.replies({ ...read, ts: where.threadTs }));
  } else {
    ({ messages } = await conversations.history(read));
  }
  return (messages ?? []).find(
    (m) =>
      m.metadata?.event_type === mark.event_type &&
      Object.entries(mark.event_payload).every(([k, v]) => m.metadata?.event_payload?.[k] === v),
  )?.ts;
}
