import type { Logger } from '../shared/logger.ts';
import { say } from './say.ts';

/**
 * The logger the command line hands to shared code: warnings and errors as one readable line
 * on stderr ("shammie: …"), nothing else — a terminal user wants answers, not JSON logs.
 */
export function createCliLogger(stderr: { write(text: string): unknown }): Logger {
  const line =
    (show: boolean) =>
    (obj: object | string, msg?: string): void => {
      if (!show) return;
      const text = typeof obj === 'string' ? obj : msg;
      const reason = typeof obj === 'object' && 'reason' in obj ? ` (${String(obj.reason)})` : '';
      // The reason may quote a file name or its content: `say` keeps it from driving the terminal.
      if (text) say(stderr, `${text}${reason}`);
    };
  const logger: Logger = {
    debug: line(false),
    info: line(false),
    warn: line(true),
    error: line(true),
    child: () => logger,
  };
  return logger;
}
