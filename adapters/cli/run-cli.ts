import { readFile } from 'node:fs/promises';
import { Command, CommanderError, Option } from 'commander';
import {
  type AnswerContext,
  answer,
  CITATION_FORMATS,
  type CitationFormat,
  type Engine,
  type EngineCommand,
  emptiedBy,
  isShammieError,
  paperCard,
  type ReplyView,
  type ShammieErrorCode,
} from '../../src/index.ts';
import { type Config, DEFAULT_DATA_DIR, isTimeZone, loadConfig } from '../shared/config.ts';
import { corpusFileInfos } from '../shared/corpus-stamp.ts';
import { localDate, systemTimeZone } from '../shared/local-date.ts';
import { openEngine } from '../shared/open-engine.ts';
import { runChat } from './chat-session.ts';
import { createCliLogger } from './cli-logger.ts';
import { createProgressBar } from './progress-bar.ts';
import { ANSI, PLAIN, renderText } from './render-text.ts';

/** What the command line reads and writes: injected, so tests run it in-process too. */
export interface CliIo {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream;
  env: Readonly<Record<string, string | undefined>>;
  now: () => Date;
  random: () => number;
}

/** Exit statuses of INTERFACES.md §2. */
export const EXIT_OK = 0;
export const EXIT_BAD_INPUT = 1;
export const EXIT_BAD_CORPUS = 2;

const CORPUS_ERRORS: readonly ShammieErrorCode[] = ['BAD_CORPUS', 'EMPTY_CORPUS'];

class ExitError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

interface GlobalOptions {
  corpus?: string;
  json?: boolean;
}

