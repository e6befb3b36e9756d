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
  parseCite,
  type ReplyView,
  type ShammieErrorCode,
} from '../../src/index.ts';
import { storedDaily } from '../scheduler/stored-daily.ts';
import {
  type Config,
  DEFAULT_CORPUS,
  DEFAULT_DATA_DIR,
  type DiscordConfig,
  isTimeZone,
  loadConfig,
} from '../shared/config.ts';
import { corpusFileInfos } from '../shared/corpus-stamp.ts';
import { localDate, systemTimeZone } from '../shared/local-date.ts';
import { openEngine } from '../shared/open-engine.ts';
import { unreachable } from '../shared/unreachable.ts';
import { runChat } from './chat-session.ts';
import { createCliLogger } from './cli-logger.ts';
import { createProgressBar } from './progress-bar.ts';
import { ANSI, PLAIN, printable, renderText } from './render-text.ts';

/** What the command line reads and writes: injected, so tests run it in-process too. */
export interface CliIo {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream;
  env: Readonly<Record<string, string | undefined>>;
  now: () => Date;
  random: () => number;
}

/** Exit statuses, as the README's "The command line" promises them (scripts rely on them). */
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
  let closeDaily: (() => void) | undefined;
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
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      // Usage mistakes are said once, as one "shammie: …" line, by `failure`.
      outputError: () => undefined,
    });

  const globals = (): GlobalOptions => program.opts<GlobalOptions>();
  const context = (): AnswerContext => ({
    today: localDate(io.now(), cliTimeZone(io.env.SHAMMIE_TIMEZONE)),
    random: io.random,
  });

  async function getEngine(): Promise<Engine> {
    if (engine) return engine;
    const given = globals().corpus ? 'option' : io.env.SHAMMIE_CORPUS ? 'env' : 'default';
    const path = globals().corpus || io.env.SHAMMIE_CORPUS || DEFAULT_CORPUS;
    const progress = createProgressBar(io.stderr);
    let opened: Awaited<ReturnType<typeof openEngine>>;
    try {
      opened = await openEngine({
        corpus: path,
        // Large corpora keep their index in the data directory, so the next command starts fast.
        ...((await corpusBytes(path)) >= CLI_SNAPSHOT_MIN_BYTES
          ? { dataDir: io.env.SHAMMIE_DATA_DIR || DEFAULT_DATA_DIR }
          : {}),
        logger: createCliLogger(io.stderr),
        onProgress: progress.update,
      });
    } catch (error) {
      if (isShammieError(error) && CORPUS_ERRORS.includes(error.code)) {
        throw new ExitError(`${error.message}${CORPUS_HINTS[given]}`, EXIT_BAD_CORPUS);
      }
      throw error;
    } finally {
      progress.stop();
    }
    const { problems } = opened;
    for (const p of problems.slice(0, 5)) {
      say(io.stderr, `${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}`);
    }
    if (problems.length > 5) say(io.stderr, `… and ${problems.length - 5} more problems`);
    // `daily` shows what the bot posts: its stored plan when the data directory has one.
    const daily = storedDaily(opened.engine, io.env.SHAMMIE_DATA_DIR || DEFAULT_DATA_DIR, (m) =>
      say(io.stderr, m),
    );
    closeDaily = daily.close;
    engine = daily.engine;
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
    .action(async (ref: string[], options: { format: CitationFormat }, command: Command) => {
      // The reference is read as chat reads it, so `cite lima apa` is APA and `cite lima
      // chicago` is refused, not a BibTeX entry of "lima chicago"; --format, when given, wins.
      const parsed = parseCite(ref.join(' '));
      if (parsed.kind === 'unknown-format') return show(parsed);
      const given = command.getOptionValueSource('format') === 'cli';
      await show({ kind: 'cite', ref: parsed.ref, format: given ? options.format : parsed.format });
    });

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
      let result: Awaited<ReturnType<typeof registerCommands>>;
      try {
        result = await registerCommands({
          config: config.discord,
          logger: createCliLogger(io.stderr),
        });
      } catch (error) {
        throw new ExitError(await registrationFailure(error, config.discord), EXIT_BAD_INPUT);
      }
      out(describeRegistration(result));
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT_OK;
  } catch (error) {
    return failure(error, io);
  } finally {
    closeDaily?.();
  }
}

