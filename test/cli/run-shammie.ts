import { Readable, Writable } from 'node:stream';
import type { CliIo } from '../../adapters/cli/cli-context.ts';
import { runCli } from '../../adapters/cli/run-cli.ts';

/** What one command line did: its exit status and everything it wrote. */
export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `shammie ARGS` in-process with recording streams, a fixed clock and fixed randomness.
 * The environment is only what is given (plus NO_COLOR), so a developer's variables cannot leak
 * in: the corpus is ./corpus, the bundled one, unless told otherwise.
 */
export async function shammie(
  args: string[],
  options: {
    env?: Record<string, string>;
    input?: string;
    /** The service clients' overrides and the Ctrl-C source (see CliIo). */
    io?: Pick<CliIo, 'sources' | 'signals'>;
  } = {},
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: {
      write: (text: string) => {
        stdout += text;
      },
    },
    stderr: new Writable({
      write(chunk, _encoding, done) {
        stderr += String(chunk);
        done();
      },
    }),
    stdin: Readable.from([options.input ?? '']),
    env: { NO_COLOR: '1', ...options.env },
    now: () => new Date('2025-01-01T12:00:00Z'),
    random: () => 0.5,
    ...options.io,
  };
  const status = await runCli(args, io);
  return { status, stdout, stderr };
}

/** The non-empty lines of a text (what was said on stderr, say). */
export const lines = (text: string): string[] => text.split('\n').filter((l) => l !== '');
