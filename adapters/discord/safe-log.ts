/**
 * Interaction tokens are secrets (whoever holds one can answer as the bot for 15 minutes) and
 * they sit in the routes of every callback, edit and follow-up, so in the `url` of discord.js's
 * errors too. Everything Discord-related that is logged goes through these first.
 */

/** `/interactions/{id}/{token}` and `/webhooks/{app}/{token}`: the segment after the id. */
const TOKEN_IN_ROUTE = /\/(interactions|webhooks)\/(\d+)\/[^/?#\s"']+/g;

/**
 * A request URL as it may be logged: the path below the API version, tokens masked, no query.
 * `https://discord.com/api/v10/webhooks/1/abc/messages/@original?wait=true` →
 * `/webhooks/1/:token/messages/@original`.
 */
export function maskRoute(url: string): string {
  let path = url;
  try {
    path = new URL(url).pathname;
  } catch {
    path = url.split('?')[0] ?? url;
  }
  return maskText(path.replace(/^.*?\/api(?:\/v\d+)?(?=\/)/, ''));
}

/** Any text with interaction and webhook tokens masked. */
export function maskText(text: string): string {
  return text.replace(TOKEN_IN_ROUTE, '/$1/$2/:token');
}

/** What is logged of an error: its name, message, status and code, with every route masked. */
export interface LoggableError {
  name: string;
  message: string;
  status?: number;
  code?: string | number;
  method?: string;
  route?: string;
  stack?: string;
}

/**
 * An error as it may be logged. discord.js's `DiscordAPIError`, `HTTPError` and
 * `RateLimitError` carry the full URL (and the request body) as properties, which a JSON
 * logger would write out whole.
 */
export function loggableError(error: unknown): LoggableError {
  if (!(error instanceof Error)) return { name: 'NonError', message: maskText(String(error)) };
  const fields = error as Error & {
    status?: unknown;
    code?: unknown;
    method?: unknown;
    url?: unknown;
  };
  return {
    name: error.name,
    message: maskText(error.message),
    ...(typeof fields.status === 'number' ? { status: fields.status } : {}),
    ...(typeof fields.code === 'string' || typeof fields.code === 'number'
      ? { code: fields.code }
      : {}),
    ...(typeof fields.method === 'string' ? { method: fields.method.toUpperCase() } : {}),
    ...(typeof fields.url === 'string' ? { route: maskRoute(fields.url) } : {}),
    ...(error.stack ? { stack: maskText(error.stack) } : {}),
  };
}