/** Runs one command line; resolves with the exit status. Never throws. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let engine: Engine | undefined;
  const style = io.stdout.isTTY && !io.env.NO_COLOR ? ANSI : PLAIN;
  const out = (text: string): void => {
    io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  };

  const program = new Command('shammie')
    .description('Find, skim and cite the papers of a corpus from the terminal.')
    .addOption(
      new Option(
        '--corpus <path>',
        'corpus file or directory (default: $SHAMMIE_CORPUS, else ./corpus)',
      ),
    )
    .option('--json', 'print JSON instead of text')
    .showHelpAfterError('(run shammie --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    });

  const globals = (): GlobalOptions => program.opts<GlobalOptions>();
  const context = (): AnswerContext => ({
    today: localDate(io.now(), cliTimeZone(io.env.SHAMMIE_TIMEZONE)),
    random: io.random,
  });

  async function getEngine(): Promise<Engine> {
    if (engine) return engine;
    const path = globals().corpus || io.env.SHAMMIE_CORPUS || './corpus';
    const progress = createProgressBar(io.stderr);
    const opened = await openEngine({
      corpus: path,
      // Large corpora keep their index in the data directory, so the next command starts fast.
      ...((await corpusBytes(path)) >= CLI_SNAPSHOT_MIN_BYTES
        ? { dataDir: io.env.SHAMMIE_DATA_DIR || DEFAULT_DATA_DIR }
        : {}),
      logger: createCliLogger(io.stderr),
      onProgress: progress.update,
    });
    progress.stop();
    const { problems } = opened;
    for (const p of problems.slice(0, 5)) {
      io.stderr.write(`shammie: ${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}\n`);
    }
    if (problems.length > 5)
      io.stderr.write(`shammie: … and ${problems.length - 5} more problems\n`);
    engine = opened.engine;
    return engine;
  }

  /** Answers a command with a view, printed as text or JSON; user errors exit 1. */
  async function show(command: EngineCommand): Promise<void> {
    const view = answer(await getEngine(), command, { ...context(), pageSize: 10 });
    print(view);
  }

  function print(view: ReplyView): void {
    if (view.kind === 'notice' && view.tone === 'error')
      throw new ExitError(view.text, EXIT_BAD_INPUT);
    out(globals().json ? JSON.stringify(view, null, 2) : renderText(view, style));
  }

  program
    .command('search')
    .description('ranked papers for a query (filters: author:NAME, year:2023..2024, "phrases")')
    .argument('[query...]', 'what to look for')
    .option('--limit <n>', 'how many papers', parseCount, 10)
    .option('--author <name>', 'only papers by this author')
    .option('--year <range>', 'only papers of this year or range, e.g. 2023..2024')
    .option('--queries <file>', 'batch mode: a JSON Lines file of {"id","text"} queries')
    .addOption(new Option('--format <format>', 'batch output format').choices(['trec', 'jsonl']))
    .action(
      async (
        words: string[],
        options: {
          limit: number;
          author?: string;
          year?: string;
          queries?: string;
          format?: string;
        },
      ) => {
        const e = await getEngine();
        if (options.queries) {
          await batchSearch(e, options.queries, options.limit, options.format ?? 'trec', io);
          return;
        }
        const query = words.join(' ');
        const result = e.search(query, {
          limit: options.limit,
          ...(options.author ? { author: options.author } : {}),
          ...(options.year ? { year: options.year } : {}),
        });
        if (globals().json) {
          out(
            JSON.stringify(
              {
                query,
                total: result.total,
                hits: result.hits.map((h, i) => ({ rank: i + 1, score: h.score, paper: h.paper })),
              },
              null,
              2,
            ),
          );
          return;
        }
        // The request carries the option filters too, so the heading can say what was filtered.
        const request = {
          query,
          limit: options.limit,
          ...(options.author ? { author: options.author } : {}),
          ...(options.year ? { year: options.year } : {}),
        };
        const emptied = result.total === 0 ? emptiedBy(e, request) : undefined;
        print({
          kind: 'results',
          request,
          total: result.total,
          page: 0,
          pageCount: 1,
          cards: result.hits.map((h) => paperCard(h.paper, h.snippet)),
          ...(emptied ? { emptiedBy: emptied } : {}),
        });
      },
    );

  for (const [name, description] of [
    ['paper', 'one paper with its abstract'],
    ['summary', 'a TL;DR and key points (or a digest of a topic)'],
    ['similar', 'papers similar to one'],
  ] as const) {
    program
      .command(name)
      .description(description)
      .argument('<ref...>', 'title words, arXiv id or URL, DOI, or id')
      .action(async (ref: string[]) => show({ kind: name, ref: ref.join(' ') }));
  }

  program
    .command('cite')
    .description('a citation of a paper')
    .argument('<ref...>', 'title words, arXiv id or URL, DOI, or id')
    .addOption(
      new Option('--format <format>', 'citation style')
        .choices([...CITATION_FORMATS])
        .default('bibtex'),
    )
    .action(async (ref: string[], options: { format: CitationFormat }) =>
      show({ kind: 'cite', ref: ref.join(' '), format: options.format }),
    );

  program
    .command('random')
    .description('a random paper, optionally on a topic')
    .argument('[topic...]', 'a topic')
    .action(async (topic: string[]) => {
      const t = topic.join(' ').trim();
      await show(t ? { kind: 'random', topic: t } : { kind: 'random' });
    });

  program
    .command('daily')
    .description('the paper of the day')
    .option('--date <date>', 'a date, YYYY-MM-DD (default: today)')
    .action(async (options: { date?: string }) =>
      show(
        options.date
          ? { kind: 'daily', action: 'show', date: options.date }
          : { kind: 'daily', action: 'show' },
      ),
    );

  program
    .command('tldr')
    .description('batch mode: the TL;DR of every paper')
    .addOption(new Option('--format <format>', 'output format').choices(['jsonl']).default('jsonl'))
    .action(async () => {
      const e = await getEngine();
      const lines: string[] = [];
      for (const paper of e.papers)
        lines.push(JSON.stringify({ id: paper.id, tldr: e.summarize(paper).tldr }));
      out(lines.join('\n'));
    });

  program
    .command('chat')
    .description('a chat in the terminal, with the grammar of a Slack mention')
    .action(async () => {
      const e = await getEngine();
      await runChat(e, {
        input: io.stdin,
        output: io.stdout,
        context,
        style,
        json: globals().json === true,
      });
    });

  program
    .command('discord')
    .description('Discord administration')
    .command('register')
    .description('register the slash commands (in DISCORD_GUILD_ID, else globally) if they changed')
    .action(async () => {
      let config: Config;
      try {
        config = loadConfig(io.env);
      } catch (error) {
        throw new ExitError(error instanceof Error ? error.message : String(error), EXIT_BAD_INPUT);
      }
      if (!config.discord) {
        throw new ExitError('set DISCORD_TOKEN and DISCORD_APPLICATION_ID first', EXIT_BAD_INPUT);
      }
      const { describeRegistration, registerCommands } = await import(
        '../discord/register-commands.ts'
      );
      const result = await registerCommands({
        config: config.discord,
        logger: createCliLogger(io.stderr),
      });
      out(describeRegistration(result));
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT_OK;
  } catch (error) {
    return failure(error, io);
  }
}

