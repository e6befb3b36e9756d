import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from '../shared/logger.ts';

/**
 * Bolt's logger interface on top of ours, so Bolt's own warnings (a bad signature, a listener
 * error) land in the same redacting JSON log. Bolt's level knobs are accepted and ignored: our
 * logger's level decides.
 */
export function toBoltLogger(logger: Logger): BoltLogger {
  const log = logger.child({ source: 'bolt' });
  let level: LogLevel = LogLevel.INFO;
  const text = (messages: unknown[]): string =>
    messages.map((m) => (m instanceof Error ? m.message : String(m))).join(' ');
  return {
    debug: (...messages) => log.debug(text(messages)),
    info: (...messages) => log.info(text(messages)),
    warn: (...messages) => log.warn(text(messages)),
    error: (...messages) => log.error(text(messages)),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
