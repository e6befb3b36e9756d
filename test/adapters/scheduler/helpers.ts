import {
  createScheduler,
  type Scheduler,
  type SchedulerOptions,
} from '../../../adapters/scheduler/create-scheduler.ts';
import { createDailyCommands } from '../../../adapters/scheduler/daily-commands.ts';
import { createDailyPicker } from '../../../adapters/scheduler/daily-picker.ts';
import { createDailyStore, type DailyStore } from '../../../adapters/scheduler/daily-store.ts';
import { openDatabase } from '../../../adapters/scheduler/database.ts';
import {
  type DailyCommands,
  type DailyPoster,
  type Platform,
  PostError,
} from '../../../adapters/shared/daily-port.ts';
import type { Logger } from '../../../adapters/shared/logger.ts';
import { createEngine, type DailyView, type Paper, planDaily } from '../../../src/index.ts';

/** A tiny corpus: enough papers that consecutive days differ. */
export const PAPERS: Paper[] = [
  [
    'attention',
    'Attention is all you need',
    'We study sequence transduction. We propose the Transformer, based solely on attention. It reaches 28.4 BLEU on WMT 2014.',
  ],
  [
    'lora',
    'LoRA: low-rank adaptation of large language models',
    'Fine-tuning large models is costly. We freeze the weights and inject trainable low-rank matrices. This cuts trainable parameters by 10,000 times.',
  ],
  [
    'rag',
    'Retrieval-augmented generation for knowledge-intensive NLP',
    'Large models store knowledge poorly. We combine a retriever with a generator. The model sets the state of the art on open-domain QA.',
  ],
  [
    'bert',
    'BERT: pre-training of deep bidirectional transformers',
    'Language representations matter. We pre-train bidirectional encoders with masked language modelling. BERT improves eleven NLP tasks.',
  ],
  [
    'flash',
    'FlashAttention: fast and memory-efficient exact attention',
    'Attention is slow on long sequences. We tile attention to reduce memory reads. Training is three times faster.',
  ],
  [
    'chinchilla',
    'Training compute-optimal large language models',
    'Models are undertrained. We vary model size and tokens under a fixed budget. Chinchilla outperforms larger models.',
  ],
  [
    'rlhf',
    'Training language models to follow instructions with human feedback',
    'Larger models do not follow intent better. We fine-tune with human feedback. Outputs of a small model are preferred to a large one.',
  ],
].map(([id, title, abstract], i) => ({
  id: id!,
  title: title!,
  abstract: abstract!,
  authors: [`Author ${i}`, 'Second Author'],
  year: 2017 + (i % 6),
}));

/** A clock tests move by hand. */
export function fakeClock(start: string | number) {
  let t = typeof start === 'number' ? start : Date.parse(start);
  return {
    now: () => t,
    set(at: string | number) {
      t = typeof at === 'number' ? at : Date.parse(at);
    },
    advance(ms: number) {
      t += ms;
    },
  };
}
export type FakeClock = ReturnType<typeof fakeClock>;

/** One post a fake poster received. */
export interface ReceivedPost {
  platform: Platform;
  channelId: string;
  date: string;
  paperId: string;
  messageId: string;
  /** The fake clock when it was sent. */
  at: number;
}

/** What a fake channel does on an attempt: post, refuse, or never answer (a crash mid-send). */
export type Behaviour = 'ok' | PostError | Error | 'hang-after-send';

/**
 * A DailyPoster that records every post. `behave` decides per channel and attempt number
 * (1-based, counted per channel over the poster's life).
 */
export function recordingPoster(
  platform: Platform,
  clock: { now: () => number },
  behave: (channelId: string, attempt: number) => Behaviour = () => 'ok',
  sent: ReceivedPost[] = [],
) {
  const attempts = new Map<string, number>();
  let counter = 0;
  const poster: DailyPoster & { sent: ReceivedPost[]; attempts: Map<string, number> } = {
    platform,
    sent,
    attempts,
    async postDaily(channelId: string, view: DailyView) {
      const attempt = (attempts.get(channelId) ?? 0) + 1;
      attempts.set(channelId, attempt);
      // Yield first, as a real network call does, so concurrent ticks interleave.
      await new Promise((resolve) => setImmediate(resolve));
      const behaviour = behave(channelId, attempt);
      if (behaviour instanceof Error) throw behaviour;
      counter += 1;
      const messageId = `${platform}-${channelId}-${counter}`;
      sent.push({
        platform,
        channelId,
        date: view.date,
        paperId: view.card.id,
        messageId,
        at: clock.now(),
      });
      if (behaviour === 'hang-after-send') return new Promise<never>(() => undefined);
      return { messageId };
    },
  };
  return poster;
}

/** A permanent refusal, as a deleted channel gives. */
export const gone = () => new PostError('Unknown Channel', true);
/** A transient failure, optionally with Retry-After. */
export const flaky = (retryAfterMs?: number) => new PostError('rate limited', false, retryAfterMs);

/** A Logger that keeps every entry, for asserting on log lines. */
export function recordingLogger(
  entries: Array<{ level: string; msg: string; fields: Record<string, unknown> }> = [],
  bindings: Record<string, unknown> = {},
): Logger & { entries: typeof entries } {
  const log =
    (level: string) =>
    (obj: object | string, msg?: string): void => {
      if (typeof obj === 'string') entries.push({ level, msg: obj, fields: { ...bindings } });
      else entries.push({ level, msg: msg ?? '', fields: { ...bindings, ...obj } });
    };
  return {
    entries,
    debug: log('debug'),
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
    child: (more) => recordingLogger(entries, { ...bindings, ...more }),
  };
}

/** Everything one "process" of the bot holds: its own database connection and scheduler. */
export interface Instance {
  store: DailyStore;
  scheduler: Scheduler;
  commands: DailyCommands;
  close(): Promise<void>;
}

/** Starts an instance on `dataDir` (a new connection each time, as a new process would). */
export function instance(
  dataDir: string,
  clock: FakeClock,
  posters: DailyPoster[],
  options: Partial<SchedulerOptions> = {},
): Instance {
  const store = createDailyStore(openDatabase(dataDir));
  const engine = createEngine(PAPERS);
  const pick = createDailyPicker({ store, engine, planDaily, now: clock.now });
  const scheduler = createScheduler({
    store,
    posters,
    pick,
    logger: options.logger ?? recordingLogger(),
    now: clock.now,
    // Retries wait no real time: the test clock moves instead.
    sleep: async (ms) => clock.advance(ms),
    ...options,
  });
  const commands = createDailyCommands({
    store,
    defaults: { cron: '0 9 * * *', timezone: 'UTC' },
    due: scheduler.due,
    now: clock.now,
    paperTitle: (id) => PAPERS.find((p) => p.id === id)?.title,
  });
  return {
    store,
    scheduler,
    commands,
    async close() {
      await scheduler.stop();
      store.close();
    },
  };
}

/** Ticks once a minute from `from` (inclusive) to `to` (exclusive). */
export async function tickEveryMinute(
  clock: FakeClock,
  scheduler: Scheduler,
  from: string,
  to: string,
): Promise<void> {
  for (let t = Date.parse(from); t < Date.parse(to); t += 60_000) {
    clock.set(t);
    await scheduler.tick();
  }
}

/** How many posts each channel got per local date: "channel date" → count. */
export function countsByChannelAndDate(sent: ReceivedPost[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const post of sent) {
    const key = `${post.platform}:${post.channelId} ${post.date}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}
