import type { Logger } from '../shared/logger.ts';
import { printable } from './render-text.ts';

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
      // The reason may quote a file name or its content: nothing in it may drive the terminal.
      if (text) stderr.write(`shammie: ${printable(`${text}${reason}`).replace(/\s+/g, ' ')}\n`);
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
