/**
 * Failures of the outside services Shammie is a client of (arXiv, Crossref, OpenAlex). Each
 * carries a code an adapter can branch on and a sentence a user can act on; the service's own
 * code (an OAI-PMH error code, an HTTP status) rides along for logs.
 */

/** What went wrong, from the caller's point of view. */
export type ServiceErrorCode =
  /** The service is unreachable, or answered 5xx after every retry. */
  | 'SERVICE_DOWN'
  /** The service says the thing asked for does not exist (404/410). */
  | 'NOT_FOUND'
  /** The answer could not be read (malformed, too large, not the documented format). */
  | 'BAD_RESPONSE'
  /** No complete answer within the request's time limit. */
  | 'TIMEOUT'
  /** The service asked us to slow down for longer than we are willing to wait. */
  | 'RATE_LIMITED'
  /** An OAI-PMH resumption token the service no longer accepts: start the harvest again. */
  | 'EXPIRED_TOKEN';

export interface ServiceErrorDetails {
  /** The HTTP status, when there was an answer. */
  status?: number;
  /** The service's own error code (e.g. OAI-PMH `badArgument`). */
  serviceCode?: string;
  /** How long the service asked us to wait before trying again, in milliseconds. */
  retryAfterMs?: number;
  /** The underlying failure (a network error), for logs. */
  cause?: unknown;
}

/** A failure of an outside service; `message` is the sentence to show a user. */
export class ServiceError extends Error {
  override readonly name = 'ServiceError';
  readonly status?: number;
  readonly serviceCode?: string;
  readonly retryAfterMs?: number;

  constructor(
    readonly code: ServiceErrorCode,
    /** The service's name as users know it ("arXiv", "Crossref"). */
    readonly service: string,
    message: string,
    details: ServiceErrorDetails = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    if (details.status !== undefined) this.status = details.status;
    if (details.serviceCode !== undefined) this.serviceCode = details.serviceCode;
    if (details.retryAfterMs !== undefined) this.retryAfterMs = details.retryAfterMs;
  }
}

/** True for a failure of an outside service (as opposed to a bug). */
export function isServiceError(error: unknown): error is ServiceError {
  return error instanceof ServiceError;
}

/** "in 2 min", "in 40 s": how long to wait, in words. */
export function waitInWords(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 90) return `in ${seconds} s`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 90) return `in ${minutes} min`;
  return `in ${Math.ceil(minutes / 60)} h`;
}

/** The default sentence for each code; clients pass a more specific one where they can. */
export function defaultServiceMessage(
  code: ServiceErrorCode,
  service: string,
  retryAfterMs?: number,
): string {
  const later = retryAfterMs === undefined ? 'later' : waitInWords(retryAfterMs);
  switch (code) {
    case 'SERVICE_DOWN':
      return `${service} did not answer; try again ${later}.`;
    case 'TIMEOUT':
      return `${service} took too long to answer; try again ${later}.`;
    case 'RATE_LIMITED':
      return `${service} asked Shammie to slow down; try again ${later}.`;
    case 'NOT_FOUND':
      return `${service} has no record of that; check the reference.`;
    case 'BAD_RESPONSE':
      return `${service} sent an answer Shammie could not read; try again ${later}.`;
    case 'EXPIRED_TOKEN':
      return `${service} no longer accepts the saved harvest position; start the harvest again.`;
  }
}

/** A ServiceError with the default sentence for its code. */
export function serviceError(
  code: ServiceErrorCode,
  service: string,
  details: ServiceErrorDetails = {},
): ServiceError {
  return new ServiceError(
    code,
    service,
    defaultServiceMessage(code, service, details.retryAfterMs),
    details,
  );
}
