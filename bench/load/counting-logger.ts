/**
 * A logger for the load benchmark and the soak: it keeps counts per level and the last few
 * warnings and errors, not every entry, so that logging never shows up as memory growth.
 */
import type { Logger } from '../../adapters/shared/logger.ts';

/** What a counting logger saw. */
export interface LogCounts {
  debug: number;
  info: number;
  warn: number;
  error: number;
  /** The most recent warnings and errors, newest last, as "level: message {fields}". */
  recent: string[];
}

/** How many warnings and errors are kept for the report. */
const RECENT = 20;

/** A logger that counts; `counts` is live. */
export function countingLogger(): Logger & { counts: LogCounts } {
  const counts: LogCounts = { debug: 0, info: 0, warn: 0, error: 0, recent: [] };
  const make = (bindings: Record<string, unknown>): Logger & { counts: LogCounts } => {
    const at =
      (level: 'debug' | 'info' | 'warn' | 'error') =>
      (obj: object | string, msg?: string): void => {
        counts[level] += 1;
        if (level !== 'warn' && level !== 'error') return;
        const fields = typeof obj === 'string' ? bindings : { ...bindings, ...obj };
        const message = typeof obj === 'string' ? obj : (msg ?? '');
        counts.recent.push(`${level}: ${message} ${describe(fields)}`.slice(0, 300));
        if (counts.recent.length > RECENT) counts.recent.shift();
      };
    return {
      counts,
      debug: at('debug'),
      info: at('info'),
      warn: at('warn'),
      error: at('error'),
      child: (more) => make({ ...bindings, ...more }),
    };
  };
  return make({});
}

function describe(fields: Record<string, unknown>): string {
  try {
    return JSON.stringify(fields, (_key, value: unknown) =>
      value instanceof Error ? `${value.name}: ${value.message}` : value,
    );
  } catch {
    return '{…}';
  }
}
