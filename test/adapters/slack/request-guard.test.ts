import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../../adapters/slack/request-guard.ts';
import { eventEnvelope, mentionEvent } from './payloads.ts';
import { slackSignature } from './signed-request.ts';
import { postsInThread, SIGNING_SECRET, type SlackHarness, startHarness } from './slack-harness.ts';

let h: SlackHarness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

/**
 * Streams `total` bytes of body to /slack/events with no Content-Length (chunked), the way an
 * attacker would, and stops as soon as the server answers. Resolves with the status and how many
 * bytes had been written by then.
 */
function streamChunked(
  url: string,
  total: number,
  headers: Record<string, string> = {},
): Promise<{ status: number; sent: number }> {
  const chunk = Buffer.alloc(64 * 1024, 'x');
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
    });
    req.on('response', (res) => {
      answered = true;
      res.resume();
      resolve({ status: res.statusCode ?? 0, sent });
      req.destroy();
    });
    // The server closing the connection while we still write is expected once it has answered.
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    const pump = (): void => {
      while (!answered && sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) {
          req.once('drain', pump);
          return;
        }
      }
      if (!answered) req.end();
    };
    pump();
  });
}

/** The signed headers of a body, so Bolt would accept it if it reached Bolt. */
function signedHeaders(body: string): Record<string, string> {
  const timestamp = Math.floor(Date.now() / 1000);
  return {
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': slackSignature(SIGNING_SECRET, timestamp, body),
  };
}

describe('the HTTP request guard (before Bolt reads a body)', () => {
  it('refuses a 50 MB chunked body with 413 after reading little more than the limit', async () => {
    const result = await streamChunked(h.eventsUrl, 50 * 1024 * 1024, signedHeaders('{}'));
    expect(result.status).toBe(413);
    // Counted as it arrived: the server answered long before the 50 MB were sent.
    expect(result.sent).toBeLessThan(8 * MAX_BODY_BYTES);
    const line = h.logs.find((l) => l.message === 'Slack request refused');
    expect(line?.level).toBe('warn');
    expect(line?.fields).toMatchObject({ platform: 'slack', status: 413 });
  });

  it('still answers a signed chunked request under the limit (Bolt is handed the body it read)', async () => {
    const event = mentionEvent('help');
    const body = JSON.stringify(eventEnvelope(event));
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(h.eventsUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...signedHeaders(body) },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      // Two writes and no Content-Length: sent chunked.
      req.write(body.slice(0, 10));
      req.end(body.slice(10));
    });
    expect(status).toBe(200);
    await h.api.waitFor((calls) => postsInThread(calls, event.ts).length === 1);
  });

  it('answers other paths with 404 without reading them', async () => {
    const response = await fetch(h.eventsUrl.replace('/slack/events', '/elsewhere'), {
      method: 'POST',
      body: 'x',
    });
    expect(response.status).toBe(404);
  });
});
