/**
 * What the benchmark's processes say to each other: the job a measuring process is given, and
 * the figures it sends back phase by phase (so a process stopped for time or memory still leaves
 * its finished phases behind).
 */
import type { FunctionTime } from './cpu-profile.ts';
import type { LatencySummary, RepeatedTiming } from './stats.ts';

/** Settings shared by both kinds of measuring process. */
interface JobBase {
  /** The corpus: one JSON Lines file, or a folder of them. */
  corpusPath: string;
}

/** One corpus size: load, build, search, suggest, snapshot, memory. */
export interface SizeJob extends JobBase {
  kind: 'size';
  size: number;
  /** The project folder (profiles name its files relative to it). */
  root: string;
  /** Claims timed, in order. */
  claims: string[];
  /** Untimed claims asked first. */
  warmClaims: string[];
  warmup: number;
  titles: number;
  seed: string;
  repeat: number;
  phaseBudgetS: number;
  /** Where the snapshot bytes are written for the fresh-start runs. */
  snapshotPath: string;
  /** When set, the timed search and suggest phases are profiled into this folder. */
  profileDir?: string;
}

/**
 * A fresh process started from a snapshot, timed to its first answer: either through the core
 * alone (`loadCorpus`, `loadEngine` of `engine.toBytes()`, a search), or as the bot starts
 * (`openEngine` of adapters/shared with its snapshot in a data directory, then a search), or as
 * the bot starts with a library in its database (mode library: the library composed into the
 * engine, and the changes made since the snapshot applied, then a search).
 */
export interface StartJob extends JobBase {
  kind: 'start';
  mode: 'core' | 'bot' | 'library';
  /** The core's snapshot file (mode core). */
  snapshotPath: string;
  /** The bot's data directory (mode bot). */
  dataDir: string;
  claim: string;
  /** When set, the start (job to first answer) is profiled into this file. */
  profileFile?: string;
}

/** Latencies of the autocomplete, overall and by kind of typing. */
export interface SuggestFigures {
  all: LatencySummary;
  chars: LatencySummary;
  words: LatencySummary;
  /** Typed prefixes that got no paper at all. */
  empty: number;
  /** The slowest typed prefixes, slowest first. */
  slowest: Array<{ text: string; ms: number }>;
  /** A few of the typed prefixes that got nothing. */
  emptyExamples: string[];
  /** Typed prefixes whose first suggestion's title starts with the typed text (any case). */
  topStartsWithTyped: number;
}

/** Messages of a size process, in the order they are sent. */
export type SizeMessage =
  | { type: 'refused'; message: string }
  | { type: 'loaded'; loadS: number; papers: number; problems: number; rssAfterLoadMB: number }
  | {
      type: 'built';
      createS: number;
      rssAfterBuildMB: number;
      heapAfterBuildMB: number;
      peakAfterBuildMB: number;
    }
  | {
      type: 'search';
      latency: LatencySummary;
      warmed: number;
      empty: number;
      errors: number;
      /** The slowest claims, slowest first. */
      slowest: Array<{ text: string; ms: number }>;
    }
  | { type: 'suggest'; suggest: SuggestFigures; warmed: number }
  | { type: 'peak'; peakMB: number }
  | {
      type: 'snapshot';
      bytes: number;
      save: RepeatedTiming;
      load: RepeatedTiming;
      /** Of the first timed claims, how many got the same top 10 from the loaded engine. */
      sameTop10: string;
    }
  | { type: 'repeats'; load: RepeatedTiming; create: RepeatedTiming }
  | {
      type: 'stepwise';
      build: RepeatedTiming;
      /** The longest stretch between two pauses of the stepwise build (the event loop was busy). */
      longestStepMs: number;
      steps: number;
    }
  | {
      type: 'profile';
      phase: 'search' | 'suggest';
      file: string;
      /** The functions with the most self time, most first. */
      top: FunctionTime[];
    }
  | { type: 'done'; peakMB: number }
  | { type: 'error'; error: string };

/** What a fresh start reports once it has answered. */
export interface StartMessage {
  type: 'started';
  mode: StartJob['mode'];
  /** Mode bot: whether the engine came from the snapshot or was built (and the snapshot written). */
  source?: 'snapshot' | 'built';
  /** Mode library: the library changes applied to the engine after it was opened. */
  applied?: { added: number; removed: number };
  /** Mode library: seconds spent bringing the opened engine up to date with the library. */
  librarySyncS?: number;
  /** Mode bot: warnings the bot logged (a discarded snapshot says why). */
  warnings: string[];
  /** Milliseconds from the process's start to the first line of the measuring code (node, tsx, imports). */
  bootMs: number;
  /** Mode core: the corpus loaded by `loadCorpus`. Mode bot: 0 (openEngine does it all). */
  loadCorpusS: number;
  readSnapshotS: number;
  /** Mode core: `loadEngine`. Mode bot: the whole `openEngine`. */
  loadEngineS: number;
  firstSearchMs: number;
  /** Milliseconds from the process's start to the first answer. */
  toAnswerMs: number;
  hits: number;
  rssMB: number;
  peakMB: number;
  /** When profiled: the functions with the most self time. */
  profile?: FunctionTime[];
}

/** A fresh start's message, or its failure. */
export type StartReply = StartMessage | { type: 'error'; error: string };
