import type { Engine, ReplyView } from '../../src/index.ts';
import type { DailyCommands } from '../shared/daily-port.ts';
import type { WatchCommands } from '../shared/watch-port.ts';
import type { SlackMessage } from './blocks/block-kit.ts';
import { toSlackMessage } from './blocks/to-slack-message.ts';
import type { PagingStore } from './paging-store.ts';

/** What answering a Slack message needs; injected so the mapping is pure in tests. */
export interface ReplyDeps {
  engine: Engine;
  /** The scheduler's subscription commands; absent when daily posts are not enabled. */
  daily?: DailyCommands;
  /** The watch service's commands; absent when watches are not enabled. */
  watch?: WatchCommands;
  paging: PagingStore;
  now: () => Date;
  random: () => number;
  /** IANA zone of "today" for `daily`. */
  timezone: string;
  /** Hits per page of a search. */
  pageSize?: number;
}

/** Where a request came from: the channel it is answered in, and how commands are typed there. */
export interface Origin {
  channelId: string;
  teamId?: string;
  /** `@Shammie`, `/shammie`, or '' in a direct message; help's examples use it. */
  invocation: string;
}

/**
 * A reply and who sees it. `private` answers (help, errors) go ephemeral where Slack allows it
 * (the slash command); elsewhere they are posted like any other answer.
 */
export interface Reply {
  message: SlackMessage;
  visibility: 'public' | 'private';
  /**
   * For the asker alone (a mistake in what they typed, a rate-limit notice): besides the slash
   * command and buttons, a channel mention answers it as an ephemeral message rather than in
   * the thread everyone sees.
   */
  askerOnly?: boolean;
}

/** A view as a reply: paging key for More results, visibility by kind. */
export function replyFromView(view: ReplyView, deps: ReplyDeps, invocation: string): Reply {
  const moreValue =
    view.kind === 'results' && view.page + 1 < view.pageCount
      ? deps.paging.put({ request: view.request, page: view.page + 1 })
      : undefined;
  const privateReply = view.kind === 'help' || (view.kind === 'notice' && view.tone === 'error');
  // Errors with a code are about the asker's input; an apology (INTERNAL) or a refusal from
  // the scheduler stays where it was asked.
  const askerOnly =
    view.kind === 'notice' &&
    view.tone === 'error' &&
    view.code !== undefined &&
    view.code !== 'INTERNAL';
  return {
    ...(askerOnly ? { askerOnly } : {}),
    message: toSlackMessage(view, {
      invocation,
      ...(moreValue !== undefined ? { moreValue } : {}),
    }),
    visibility: privateReply ? 'private' : 'public',
  };
}
