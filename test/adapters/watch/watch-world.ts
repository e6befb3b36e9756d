import { openDatabase } from '../../../adapters/scheduler/database.ts';
import { PostError } from '../../../adapters/shared/daily-port.ts';
import type { WatchPoster, WatchPostView } from '../../../adapters/shared/watch-port.ts';
import { createSources } from '../../../adapters/sources/create-sources.ts';
import { DEFAULT_SERVICE_BASES } from '../../../adapters/sources/service-config.ts';
import {
  createWatchService,
  type WatchService,
} from '../../../adapters/watch/create-watch-service.ts';
import type { WatchRunner } from '../../../adapters/watch/watch-runner.ts';
import { createEngine, type Paper } from '../../../src/index.ts';
import { fakeClock, recordingLogger } from '../scheduler/helpers.ts';
import { tempDir } from '../scheduler/temp-dir.ts';
import { type FakeArxivRss, rssFeed, startFakeArxivRss } from '../sources/fakes/fake-arxiv-rss.ts';
import { type SamplePaper, samplePaper } from '../sources/fakes/sample-papers.ts';

/** The lab's library: papers on long context and attention. */
export const LIBRARY: Paper[] = [
  {
    id: 'megalodon',
    arxiv: '2404.08801',
    title: 'Megalodon: efficient LLM pretraining and inference with unlimited context length',
    abstract:
      'Long context modelling is costly with attention. We introduce Megalodon, an architecture for efficient sequence modelling with unlimited context length, using gated attention and exponential moving averages.',
    authors: ['Xuezhe Ma', 'Omer Levy'],
    year: 2024,
  },
  {
    id: 'zeroscrolls',
    arxiv: '2305.14196',
    title: 'ZeroSCROLLS: a zero-shot benchmark for long text understanding',
    abstract:
      'We introduce ZeroSCROLLS, a zero-shot benchmark for natural language understanding over long texts, with long context summarization and question answering tasks.',
    authors: ['Uri Shaham', 'Omer Levy'],
    year: 2023,
  },
];

/** An announced paper: a new one by default. */
export function announced(n: number, overrides: Partial<SamplePaper> = {}): SamplePaper {
  return samplePaper({
    arxiv: `2412.${String(10000 + n).slice(1)}`,
    version: 1,
    title: `Paper ${n} on protein folding`,
    abstract: `We study protein structures with graph networks, experiment ${n}.`,
    authors: [`Author ${n}`],
    categories: ['cs.CL'],
    ...overrides,
  });
}

/** An RFC 822 announcement date for YYYY-MM-DD, as arXiv dates its feed. */
export function pubDate(day: string): string {
  const d = new Date(`${day}T12:00:00Z`);
  const weekday = d.toUTCString().slice(0, 3);
  const [, dd, mon, yyyy] = d.toUTCString().split(' ');
  return `${weekday}, ${dd} ${mon} ${yyyy} 00:00:00 -0500`;
}

/** One post a channel received. */
export interface ReceivedWatchPost {
  channelId: string;
  view: WatchPostView;
  at: number;
}

export type PostBehaviour = 'ok' | PostError;

/** A WatchPoster that records every post. */
export function recordingWatchPoster(
  clock: { now: () => number },
  sent: ReceivedWatchPost[] = [],
  behave: (channelId: string, attempt: number) => PostBehaviour = () => 'ok',
): WatchPoster & { sent: ReceivedWatchPost[] } {
  const attempts = new Map<string, number>();
  return {
    platform: 'slack',
    sent,
    async postWatch(channelId, view) {
      const attempt = (attempts.get(channelId) ?? 0) + 1;
      attempts.set(channelId, attempt);
      await new Promise((resolve) => setImmediate(resolve));
      const behaviour = behave(channelId, attempt);
      if (behaviour instanceof Error) throw behaviour;
      sent.push({ channelId, view, at: clock.now() });
      return { messageId: `m${sent.length}` };
    },
  };
}

export { PostError };

/** A process of the bot: its own database connection, watch service and runner. */
export interface WatchProcess {
  service: WatchService;
  runner: WatchRunner;
  close(): Promise<void>;
}

/** The fake arXiv feed, a data directory and a fake clock, shared by the "processes". */
export async function startWatchWorld(start: string) {
  const dir = tempDir('shammie-watch-');
  const feeds: Record<string, string> = {};
  const rss: FakeArxivRss = await startFakeArxivRss(feeds);
  const clock = fakeClock(start);
  const logger = recordingLogger();
  const engine = await createEngine(LIBRARY);
  const sent: ReceivedWatchPost[] = [];
  const sources = createSources(
    { ...DEFAULT_SERVICE_BASES, arxivRssUrl: rss.rssUrl },
    { retries: 0, arxivSpacingMs: 0, timeoutMs: 2_000 },
  );
  const processes: WatchProcess[] = [];

  function openProcess(
    behave?: (channelId: string, attempt: number) => PostBehaviour,
  ): WatchProcess {
    const db = openDatabase(dir.path);
    const service = createWatchService({
      db,
      rss: sources.rss,
      engine,
      defaults: { cron: '0 8 * * *', timezone: 'Europe/Paris' },
      logger,
      now: clock.now,
      runner: { sleep: async () => {}, stopGraceMs: 1_000 },
    });
    const runner = service.runner([recordingWatchPoster(clock, sent, behave)]);
    const process: WatchProcess = {
      service,
      runner,
      async close() {
        await runner.stop();
        db.close();
      },
    };
    processes.push(process);
    return process;
  }

  return {
    clock,
    rss,
    sent,
    logger,
    engine,
    dataDir: dir.path,
    openProcess,
    /** Sets the feed of `category` to these papers, announced on `day`. */
    announce(category: string, day: string, papers: SamplePaper[], types?: string[]) {
      feeds[category] = rssFeed(
        category,
        papers.map((paper, i) => ({ paper, announceType: types?.[i] ?? 'new' })),
        pubDate(day),
      );
    },
    /** An empty feed (a weekend or a holiday). */
    silence(category: string, day: string) {
      feeds[category] = rssFeed(category, [], pubDate(day));
    },
    setFeed(category: string, body: string) {
      feeds[category] = body;
    },
    async close() {
      for (const p of processes) await p.close();
      await rss.close();
      dir.remove();
    },
  };
}
export type WatchWorld = Awaited<ReturnType<typeof startWatchWorld>>;

/** The channel every test watches from. */
export const CHANNEL = { platform: 'slack' as const, channelId: 'C1' };
export const USER = { userId: 'U1', isAdmin: false };
