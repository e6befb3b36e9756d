import pino, { type DestinationStream } from 'pino';
import type { LogLevel } from './config.ts';

/** The slice of a logger adapters use: pino's, so tests can pass a recording one. */
export interface Logger {
  debug(obj: object | string, msg?: string): void;
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
  child(bindings: Record<string, unknown>): Logger;
}

/** Object paths whose values are secrets, redacted wherever they are logged. */
const REDACT_PATHS = [
  'token',
  '*.token',
  'botToken',
  '*.botToken',
  'appToken',
  '*.appToken',
  'signingSecret',
  '*.signingSecret',
  'apiKey',
  '*.apiKey',
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
];

/**
 * A JSON logger that never writes secrets: known secret fields are redacted by path, and the
 * values passed in `secrets` (the configured tokens) are masked wherever they appear in text.
 */
export function createLogger(options: {
  level: LogLevel;
  secrets?: readonly string[];
  destination?: DestinationStream;
}): Logger {
  // A very short value would mask ordinary words all over the log.
  const secrets = (options.secrets ?? []).filter((s) => s.length >= 6);
  const stream: DestinationStream = options.destination ?? pino.destination(2);
  const masked: DestinationStream = {
    write: (chunk: string) => stream.write(maskSecrets(chunk, secrets)),
  };
  return pino(
    {
      level: options.level,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      base: undefined,
    },
    masked,
  ) as unknown as Logger;
}

/** `text` with every occurrence of each secret value replaced by `[redacted]`. */
export function maskSecrets(text: string, secrets: readonly string[]): string {
  return secrets.reduce((out, secret) => out.replaceAll(secret, '[redacted]'), text);
}

/** A logger that drops everything, for tests that don't look at logs. */
export function silentLogger(): Logger {
  return createLogger({ level: 'error', destination: { write: () => undefined } });
}
