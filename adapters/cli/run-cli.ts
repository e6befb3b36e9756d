import { Command, CommanderError, Option } from 'commander';
import { isShammieError } from '../../src/index.ts';
import { type CliIo, createCliContext, type GlobalOptions } from './cli-context.ts';
import { CLI_COMMANDS } from './commands/index.ts';
import {
  CORPUS_ERRORS,
  EXIT_BAD_CORPUS,
  EXIT_BAD_INPUT,
  EXIT_OK,
  ExitError,
} from './exit-status.ts';
import { say } from './say.ts';

/**
 * Runs one command line; resolves with the exit status. Never throws. The commands live in
 * commands/, one file each; this sets up the program and maps failures to exit statuses.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
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
  const cli = createCliContext(io, () => program.opts<GlobalOptions>());
  for (const addCommand of CLI_COMMANDS) addCommand(program, cli);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT_OK;
  } catch (error) {
    return failure(error, io);
  } finally {
    cli.close();
  }
}

/** The exit status of a failed command, its reason said on one "shammie: …" line. */
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
