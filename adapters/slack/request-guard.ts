import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';

/** Slack's replay window: a request signed more than five minutes away from now is refused. */
export const MAX_CLOCK_SKEW_SECONDS = 5 * 60;
/** Largest request body accepted; Slack's payloads are a few kilobytes. */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Wraps Bolt's HTTP request listener with the checks Bolt leaves out: it refuses stale
 * timestamps but not ones from the future, and it reads bodies of any size. Everything else
 * (signature, parsing, routing) stays Bolt's.
 */
export function guardSlackRequests(
  listener: RequestListener,
  options: { now: () => Date },
): RequestListener {
  return (req: IncomingMessage, res: ServerResponse) => {
    const header = req.headers['x-slack-request-timestamp'];
    if (typeof header === 'string' && header.trim() !== '') {
      const sent = Number(header);
      const skew = Math.abs(options.now().getTime() / 1000 - sent);
      if (!Number.isFinite(sent) || skew > MAX_CLOCK_SKEW_SECONDS) {
        reject(req, res, 401);
        return;
      }
    }
    const length = Number(req.headers['content-length'] ?? 0);
    if (length > MAX_BODY_BYTES) {
      reject(req, res, 413);
      return;
    }
    listener(req, res);
  };
}

function reject(req: IncomingMessage, res: ServerResponse, status: number): void {
  // Drain what the client sends so the connection closes cleanly, then answer with no body.
  req.resume();
  res.writeHead(status);
  res.end();
}
