import type { ImportProgress, ImportReport } from '../library/import-arxiv.ts';
import type { ImportPlan } from './import-options.ts';
import { type BarStream, createTerminalBar } from './progress-bar.ts';
import { printable } from './render-text.ts';

/**
 * What `shammie import arxiv --json` prints (docs/library.md, "Importing from arXiv"): what was
 * imported, the counts, and whether it finished. An import that stopped (Ctrl-C, a service or
 * the disk failing) prints it too, with `done: false`.
 */
export interface ImportJson {
  source: 'arxiv';
  query?: string;
  max?: number;
  category?: string;
  from?: string;
  until?: string;
  /** Records read from arXiv, a resumed harvest's earlier runs included. */
  harvested: number;
  /** Records arXiv said there were, when it said. */
  total?: number;
  /** Papers this run added. */
  added: number;
  /** Papers of this run already in the library or the corpus files. */
  already: number;
  /** Withdrawn papers and papers without an abstract, left out. */
  skipped: number;
  /** True when a harvest continued from a stored position. */
  resumed: boolean;
  /** Times a harvest started over because arXiv no longer took its saved position. */
  restarts: number;
  /** False when the import stopped before the end (run the same command again). */
  done: boolean;
}

/** The report object of an import (see {@link ImportJson}). */
export function importJson(
  plan: ImportPlan,
  report: ImportProgress & Partial<Pick<ImportReport, 'resumed' | 'restarts'>>,
  done: boolean,
): ImportJson {
  const what =
    plan.kind === 'query'
      ? { query: plan.query, max: plan.max }
      : {
          category: plan.category,
          from: plan.from,
          ...(plan.until === undefined ? {} : { until: plan.until }),
        };
  return {
    source: 'arxiv',
    ...what,
    harvested: report.harvested,
    ...(report.total === undefined ? {} : { total: report.total }),
    added: report.added,
    already: report.already,
    skipped: report.skipped,
    resumed: report.resumed ?? false,
    restarts: report.restarts ?? 0,
    done,
  };
}

/** What was imported, in words: "the arXiv search “…”", "cs.CL from 2026-11-01 to …". */
export function importSubject(plan: ImportPlan): string {
  if (plan.kind === 'query') return `the arXiv search “${printable(plan.query)}”`;
  return `${plan.category} from ${plan.from}${plan.until === undefined ? '' : ` to ${plan.until}`}`;
}

/** The counts of an import, in words. */
export function importCounts(progress: ImportProgress): string {
  const n = (count: number) => count.toLocaleString('en-US');
  return `${n(progress.harvested)} ${progress.harvested === 1 ? 'record' : 'records'} read, ${n(progress.added)} ${progress.added === 1 ? 'paper' : 'papers'} added, ${n(progress.already)} already in the library, ${n(progress.skipped)} skipped as withdrawn or without an abstract`;
}

/** The sentence a finished import prints. */
export function importText(plan: ImportPlan, report: ImportReport): string {
  return `Imported ${importSubject(plan)}: ${importCounts(report)}.`;
}

/**
 * The bar on a terminal while an import runs: records read of those arXiv announced, papers
 * added, the rate of this run and the time left at that rate, on the injected clock
 * (`resumedFrom`, the records of a resumed harvest's earlier runs, left out of the rate).
 */
export function createImportBar(stream: BarStream, now: () => number, resumedFrom = 0) {
  const bar = createTerminalBar(
    stream,
    'importing [{bar}] {value}/{total} records | {added} added | {rate} records/s | {left} left',
  );
  const startedAt = now();
  return {
    update(progress: ImportProgress): void {
      const seconds = (now() - startedAt) / 1000;
      const rate = seconds > 0 ? (progress.harvested - resumedFrom) / seconds : 0;
      const total = Math.max(progress.total ?? progress.harvested, progress.harvested);
      const left = rate > 0 ? timeInWords((total - progress.harvested) / rate) : '?';
      bar.update(progress.harvested, total, {
        added: progress.added,
        rate: Math.round(rate),
        left,
      });
    },
    stop: bar.stop,
  };
}

/** "40 s", "3 min", "2 h". */
function timeInWords(seconds: number): string {
  if (seconds < 90) return `${Math.ceil(seconds)} s`;
  if (seconds < 90 * 60) return `${Math.ceil(seconds / 60)} min`;
  return `${Math.ceil(seconds / 3600)} h`;
}
