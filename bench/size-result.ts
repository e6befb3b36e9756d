/**
 * The figures of one corpus size as the parent collects them: the size process's messages by
 * phase, the fresh starts, and what the notes must say.
 */
import type { BenchCorpus } from './bench-corpora.ts';
import type { FunctionTime } from './cpu-profile.ts';
import type { SizeMessage, StartMessage } from './messages.ts';
import { median } from './stats.ts';

/** The size process's last message of each type. */
export type SizePhases = { [K in SizeMessage['type']]?: Extract<SizeMessage, { type: K }> };

/** Medians of the fresh starts from a snapshot. */
export interface StartFigures {
  runs: number;
  /** From the process's start to its first answer (node, tsx, imports, corpus, snapshot, search). */
  toAnswerS: number;
  /** The same seen from the parent: fork to the answer's arrival. */
  wallS: number;
  bootS: number;
  loadCorpusS: number;
  loadEngineS: number;
  firstSearchMs: number;
  rssMB: number;
  /** The largest peak of the runs. */
  peakMB: number;
  /** Runs whose engine came from the snapshot (mode bot; mode core always loads it). */
  fromSnapshot: number;
  /** Distinct warnings the bot logged. */
  warnings: string[];
}

/** Everything known about one size. */
export interface SizeResult {
  size: number;
  corpus: BenchCorpus;
  /** The file or folder the loader read (a folder of parts when it refused the single file). */
  loadedPath: string;
  /** 1-, 5- and 15-minute load averages before and after the size's processes. */
  loadAvg: { before: number[]; after: number[] };
  phases: SizePhases;
  /** Fresh starts through the core: loadCorpus + loadEngine + a search. */
  start?: StartFigures;
  /** The bot's first start with an empty data directory: build, and write the snapshot. */
  botFirst?: StartFigures;
  /** The bot's later starts (openEngine from its snapshot + a search). */
  botStart?: StartFigures;
  /** CPU profiles taken (with --cpu-prof): the phase, its file, its busiest functions. */
  profiles: Array<{ phase: string; file: string; top: FunctionTime[] }>;
  notes: string[];
  /** Set when the size process did not finish. */
  failure?: string;
}

/** Keeps each message under its type (a later one of the same type replaces an earlier one). */
export function recordPhase(phases: SizePhases, message: SizeMessage): void {
  (phases as Record<string, SizeMessage>)[message.type] = message;
}

/** Medians of fresh starts; `wallMs` are the parent's fork-to-answer times of the same runs. */
export function startFigures(
  runs: readonly StartMessage[],
  wallMs: readonly number[],
): StartFigures {
  return {
    runs: runs.length,
    toAnswerS: median(runs.map((r) => r.toAnswerMs)) / 1000,
    wallS: median(wallMs) / 1000,
    bootS: median(runs.map((r) => r.bootMs)) / 1000,
    loadCorpusS: median(runs.map((r) => r.loadCorpusS)),
    loadEngineS: median(runs.map((r) => r.loadEngineS)),
    firstSearchMs: median(runs.map((r) => r.firstSearchMs)),
    rssMB: median(runs.map((r) => r.rssMB)),
    peakMB: Math.max(...runs.map((r) => r.peakMB)),
    fromSnapshot: runs.filter((r) => r.mode === 'core' || r.source === 'snapshot').length,
    warnings: [...new Set(runs.flatMap((r) => r.warnings))],
  };
}
