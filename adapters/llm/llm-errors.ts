/**
 * Errors of the model server, each with a code an adapter can act on and a sentence that never
 * holds the API key (it is masked wherever it might appear: a server echoing the header, a
 * URL with credentials).
 */

export type LlmErrorCode =
  /** No answer within the time allowed. */
  | 'LLM_TIMEOUT'
  /** The caller gave up (its AbortSignal fired). */
  | 'LLM_ABORTED'
  /** The server could not be reached. */
  | 'LLM_UNREACHABLE'
  /** The server answered with an HTTP error status. */
  | 'LLM_HTTP'
  /** The server's answer was not a Chat Completions answer. */
  | 'LLM_BAD_RESPONSE';

export class LlmError extends Error {
  override readonly name = 'LlmError';
  constructor(
    readonly code: LlmErrorCode,
    message: string,
    /** The HTTP status, for `LLM_HTTP`. */
    readonly status?: number,
  ) {
    super(message);
  }
}

/** True for the model client's own errors. */
export function isLlmError(error: unknown): error is LlmError {
  return error instanceof LlmError;
}

/** `text` with every occurrence of the secret (of 4 characters or more) masked. */
export function redact(text: string, secret: string | undefined): string {
  if (!secret || secret.length < 4) return text;
  return text.split(secret).join('[redacted]');
}
