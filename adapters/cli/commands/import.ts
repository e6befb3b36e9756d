import { corpusLookupOf } from '../../library/corpus-lookup.ts';
import {
  type ImportContext,
  type ImportProgress,
  type ImportReport,
  importArxivCategory,
  importArxivQuery,
  resumePoint,
} from '../../library/import-arxiv.ts';
import { isLibraryStoreError } from '../../library/library-errors.ts';
import type { LibraryStore } from '../../library/library-store.ts';
import { DEFAULT_SEARCH_MAX } from '../../sources/arxiv-api.ts';
import { createSources } from '../../sources/create-sources.ts';
import { isServiceError } from '../../sources/service-error.ts';
import type { CliCommand, CliContext } from '../cli-context.ts';
import { EXIT_BAD_INPUT, EXIT_INTERRUPTED, ExitError } from '../exit-status.ts';
import { type ImportArxivOptions, type ImportPlan, importPlan } from '../import-options.ts';
import {
  createImportBar,
  importCounts,
  importJson,
  importSubject,
  importText,
} from '../import-report.ts';
import { isInterrupted, watchInterrupt } from '../interrupt.ts';
import { openCliLibrary } from '../open-cli-library.ts';
import { cliUser, serviceConfig } from './add.ts';

/** What an import knows about itself when it stops early. */
interface RunState {
  progress: ImportProgress;
  resumed: boolean;
  restarts: number;
}

/**
 * `shammie import arxiv --query Q [--max N]` and `shammie import arxiv --category CAT --from
 * DATE [--until DATE]`: bulk imports into the library (adapters/library/import-arxiv.ts). A bar
 * on a terminal while it runs; a sentence (or with --json an object) once done. Ctrl-C stops
 * it at once with status 130, keeping every page stored; a harvest then resumes where it stopped.
 */
export const importCommand: CliCommand = (program, cli) => {
  program
    .command('import')
    .description('import papers in bulk into the library')
    .command('arxiv')
    .description('import an arXiv search (--query) or harvest a category through OAI-PMH')
    .option('--query <query>', 'an arXiv search: au:Levy_O AND cat:cs.CL, or plain words')
    .option('--max <n>', `most results of --query (default ${DEFAULT_SEARCH_MAX}, at most 30,000)`)
    .option('--category <category>', 'a category (cs.CL) or archive (cs) to harvest')
    .option('--from <date>', 'first day of the harvest, YYYY-MM-DD')
    .option('--until <date>', 'last day of the harvest, YYYY-MM-DD (default: no end)')
    .action(async (options: ImportArxivOptions) => {
      const plan = importPlan(options);
      const sources = createSources(serviceConfig(cli.io.env), cli.io.sources);
      const files = (await cli.engine()).papers;
      const library = openCliLibrary(cli.io.env, { create: true });
      const interrupt = watchInterrupt(cli.io.signals ?? process);
      try {
        await runImport(cli, plan, {
          sources,
          store: library.store,
          now: () => cli.io.now().getTime(),
          who: cliUser(cli.io.env),
          where: { platform: 'cli' },
          inCorpus: corpusLookupOf(files),
          signal: interrupt.signal,
          race: interrupt.race,
        });
      } finally {
        interrupt.dispose();
        library.close();
      }
    });
};

type RunContext = ImportContext & {
  store: LibraryStore;
  race: <T>(work: Promise<T>) => Promise<T>;
};

async function runImport(cli: CliContext, plan: ImportPlan, context: RunContext): Promise<void> {
  const { race, ...importContext } = context;
  const state: RunState = {
    progress: { harvested: 0, added: 0, already: 0, skipped: 0 },
    resumed: false,
    restarts: 0,
  };
  if (plan.kind === 'category') {
    const point = resumePoint(context.store, plan);
    if (point) {
      state.resumed = true;
      state.progress.harvested = point.harvested;
      cli.say(
        `resuming the import of ${importSubject(plan)} (${point.harvested.toLocaleString('en-US')} harvested so far)`,
      );
    }
  }
  const bar = createImportBar(cli.io.stderr, context.now, state.progress.harvested);
  const watched: ImportContext = {
    ...importContext,
    onProgress: (progress) => {
      state.progress = progress;
      bar.update(progress);
    },
    onNotice: (message) => {
      state.restarts += 1;
      bar.stop();
      cli.say(message);
    },
  };
  let report: ImportReport;
  try {
    report = await race(
      plan.kind === 'query'
        ? importArxivQuery(plan.query, { ...watched, max: plan.max })
        : importArxivCategory({ ...watched, ...plan }),
    );
  } catch (error) {
    bar.stop();
    throw stopped(cli, plan, state, error);
  }
  bar.stop();
  cli.out(
    cli.json() ? JSON.stringify(importJson(plan, report, true), null, 2) : importText(plan, report),
  );
}

/**
 * An import that stopped early: with --json its report (`done: false`) on stdout, and the
 * reason as the ExitError's one line, saying what was kept and how to go on. A bug stays a bug.
 */
function stopped(cli: CliContext, plan: ImportPlan, state: RunState, error: unknown): unknown {
  const known = isInterrupted(error) || isServiceError(error) || isLibraryStoreError(error);
  if (!known) return error;
  if (cli.json()) {
    const report = { ...state.progress, resumed: state.resumed, restarts: state.restarts };
    cli.out(JSON.stringify(importJson(plan, report, false), null, 2));
  }
  const next =
    plan.kind === 'query'
      ? 'Run the same command again to add the rest.'
      : 'Run the same command again to resume.';
  const kept = state.progress.harvested > 0 ? ` Kept: ${importCounts(state.progress)}.` : '';
  if (isInterrupted(error)) {
    return new ExitError(`interrupted.${kept} ${next}`, EXIT_INTERRUPTED);
  }
  return new ExitError(`${error.message}${kept}${kept ? ` ${next}` : ''}`, EXIT_BAD_INPUT);
}