function failure(error: unknown, io: CliIo): number {
  if (error instanceof CommanderError) {
    // Help and version are successes. With no command, commander has printed the help itself.
    if (error.exitCode === 0) return EXIT_OK;
    if (error.code !== 'commander.help') {
      say(io.stderr, `${error.message.replace(/^error: /, '')} — see shammie --help`);
    }
    return EXIT_BAD_INPUT;
  }
  if (error instanceof ExitError) {
    say(io.stderr, error.message);
    return error.status;
  }
  if (isShammieError(error)) {
    say(io.stderr, error.message);
    return CORPUS_ERRORS.includes(error.code) ? EXIT_BAD_CORPUS : EXIT_BAD_INPUT;
  }
  const message = error instanceof Error ? error.message : String(error);
  say(io.stderr, `unexpected error: ${message}`);
  return EXIT_BAD_INPUT;
}

/**
 * One "shammie: …" line on stderr. Messages echo what the user typed (a query, an option, a
 * path), so they are made printable first: an ESC in them must not drive the terminal.
 */
function say(stderr: { write(text: string): unknown }, text: string): void {
  stderr.write(`shammie: ${oneLine(printable(text))}\n`);
}

/** Where the corpus path came from, and what to add when it cannot be read. */
const CORPUS_HINTS: Record<'option' | 'env' | 'default', string> = {
  option: '',
  env: ' (the path is SHAMMIE_CORPUS; --corpus PATH overrides it)',
  default: ` (${DEFAULT_CORPUS} is the default: give the corpus with --corpus PATH or SHAMMIE_CORPUS)`,
};

/**
 * Why `discord register` failed, in words: no answer (the network, or DISCORD_API_URL) is not
 * Discord refusing the token, and Discord's own refusal names what to check.
 */
async function registrationFailure(error: unknown, config: DiscordConfig): Promise<string> {
  const { DefaultRestOptions } = await import('discord.js');
  const offline = unreachable(error, config.apiUrl ?? DefaultRestOptions.api);
  if (offline) return offline;
  const { status, message } = error as { status?: unknown; message?: unknown };
  const said = typeof message === 'string' ? message : String(error);
  if (status === 401) return `Discord did not accept DISCORD_TOKEN (${said})`;
  if (typeof status === 'number') {
    return `Discord refused the registration (${status}: ${said}); check DISCORD_APPLICATION_ID and DISCORD_GUILD_ID`;
  }
  return `the registration failed: ${said}`;
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

/** Largest `--limit`. */
export const MAX_LIMIT = 1000;

function parseCount(value: string): number {
  const n = /^\d{1,10}$/.test(value) ? Number(value) : Number.NaN;
  if (!(n >= 1 && n <= MAX_LIMIT)) {
    // Not commander's InvalidArgumentError: its wording repeats the flag ("option '--limit <n>'
    // argument 'abc' is invalid."); this one reaches `failure` as it is.
    throw new ExitError(
      `--limit must be a whole number from 1 to ${MAX_LIMIT}, not “${value}”`,
      EXIT_BAD_INPUT,
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
      say(io.stderr, `${file}:${i + 1}: not JSON, skipped`);
      return;
    }
    const id = printable(String(query.id ?? i + 1)).replace(/\s+/g, '_');
    const q = String(query.text ?? query.query ?? '');
    let hits: Array<{ id: string; score: number }> = [];
    try {
      hits = engine.search(q, { limit }).hits.map((h) => ({ id: h.paper.id, score: h.score }));
    } catch (error) {
      say(io.stderr, `${file}:${i + 1}: ${error instanceof Error ? error.message : String(error)}`);
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
