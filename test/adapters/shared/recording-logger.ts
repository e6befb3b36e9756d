import type { Logger } from '../../../adapters/shared/logger.ts';

export interface LogEntry {
  level: 'debug' | 'info' | 'warn' | 'error';
  fields: Record<string, unknown>;
  message: string;
}

/** A logger that keeps what it is told, so tests can check what was logged (and with which id). */
export function recordingLogger(entries: LogEntry[] = []): Logger & { entries: LogEntry[] } {
  const make = (bindings: Record<string, unknown>): Logger & { entries: LogEntry[] } => {
    const at =
      (level: LogEntry['level']) =>
      (obj: object | string, msg?: string): void => {
        if (typeof obj === 'string') entries.push({ level, fields: { ...bindings }, message: obj });
        else entries.push({ level, fields: { ...bindings, ...obj }, message: msg ?? '' });
      };
    return {
      entries,
      debug: at('debug'),
      info: at('info'),
      warn: at('warn'),
      error: at('error'),
      child: (more) => make({ ...bindings, ...more }),
    };
  };
  return make({});
}
