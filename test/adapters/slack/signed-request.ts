import { createHmac } from 'node:crypto';

export interface SignOptions {
  /** Epoch seconds the request claims to be sent at (default: now). */
  timestamp?: number;
  /** Sign with this secret instead (a forged request). */
  secret?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

/** Slack's request signature: `v0=` HMAC-SHA256 of `v0:{timestamp}:{raw body}`. */
export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

/** POSTs a body the way Slack does, signed, over loopback; resolves with the HTTP status. */
export async function postSigned(
  url: string,
  secret: string,
  body: string,
  options: SignOptions = {},
): Promise<{ status: number; text: string }> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': options.contentType ?? 'application/json',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': slackSignature(options.secret ?? secret, timestamp, body),
      ...options.headers,
    },
    body,
  });
  return { status: response.status, text: await response.text() };
}
