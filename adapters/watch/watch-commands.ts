/**
 * The `watch` commands (add, list, remove, pause, resume, why, feedback), answered from the
 * database as plain words, as the daily commands are.
 */

import { isShammieError, parseArxivId } from '../../src/index.ts';
import {
  type DefaultSchedule,
  parseSchedule,
  STORAGE_UNAVAILABLE,
} from '../scheduler/daily-commands.ts';
import { describeSchedule, formatInstant } from '../scheduler/schedule.ts';
import { storageCode } from '../scheduler/storage-failure.ts';
import type { ChannelRef } from '../shared/daily-port.ts';
import type { Logger } from '../shared/logger.ts';
import type {
  WatchAddRequest,
  WatchAnswer,
  WatchCommands,
  WatchFeedbackKind,
  WatchUser,
} from '../shared/watch-port.ts';
import type { WatchPosts } from './watch-post.ts';
import {
  describeSpec,
  type ParsedWatch,
  partsFromOptions,
  partsFromText,
  specFromParts,
  WATCH_EXAMPLE,
} from './watch-spec.ts';
import type { Watch, WatchStore } from './watch-store.ts';

/** Most watches one channel may have. */
export const MAX_WATCHES_PER_CHANNEL = 10;

/** Papers looked through for `watch why` by title words. */
const WHY_RECENT = 200;

/** Saving a paper to the library (the library service's `add`, bound to who asks). */
export type SaveToLibrary = (
  arxiv: string,
  user: WatchUser,
  channel: ChannelRef,
) => Promise<{ ok: boolean; text: string }>;

export interface WatchCommandsOptions {
  store: WatchStore;
  posts: WatchPosts;
  defaults: DefaultSchedule;
  now: () => number;
  /** Save → add to the library; absent: Save only records the channel's liking. */
  save?: SaveToLibrary;
  logger?: Logger;
}

/** Parses a `watch add` request, text or Discord options alike. */
export function parseAddRequest(request: WatchAddRequest): ParsedWatch {
  if (request.text !== undefined) return specFromParts(partsFromText(request.text));
  return specFromParts(partsFromOptions(request));
}

