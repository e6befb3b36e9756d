/**
 * Telling "no answer came" from "the service said no". A request that never reached the
 * service (no DNS name, connection refused, timed out) must not be reported as the service
 * refusing a token: the fix is the network or the base URL, not the credentials.
 */

/** What Node's error codes mean for a request that got no answer, in words. */
const NO_ANSWER: Readonly<Record<string, string>> = {
  ENOTFOUND: 'DNS lookup failed',
  EAI_AGAIN: 'DNS lookup failed',
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection reset',
  ETIMEDOUT: 'timed out',
  ESOCKETTIMEDOUT: 'timed out',
  UND_ERR_CONNECT_TIMEOUT: 'timed out',
  UND_ERR_HEADERS_TIMEOUT: 'timed out',
  UND_ERR_SOCKET: 'connection reset',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  CERT_HAS_EXPIRED: 'its TLS certificate was not accepted',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'its TLS certificate was not accepted',
  SELF_SIGNED_CERT_IN_CHAIN: 'its TLS certificate was not accepted',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its TLS certificate was not accepted',
  ERR_TLS_CERT_ALTNAME_INVALID: 'its TLS certificate was not accepted',
};

/** Error names of a request given up on after its timeout (fetch and discord.js abort it). */
const TIMEOUT_NAMES = new Set(['AbortError', 'TimeoutError']);

/**
 * "could not reach slack.com (DNS lookup failed)" when `error` is a request that got no answer
 * from `url`'s host, else undefined. SDKs wrap the network error (`original` in
 * @slack/web-api, `cause` in fetch), so the chain is followed a few links deep.
 */
export function unreachable(error: unknown, url: string): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const { code, name, original, cause } = current as {
      code?: unknown;
      name?: unknown;
      original?: unknown;
      cause?: unknown;
    };
    const why =
      (typeof code === 'string' ? NO_ANSWER[code] : undefined) ??
      (typeof name === 'string' && TIMEOUT_NAMES.has(name) ? 'timed out' : undefined);
    if (why) return `could not reach ${hostOf(url)} (${why})`;
    current = original ?? cause;
  }
  return undefined;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
