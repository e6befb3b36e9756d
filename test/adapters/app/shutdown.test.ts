import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CONFIG_KEYS } from '../../../adapters/shared/config.ts';
import { tempDir } from '../scheduler/temp-dir.ts';
import { eventEnvelope, mentionEvent } from '../slack/payloads.ts';
import { postSigned } from '../slack/signed-request.ts';
import { writeCorpus } from './bot-fixture.ts';
import { startHeldSlackApi } from './held-slack-api.ts';

/**
 * `npm start` as a real process (`node --import tsx adapters/app/main.ts`) in Slack HTTP
 * mode against a local Slack API, stopped by a real signal.
 */

const ROOT = resolve(import.meta.dirname, '../../..');
const SIGNING_SECRET = 'shutdown-test-signing-secret';
const BOT_TOKEN = 'xoxb-shutdown-test-token';

interface LogLine {
  msg: string;
  [field: string]: unknown;
}

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The two ways the bot process is started: as `npm start` does, and straight with node. */
const LAUNCHES = {
  'npm start (the tsx command)': [
    join(ROOT, 'node_modules', '.bin', 'tsx'),
    'adapters/app/main.ts',
  ],
  'node --import tsx': [process.execPath, '--import', 'tsx', 'adapters/app/main.ts'],
} as const;
type Launch = keyof typeof LAUNCHES;

/** Starts the bot process; collects its JSON log lines; resolves `exited` with its exit code. */
async function startBot(launch: Launch = 'node --import tsx') {
  const dir = tempDir('shammie-shutdown-');
  cleanups.push(dir.remove);
  const api = await startHeldSlackApi();
  cleanups.push(() => api.close());
  const dataDir = join(dir.path, 'data');
  // Every variable the bot reads is set, most to empty, so a developer's .env cannot leak in.
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    ...Object.fromEntries(CONFIG_KEYS.map((key) => [key, ''])),
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: api.apiUrl,
    PORT: '0',
    SHAMMIE_CORPUS: writeCorpus(dir.path),
    SHAMMIE_DATA_DIR: dataDir,
    LOG_LEVEL: 'info',
  };
  const [command, ...args] = LAUNCHES[launch];
  const child: ChildProcess = spawn(command, args, {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  cleanups.push(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  const logs: LogLine[] = [];
  let raw = '';
  let buffered = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    raw += chunk.toString('utf8');
    buffered += chunk.toString('utf8');
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      try {
        logs.push(JSON.parse(line) as LogLine);
      } catch {
        // Not a log line (a warning from Node): kept in `raw` for the failure message.
      }
    }
  });
  const exited = new Promise<number | null>((done) => {
    child.on('exit', (code) => done(code));
  });
  const waitForLog = async (msg: string, timeoutMs = 20_000): Promise<LogLine> => {
    const never = () => new Error(`the bot never logged "${msg}"; its output:\n${raw}`);
    // Stops waiting, too, once the bot has exited without the line.
    const found = await vi.waitFor(
      () => {
        const line = logs.find((l) => l.msg === msg);
        if (line || child.exitCode !== null) return line;
        throw never();
      },
      { timeout: timeoutMs, interval: 20 },
    );
    if (!found) throw never();
    return found;
  };
  return { child, api, logs, raw: () => raw, exited, waitForLog, dataDir };
}

/** A mention, signed as Slack signs it, delivered to the bot's HTTP receiver. */
async function mention(port: number, text: string) {
  const event = mentionEvent(text);
  const response = await postSigned(
    `http://127.0.0.1:${port}/slack/events`,
    SIGNING_SECRET,
    JSON.stringify(eventEnvelope(event)),
  );
  return { event, status: response.status };
}

describe('stopping npm start with a signal', () => {
  it.each(Object.keys(LAUNCHES) as Launch[])(
    'started by %s: on SIGTERM during a reply, stops receiving, delivers the reply, closes the database and exits 0',
    async (launch) => {
      const bot = await startBot(launch);
      const listening = await bot.waitForLog('Slack adapter listening');
      await bot.waitForLog('Shammie is running');
      const port = Number(listening.port);

      bot.api.hold();
      const asked = await mention(port, 'search attention');
      expect(asked.status).toBe(200);
      await bot.api.waitFor((calls) =>
        calls.some((c) => c.method === 'chat.postMessage' && c.body.thread_ts === asked.event.ts),
      );

      bot.child.kill('SIGTERM');
      const waiting = await bot.waitForLog('waiting for replies in flight');
      expect(waiting.inFlight).toEqual({ slack: 1 });
      // The exit is ordered against the release: a process that did not wait exits before it.
      const order: string[] = [];
      void bot.exited.then(() => order.push('exited'));
      // New work is refused meanwhile: the receiver is closed.
      await expect(mention(port, 'search lora')).rejects.toThrow();
      expect(bot.logs.map((l) => l.msg)).not.toContain('stopped');

      order.push('released');
      bot.api.release();
      const code = await bot.exited;
      expect(order).toEqual(['released', 'exited']);
      expect(code).toBe(0);
      const reply = bot.api.calls.find(
        (c) => c.method === 'chat.postMessage' && c.body.thread_ts === asked.event.ts,
      );
      expect(reply?.answered).toBe(true);
      expect(JSON.stringify(reply?.body)).toMatch(/Attention is all you need/);
      expect(bot.logs.map((l) => l.msg)).toContain('stopped');
      // The database was closed: SQLite removes its WAL file on the last close.
      expect(existsSync(join(bot.dataDir, 'shammie.sqlite'))).toBe(true);
      expect(existsSync(join(bot.dataDir, 'shammie.sqlite-wal'))).toBe(false);
      expect(bot.raw()).not.toContain(BOT_TOKEN);
      expect(bot.raw()).not.toContain(SIGNING_SECRET);
    },
  );

  it('on SIGINT with nothing in flight, exits 0 at once', async () => {
    const bot = await startBot();
    await bot.waitForLog('Shammie is running');
    bot.child.kill('SIGINT');
    expect(await bot.exited).toBe(0);
    expect(bot.logs.map((l) => l.msg)).not.toContain('waiting for replies in flight');
    expect(bot.logs.find((l) => l.msg.startsWith('stopping'))?.signal).toBe('SIGINT');
  });
});
