import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, vi } from 'vitest';

/** One Web API call the fake received, and whether its answer has gone back. */
export interface HeldCall {
  method: string;
  body: Record<string, string>;
  answered: boolean;
}

/**
 * A local Slack Web API on 127.0.0.1 whose `chat.postMessage` answers can be held back, so a
 * test can stop the bot while a reply is in flight and see whether the bot waits for it.
 */
export async function startHeldSlackApi() {
  const calls: HeldCall[] = [];
  const held: Array<() => void> = [];
  const answeredLog: string[] = [];
  let holding = false;
  let nextTs = 1;

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const method = new URL(req.url ?? '/', 'http://127.0.0.1').pathname.replace(/^\/api\//, '');
      const body = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
      const call: HeldCall = { method, body, answered: false };
      calls.push(call);
      const answer = (json: Record<string, unknown>) => () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(json), () => {
          call.answered = true;
          answeredLog.push(method);
        });
      };
      if (method === 'auth.test') {
        answer({
          ok: true,
          team_id: 'T0LAB',
          user_id: 'U0BOT',
          bot_id: 'B0BOT',
          user: 'shammie',
        })();
      } else if (method === 'chat.postMessage') {
        const ts = `${1_700_000_000 + nextTs++}.000100`;
        const send = answer({ ok: true, channel: body.channel, ts, message: { ts } });
        if (holding) held.push(send);
        else send();
      } else {
        answer({ ok: true })();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    apiUrl: `http://127.0.0.1:${port}/api/`,
    calls,
    /** Methods in the order their answers went back. */
    answeredLog,
    /** From now on, replies wait for `release`. */
    hold() {
      holding = true;
    },
    /** Answers every reply held so far, and stops holding. */
    release() {
      holding = false;
      for (const send of held.splice(0)) send();
    },
    async waitFor(predicate: (calls: HeldCall[]) => boolean, timeoutMs = 10_000): Promise<void> {
      await vi.waitFor(
        () => expect(predicate(calls), 'held Slack API: the call never came').toBe(true),
        { timeout: timeoutMs, interval: 10 },
      );
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
