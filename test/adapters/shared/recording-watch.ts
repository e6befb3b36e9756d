import type { ChannelRef } from '../../../adapters/shared/daily-port.ts';
import type {
  WatchAddRequest,
  WatchAnswer,
  WatchCommands,
  WatchFeedbackKind,
  WatchUser,
} from '../../../adapters/shared/watch-port.ts';

/** One call a platform made to the watch service. */
export type WatchCall =
  | { method: 'add'; request: WatchAddRequest }
  | { method: 'list'; channel: ChannelRef }
  | { method: 'remove' | 'pause' | 'resume'; channel: ChannelRef; which: string | undefined }
  | { method: 'why'; channel: ChannelRef; paper: string }
  | {
      method: 'feedback';
      channel: ChannelRef;
      user: WatchUser;
      arxiv: string;
      kind: WatchFeedbackKind;
    };

/** What the recording service answers each method with (plain words, as the real one). */
export const WATCH_ANSWERS: Record<WatchCall['method'], WatchAnswer> = {
  add: { ok: true, text: 'Watching cs.CL here: 5 papers at 09:00 UTC, from tomorrow.' },
  list: { ok: true, text: '1. cs.CL "long context", 5 papers at 09:00 UTC (active)' },
  remove: { ok: true, text: 'Stopped watching cs.CL here.' },
  pause: { ok: true, text: 'Paused cs.CL.' },
  resume: { ok: true, text: 'Resumed cs.CL.' },
  why: { ok: true, text: 'It matches "long context" and is close to your Megalodon.' },
  feedback: { ok: true, text: 'Noted: more papers like this from tomorrow.' },
};

/**
 * A watch service that records what the platform asked and answers with fixed words: the
 * platform's parsing and rendering are under test, not the service (the lead wires the real one).
 */
export function recordingWatch(answers: Partial<typeof WATCH_ANSWERS> = {}) {
  const calls: WatchCall[] = [];
  const say = (method: WatchCall['method']) =>
    Promise.resolve(answers[method] ?? WATCH_ANSWERS[method]);
  const watch: WatchCommands = {
    add(request) {
      calls.push({ method: 'add', request });
      return say('add');
    },
    list(channel) {
      calls.push({ method: 'list', channel });
      return say('list');
    },
    remove(channel, which) {
      calls.push({ method: 'remove', channel, which });
      return say('remove');
    },
    pause(channel, which) {
      calls.push({ method: 'pause', channel, which });
      return say('pause');
    },
    resume(channel, which) {
      calls.push({ method: 'resume', channel, which });
      return say('resume');
    },
    why(channel, paper) {
      calls.push({ method: 'why', channel, paper });
      return say('why');
    },
    feedback(channel, user, arxiv, kind) {
      calls.push({ method: 'feedback', channel, user, arxiv, kind });
      return say('feedback');
    },
  };
  return { calls, watch };
}