/** Creates the commands (see the module comment). */
export function createWatchCommands(options: WatchCommandsOptions): WatchCommands {
  const { store, posts, defaults, now, logger } = options;

  const guarded =
    <A extends unknown[]>(action: string, run: (...args: A) => Promise<WatchAnswer>) =>
    async (...args: A): Promise<WatchAnswer> => {
      try {
        return await run(...args);
      } catch (error) {
        if (storageCode(error) === undefined) throw error;
        logger?.error({ code: storageCode(error), action }, 'watch command not saved');
        return { ok: false, text: STORAGE_UNAVAILABLE };
      }
    };

  /** The watch `which` names in the channel, or an answer saying what to name. */
  function pick(channel: ChannelRef, which: string | undefined): Watch | WatchAnswer {
    const watches = store.inChannel(channel.platform, channel.channelId);
    if (watches.length === 0) return { ok: false, text: 'This channel has no watch.' };
    const wanted = which?.trim() ?? '';
    if (wanted === '') {
      if (watches.length === 1) return watches[0]!;
      return {
        ok: false,
        text: `This channel has ${watches.length} watches: name one by its number in watch list (1 to ${watches.length}).`,
      };
    }
    const number = /^#?(\d{1,3})$/.exec(wanted);
    if (number) {
      const found = watches[Number(number[1]) - 1];
      if (found) return found;
    } else {
      const byCategory = watches.filter((w) =>
        w.spec.categories.some((c) => c.toLowerCase() === wanted.toLowerCase()),
      );
      if (byCategory.length === 1) return byCategory[0]!;
    }
    return {
      ok: false,
      text: `No watch here is "${wanted.slice(0, 40)}": name one by its number in watch list (1 to ${watches.length}).`,
    };
  }

  function describeWatch(watch: Watch, n: number): string {
    const lines = [
      `${n}. ${describeSpec(watch.spec)}, ${describeSchedule(watch)}${watch.paused ? ' (paused)' : ''}`,
    ];
    const last = store.lastPost(watch.id);
    if (last)
      lines.push(
        `   Last post: ${last.quiet ? 'nothing matched' : 'posted'} on ${last.localDate}.`,
      );
    if (watch.feedError !== undefined && watch.feedErrorAt !== undefined) {
      lines.push(
        `   arXiv's feed could not be read at ${formatInstant(watch.feedErrorAt, watch.timezone)} (${watch.feedError}); it is tried again today, and no older papers are posted instead.`,
      );
    }
    if (watch.paused && watch.lastError) {
      lines.push(
        `   Paused after failed posts (last error: ${watch.lastError}); resume it to try again.`,
      );
    }
    return lines.join('\n');
  }

  return {
    add: guarded('add', async (request) => {
      const parsed = parseAddRequest(request);
      if ('problems' in parsed) {
        return { ok: false, text: `${parsed.problems.join(' ')} For example: ${WATCH_EXAMPLE}` };
      }
      const schedule = parseSchedule(parsed.schedule, defaults);
      if ('problem' in schedule) return { ok: false, text: schedule.problem };
      const { channel } = request;
      const existing = store.inChannel(channel.platform, channel.channelId);
      if (existing.length >= MAX_WATCHES_PER_CHANNEL) {
        return {
          ok: false,
          text: `This channel already has ${existing.length} watches, the most a channel may have; remove one first.`,
        };
      }
      const watch = store.add(
        {
          platform: channel.platform,
          channelId: channel.channelId,
          ...(channel.workspaceId ? { workspaceId: channel.workspaceId } : {}),
          spec: parsed.spec,
          ...schedule,
          createdBy: request.user.userId,
        },
        now(),
      );
      const ranking =
        parsed.spec.keywords.length + parsed.spec.phrases.length + parsed.spec.authors.length === 0
          ? ' With no keywords, the papers most like the library come first.'
          : '';
      return {
        ok: true,
        text: `Watching ${describeSpec(watch.spec)}, ${describeSchedule(watch)}, from arXiv's next announcement.${ranking}`,
      };
    }),

    list: guarded('list', async (channel) => {
      const watches = store.inChannel(channel.platform, channel.channelId);
      if (watches.length === 0) {
        return {
          ok: true,
          text: `This channel has no watch. Add one, for example: ${WATCH_EXAMPLE}`,
        };
      }
      return { ok: true, text: watches.map((w, i) => describeWatch(w, i + 1)).join('\n') };
    }),

    remove: guarded('remove', async (channel, which) => {
      const watch = pick(channel, which);
      if (!('id' in watch)) return watch;
      store.remove(watch.id);
      return { ok: true, text: `Removed the watch of ${watch.spec.categories.join(', ')}.` };
    }),

    pause: guarded('pause', async (channel, which) => {
      const watch = pick(channel, which);
      if (!('id' in watch)) return watch;
      store.pause(watch.id, now());
      return { ok: true, text: `Paused the watch of ${watch.spec.categories.join(', ')}.` };
    }),

    resume: guarded('resume', async (channel, which) => {
      const watch = pick(channel, which);
      if (!('id' in watch)) return watch;
      store.resume(watch.id, now());
      return {
        ok: true,
        text: `Resumed the watch of ${watch.spec.categories.join(', ')}, ${describeSchedule(watch)}.`,
      };
    }),

    why: guarded('why', async (channel, paper) => {
      const watches = store.inChannel(channel.platform, channel.channelId);
      if (watches.length === 0) return { ok: false, text: 'This channel has no watch.' };
      const arxiv = parseArxivId(paper) ?? findShown(store, channel, paper);
      if (arxiv === undefined) {
        return {
          ok: false,
          text: `No paper posted here recently matches "${paper.slice(0, 40)}": give its arXiv id or link.`,
        };
      }
      for (const watch of watches) {
        const today = await posts.ranked(watch);
        if (!('ranked' in today)) continue;
        const at = today.ranked.findIndex((c) => c.paper.id === arxiv);
        if (at === -1) continue;
        const c = today.ranked[at]!;
        const reason = c.why || 'nothing in particular: it is only weakly like the library';
        return {
          ok: true,
          text: `${c.paper.title} (arXiv:${arxiv}) ranks ${at + 1} of ${today.total} for the watch of ${watch.spec.categories.join(', ')} today${c.relevant ? '' : ', below what a post shows'}: ${reason}.`,
        };
      }
      return {
        ok: false,
        text: `arXiv:${arxiv} is not in today's announcement of this channel's watches, so I can't rank it now.`,
      };
    }),

    feedback: guarded('feedback', async (channel, user, arxiv, kind) => {
      const paper = store.shownPaper(channel.platform, channel.channelId, arxiv);
      if (!paper) {
        return { ok: false, text: 'That paper was not posted by a watch in this channel.' };
      }
      store.putFeedback(channel.platform, channel.channelId, paper, kind, user.userId, now());
      return kind === 'save' ? save(arxiv, user, channel) : { ok: true, text: feedbackText(kind) };
    }),
  };

  async function save(arxiv: string, user: WatchUser, channel: ChannelRef): Promise<WatchAnswer> {
    if (!options.save) {
      return {
        ok: true,
        text: 'Noted: more like this here. (The library cannot be changed from this bot.)',
      };
    }
    try {
      return await options.save(arxiv, user, channel);
    } catch (error) {
      if (isShammieError(error)) return { ok: false, text: error.message };
      throw error;
    }
  }
}

function feedbackText(kind: WatchFeedbackKind): string {
  return kind === 'more'
    ? 'Noted: more like this here, from the next post on.'
    : 'Noted: fewer like this here, from the next post on.';
}

/** The arXiv id of a recently shown paper whose title holds every word of `words`. */
function findShown(store: WatchStore, channel: ChannelRef, words: string): string | undefined {
  const wanted = words
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w.length > 0);
  if (wanted.length === 0) return undefined;
  const found = store
    .recentlyShown(channel.platform, channel.channelId, WHY_RECENT)
    .find((p) => wanted.every((w) => p.title.toLowerCase().includes(w)));
  return found?.arxiv ?? found?.id;
}
