/**
 * The command line of `npm run soak`. Parsing is pure: arguments in, options or a friendly
 * error out.
 */
import { parseArgs } from 'node:util';

export interface SoakOptions {
  minutes: number;
  /** Commands per second, spread evenly. */
  rate: number;
  /** Seconds between memory samples. */
  sampleS: number;
  /** Seconds left out of the trend at the start. */
  warmupS: number;
  /** The bot's clock runs this many times faster than real time (expiry shows sooner). */
  timeScale: number;
  /** Share of searches that carry a word never seen before (people type anything). */
  novelWords: number;
  /** Distinct users, taking turns; undefined: every command from a new user. */
  users?: number;
  corpus: string;
  seed: string;
  json?: string;
}

export const SOAK_HELP = `npm run soak -- [options]

Sends a steady mix of commands to the bot (its own process, over the wiring tests' local
fakes on 127.0.0.1): Discord slash commands and paging and summary buttons, Slack mentions,
direct messages, /shammie, More results and duplicate deliveries. Samples the bot's memory
after full garbage collections and reports its trend. Stops by itself.

  --minutes M      how long (default 3)
  --rate R         commands per second (default 20)
  --sample S       seconds between memory samples (default 5)
  --warmup S       seconds left out of the trend (default 30)
  --time-scale K   run the bot's clock K times faster, so that 15- and 60-minute expiry
                   happens within the soak (default 1: real time)
  --novel-words F  share of searches with a never-seen word (default 0.2)
  --users N        N users taking turns (default: every command from a new user, the worst
                   case for per-user state)
  --corpus PATH    corpus file or folder (default ./corpus)
  --seed S         seed of the command mix (default shammie-soak)
  --json FILE      also write every sample and the figures as JSON
  --help           this text`;

export type ParsedSoakArgs =
  | { kind: 'run'; options: SoakOptions }
  | { kind: 'help' }
  | { kind: 'error'; message: string };

/** Reads `npm run soak` arguments. */
export function parseSoakArgs(argv: readonly string[]): ParsedSoakArgs {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        minutes: { type: 'string' },
        rate: { type: 'string' },
        sample: { type: 'string' },
        warmup: { type: 'string' },
        'time-scale': { type: 'string' },
        'novel-words': { type: 'string' },
        users: { type: 'string' },
        corpus: { type: 'string' },
        seed: { type: 'string' },
        json: { type: 'string' },
        help: { type: 'boolean' },
      },
      strict: true,
    }));
  } catch (error) {
    return { kind: 'error', message: (error as Error).message };
  }
  if (values.help) return { kind: 'help' };
  const number = (name: string, fallback: number, ok: (v: number) => boolean) => {
    const raw = values[name] as string | undefined;
    if (raw === undefined) return fallback;
    const value = Number(raw);
    return ok(value) ? value : `--${name} cannot be “${raw}”`;
  };
  const positive = (v: number) => Number.isFinite(v) && v > 0;
  const minutes = number('minutes', 3, positive);
  const rate = number('rate', 20, (v) => positive(v) && v <= 500);
  const sampleS = number('sample', 5, positive);
  const warmupS = number('warmup', 30, (v) => Number.isFinite(v) && v >= 0);
  const timeScale = number('time-scale', 1, (v) => positive(v) && v <= 1000);
  const novelWords = number('novel-words', 0.2, (v) => v >= 0 && v <= 1);
  const users = number('users', 0, (v) => Number.isInteger(v) && v >= 1);
  for (const v of [minutes, rate, sampleS, warmupS, timeScale, novelWords, users]) {
    if (typeof v === 'string') return { kind: 'error', message: v };
  }
  return {
    kind: 'run',
    options: {
      minutes: minutes as number,
      rate: rate as number,
      sampleS: sampleS as number,
      warmupS: warmupS as number,
      timeScale: timeScale as number,
      novelWords: novelWords as number,
      ...(values.users !== undefined ? { users: users as number } : {}),
      corpus: (values.corpus as string | undefined) ?? 'corpus',
      seed: (values.seed as string | undefined) ?? 'shammie-soak',
      ...(values.json !== undefined ? { json: values.json as string } : {}),
    },
  };
}
