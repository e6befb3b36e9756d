import type { PaperCard } from '../../src/index.ts';
import type { ChannelRef, Platform } from './daily-port.ts';

/**
 * Watches: each morning, the new arXiv papers a channel cares about. The watch service (built by
 * the app over the database, the arXiv feed client and the ranking) answers the `watch`
 * commands and makes the posts; each platform parses its own input, renders the views below
 * and posts through its {@link WatchPoster}. Answers are plain words with no platform's
 * markup, as the daily commands' are.
 */

/** The user asking, as the platform knows them (for feedback and Save). */
export interface WatchUser {
  userId: string;
  /** Manage Server on Discord; a workspace admin or owner on Slack; true in the terminal. */
  isAdmin: boolean;
}

/**
 * A `watch add` as typed. Discord gives each option apart; Slack and `shammie chat` give the
 * words after `watch add` as `text`, which the service parses (the same grammar for both).
 * Every field is the user's raw text: the service validates it and says what is wrong.
 */
export interface WatchAddRequest {
  channel: ChannelRef;
  user: WatchUser;
  /** Slack and chat: everything after `watch add`. */
  text?: string;
  /** Discord: arXiv categories, separated by spaces or commas (`cs.CL stat.ML`). */
  categories?: string;
  /** Discord: keywords and "quoted phrases". */
  keywords?: string;
  /** Discord: author names, separated by commas. */
  authors?: string;
  /** Discord: words and "phrases" that keep a paper out. */
  exclude?: string;
  /** Discord: include cross-listed papers (default on). */
  crossLists?: boolean;
  /** Discord: papers per post (default 5). */
  count?: number;
  /** Discord: HH:MM, as `daily subscribe`. */
  time?: string;
  /** Discord: IANA zone, as `daily subscribe`. */
  timezone?: string;
}

/** A plain answer, `ok` false when the request was refused (the text says why). */
export interface WatchAnswer {
  ok: boolean;
  text: string;
}

/** What a user does to one paper of a watch post (the buttons under it). */
export type WatchFeedbackKind = 'more' | 'less' | 'save';

export interface WatchCommands {
  add(request: WatchAddRequest): Promise<WatchAnswer>;
  /** The channel's watches, each with its settings and state (a failing feed is noted here). */
  list(channel: ChannelRef): Promise<WatchAnswer>;
  /** `which`: the watch's number in `list`, or its category; may be left out when there is one. */
  remove(channel: ChannelRef, which?: string): Promise<WatchAnswer>;
  pause(channel: ChannelRef, which?: string): Promise<WatchAnswer>;
  resume(channel: ChannelRef, which?: string): Promise<WatchAnswer>;
  /** Why `paper` (an arXiv id or URL, or title words of a recent post) ranks where it does. */
  why(channel: ChannelRef, paper: string): Promise<WatchAnswer>;
  /** A button under a posted paper: More like this, Not for us, Save (adds it to the library). */
  feedback(
    channel: ChannelRef,
    user: WatchUser,
    arxiv: string,
    kind: WatchFeedbackKind,
  ): Promise<WatchAnswer>;
}

/** One paper of a watch post. */
export interface WatchItem {
  card: PaperCard;
  /** The paper's one-sentence summary. */
  tldr: string;
  /** Why it is here: `matches "long context"; close to your Megalodon; author Omer Levy`. */
  why: string;
}

/** One watch post: the day's ranked papers, or the note that nothing matched. */
export interface WatchPostView {
  kind: 'watch';
  /** YYYY-MM-DD, the local date of the post. */
  date: string;
  /** Which watch of the channel (for the buttons' feedback). */
  watchId: string;
  /** `New in cs.CL · 2 Dec — 5 of 143 announced`. */
  heading: string;
  /** Best first; empty when nothing matched (then `emptyText` says so). */
  items: WatchItem[];
  emptyText?: string;
}

/** A platform's "post a watch to a channel" port, as {@link DailyPoster} for the daily paper. */
export interface WatchPoster {
  platform: Platform;
  /**
   * Posts the view (and opens its discussion thread where the platform has one), with the three
   * buttons under each paper. Resolves with the message id; rejects with a `PostError`.
   */
  postWatch(channelId: string, view: WatchPostView): Promise<{ messageId: string }>;
}