function failure(error: unknown, io: CliIo): number {
  if (error instanceof CommanderError) {
    // Help and version are successes; commander has already printed usage problems.
    return error.exitCode === 0 ? EXIT_OK : EXIT_BAD_INPUT;
  }
  if (error instanceof ExitError) {
    io.stderr.write(`shammie: ${oneLine(error.message)}\n`);
    return error.status;
  }
  if (isShammieError(error)) {
    io.stderr.write(`shammie: ${oneLine(error.message)}\n`);
    return CORPUS_ERRORS.includes(error.code) ? EXIT_BAD_CORPUS : EXIT_BAD_INPUT;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(`shammie: unexpected error: ${oneLine(message)}\n`);
  return EXIT_BAD_INPUT;
}

/** Corpora at least this large (in bytes) keep an index snapshot in the data directory. */
export const CLI_SNAPSHOT_MIN_BYTES = 20 * 1024 * 1024;

async function corpusBytes(path: string): Promise<number> {
  try {
    const files = await corpusFileInfos(path);
    return files.reduce((total, file) => total + (file.info?.size ?? 0), 0);
  } catch {
    return 0; // the loader explains a bad corpus path itself
  }
}

/** The zone of "today": SHAMMIE_TIMEZONE when it names one, else the machine's. */
function cliTimeZone(zone: string | undefined): string {
  return zone && isTimeZone(zone) ? zone : systemTimeZone();
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function parseCount(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 1000) {
    throw new CommanderError(
      1,
      'shammie.badCount',
      `--limit must be a whole number from 1 to 1000, not “${value}”`,
    );
  }
  return n;
}

/** One TREC run line per hit, or one JSON line per query, for every {"id","text"} query. */
async function batchSearch(
  engine: Engine,
  file: string,
  limit: number,
  format: string,
  io: CliIo,
): Promise<void> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new ExitError(`cannot read the queries file ${file}`, EXIT_BAD_INPUT);
  }
  const chunks: string[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let query: { id?: unknown; text?: unknown; query?: unknown };
    try {
      query = JSON.parse(line);
    } catch {
      io.stderr.write(`shammie: ${file}:${i + 1}: not JSON, skipped\n`);
      return;
    }
    const id = String(query.id ?? i + 1).replace(/\s+/g, '_');
    const q = String(query.text ?? query.query ?? '');
    let hits: Array<{ id: string; score: number }> = [];
    try {
      hits = engine.search(q, { limit }).hits.map((h) => ({ id: h.paper.id, score: h.score }));
    } catch (error) {
      io.stderr.write(
        `shammie: ${file}:${i + 1}: ${error instanceof Error ? error.message : String(error)}\n`,
      );
    }
    if (format === 'jsonl') {
      chunks.push(`${JSON.stringify({ id, hits })}\n`);
    } else {
      hits.forEach((h, rank) => {
        chunks.push(
          `${id} Q0 ${h.id.replace(/\s+/g, '_')} ${rank + 1} ${h.score.toFixed(6)} shammie\n`,
        );
      });
    }
  });
  io.stdout.write(chunks.join(''));
}
