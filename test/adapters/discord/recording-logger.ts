import type { Logger } from '../../../adapters/shared/logger.ts';

export interface LogEntry {
  level: 'debug' | 'info' | 'warn' | 'error';
  fields: Record<string, unknown>;
  message: string;
}

/** A logger that keeps every entry, so tests can read what was logged. */
export function recordingLogger(): Logger & { entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const make = (bindings: Record<string, unknown>): Logger & { entries: LogEntry[] } => {
    const log =
      (level: LogEntry['level']) =>
      (obj: object | string, msg?: string): void => {
        if (typeof obj === 'string') entries.push({ level, fields: { ...bindings }, message: obj });
        else entries.push({ level, fields: { ...bindings, ...obj }, message: msg ?? '' });
      };
    return {
      entries,
      debug: log('debug'),
      info: log('info'),
      warn: log('warn'),
      error: log('error'),
      child: (more) => make({ ...bindings, ...more }),
    };
  };
  return make({});
}
