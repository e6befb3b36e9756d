/**
 * The command line of `npm run load`. Parsing is pure: arguments in, options or a friendly
 * error out.
 */
import { parseArgs } from 'node:util';

export type Platform = 'discord' | 'slack';

export interface LoadOptions {
  /** Commands sent at once, per platform. */
  count: number;
  platforms: Platform[];
  corpus: string;
  /** Distinct users the commands come from (default: one per command). */
  users?: number;
  /** Share of Slack events delivered a second time as Slack's retries (0–1). */
  retries: number;
  /** Commands sent one by one, untimed, before the burst. */
  warmup: number;
  /** Seconds to wait for every answer before calling the missing ones lost. */
  timeoutS: number;
  seed: string;
  json?: string;
}

export const DEFAULT_COUNT = 1000;
export const DEFAULT_RETRIES = 0.1;
export const DEFAULT_WARMUP = 20;
export const DEFAULT_TIMEOUT_S = 120;

export const LOAD_HELP = `npm run load -- [options]

Sends COUNT commands at once to each platform adapter through the wiring tests' local fakes
(127.0.0.1 only) and reports whether every one was answered exactly once, how fast, and the
memory used. Stops by itself.

  --count N        commands per platform, all at once (default ${DEFAULT_COUNT})
  --platform P     discord, slack or both (default both)
  --corpus PATH    corpus file or folder (default ./corpus)
  --users N        distinct users sending them (default: one per command; fewer users
                   measure the per-user rate limit instead)
  --retries F      share of Slack events redelivered as retries (default ${DEFAULT_RETRIES})
  --warmup N       untimed commands first (default ${DEFAULT_WARMUP})
  --timeout S      seconds to wait for answers (default ${DEFAULT_TIMEOUT_S})
  --seed S         seed of the command mix (default shammie-load)
  --json FILE      also write the figures as JSON
  --help           this text

SHAMMIE_LOAD_CPU_PROF=DIR writes a V8 CPU profile of the bot process into DIR.`;

export type ParsedLoadArgs =
  | { kind: 'run'; options: LoadOptions }
  | { kind: 'help' }
  | { kind: 'error'; message: string };

function positiveInt(name: string, raw: string | undefined, fallback: number): number | string {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0)
    return `--${name} must be a whole number, got “${raw}”`;
  return value;
}

/** Reads `npm run load` arguments. */
export function parseLoadArgs(argv: readonly string[]): ParsedLoadArgs {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        count: { type: 'string' },
        platform: { type: 'string' },
        corpus: { type: 'string' },
        users: { type: 'string' },
        retries: { type: 'string' },
        warmup: { type: 'string' },
        timeout: { type: 'string' },
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
  const str = (name: string) => values[name] as string | undefined;
  const count = positiveInt('count', str('count'), DEFAULT_COUNT);
  const warmup = positiveInt('warmup', str('warmup'), DEFAULT_WARMUP);
  const timeoutS = positiveInt('timeout', str('timeout'), DEFAULT_TIMEOUT_S);
  const users = str('users') === undefined ? undefined : positiveInt('users', str('users'), 0);
  for (const v of [count, warmup, timeoutS, users])
    if (typeof v === 'string') return { kind: 'error', message: v };
  if (count === 0) return { kind: 'error', message: '--count must be at least 1' };
  if (users === 0) return { kind: 'error', message: '--users must be at least 1' };
  const retries = str('retries') === undefined ? DEFAULT_RETRIES : Number(str('retries'));
  if (!(retries >= 0 && retries <= 1)) {
    return { kind: 'error', message: `--retries must be between 0 and 1, got “${str('retries')}”` };
  }
  const platform = str('platform') ?? 'both';
  const platforms: Platform[] | undefined =
    platform === 'both'
      ? ['discord', 'slack']
      : platform === 'discord' || platform === 'slack'
        ? [platform]
        : undefined;
  if (!platforms)
    return {
      kind: 'error',
      message: `--platform must be discord, slack or both, got “${platform}”`,
    };
  return {
    kind: 'run',
    options: {
      count: count as number,
      platforms,
      corpus: str('corpus') ?? 'corpus',
      ...(users !== undefined ? { users: users as number } : {}),
      retries,
      warmup: warmup as number,
      timeoutS: timeoutS as number,
      seed: str('seed') ?? 'shammie-load',
      ...(str('json') !== undefined ? { json: str('json') as string } : {}),
    },
  };
}
