import { EventEmitter } from 'node:events';
import { existsSync, writeFileSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Bot } from '../../../adapters/app/boot.ts';
import { NOTHING_CONFIGURED, runBot } from '../../../adapters/app/run-bot.ts';
import { silentLogger } from '../../../adapters/shared/logger.ts';
import { recordingLogger } from '../scheduler/helpers.ts';
import { tempDir } from '../scheduler/temp-dir.ts';
import { type FakeSlackApi, startFakeSlackApi } from '../slack/fake-slack-api.ts';
import { writeCorpus } from './bot-fixture.ts';
import { fakePlatform } from './fake-platform.ts';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A local port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function workDir(): string {
  const dir = tempDir('shammie-run-');
  cleanups.push(dir.remove);
  return dir.path;
}

async function fakeSlack(): Promise<FakeSlackApi> {
  const api = await startFakeSlackApi();
  cleanups.push(() => api.close());
  return api;
}

/** Runs `npm start`'s logic in-process; returns what it printed and its exit status. */
async function run(
  env: Record<string, string>,
  options: { signals?: EventEmitter; onReady?: (bot: Bot) => void } = {},
) {
  const printed: string[] = [];
  const code = await runBot(env, {
    print: (line) => printed.push(line),
    signals: options.signals ?? new EventEmitter(),
    logger: () => silentLogger(),
    boot: { autoTick: false, slackHost: '127.0.0.1' },
    ...(options.onReady ? { onReady: options.onReady } : {}),
  });
  return { code, output: printed.join('\n') };
}

describe('npm start', () => {
  it('says what to set, and points at the terminal chat, when no platform is configured', async () => {
    const { code, output } = await run({});
    expect(code).toBe(1);
    expect(output).toBe(NOTHING_CONFIGURED);
    expect(output).toContain('DISCORD_TOKEN');
    expect(output).toContain('SLACK_APP_TOKEN');
    expect(output).toContain('npx shammie chat');
  });

  it('names a malformed variable without printing its value', async () => {
    const { code, output } = await run({
      SLACK_BOT_TOKEN: 'xoxp-user-token-not-a-bot-secret',
      SLACK_APP_TOKEN: 'xapp-1',
    });
    expect(code).toBe(1);
    expect(output).toContain('SLACK_BOT_TOKEN');
    expect(output).not.toContain('xoxp-user-token-not-a-bot-secret');
  });

  it('refuses a daily cron pattern it cannot run', async () => {
    const { code, output } = await run({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_APP_TOKEN: 'xapp-1',
      SHAMMIE_DAILY_CRON: 'every morning',
    });
    expect(code).toBe(1);
    expect(output).toContain('SHAMMIE_DAILY_CRON must be a cron pattern');
  });

  it('explains a corpus it cannot read, naming SHAMMIE_CORPUS', async () => {
    const dir = workDir();
    const { code, output } = await run({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_APP_TOKEN: 'xapp-1',
      SHAMMIE_CORPUS: join(dir, 'nowhere'),
    });
    expect(code).toBe(1);
    expect(output).toMatch(/SHAMMIE_CORPUS: Cannot read the corpus at .*nowhere/);
  });

  it('names every configuration mistake in one run, the corpus among them', async () => {
    const dir = workDir();
    const { code, output } = await run({
      DISCORD_APPLICATION_ID: '123',
      SLACK_BOT_TOKEN: 'xoxb-1',
      LOG_LEVEL: 'loud',
      SHAMMIE_DAILY_CRON: 'every morning',
      SHAMMIE_CORPUS: join(dir, 'nowhere'),
      ARXIV_API_URL: 'export.arxiv.org',
      SHAMMIE_CONTACT_EMAIL: 'me at example',
      SHAMMIE_LIBRARY_EDITORS: 'delete=everyone',
    });
    expect(code).toBe(1);
    for (const mistake of [
      'DISCORD_APPLICATION_ID must be',
      'DISCORD_TOKEN is required',
      'SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode) is required',
      'LOG_LEVEL must be',
      'SHAMMIE_DAILY_CRON must be a cron pattern',
      'SHAMMIE_CORPUS: Cannot read the corpus',
      'ARXIV_API_URL must be an http(s) URL',
      'SHAMMIE_CONTACT_EMAIL must be an e-mail address',
      'SHAMMIE_LIBRARY_EDITORS: "delete" is not an action',
    ]) {
      expect(output).toContain(mistake);
    }
    expect(output).not.toContain('could not start');
  });

  it('explains a data directory it cannot write, naming the variable', async () => {
    const dir = workDir();
    writeFileSync(join(dir, 'a-file'), '');
    const { code, output } = await run({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_APP_TOKEN: 'xapp-1',
      SHAMMIE_CORPUS: writeCorpus(dir),
      SHAMMIE_DATA_DIR: join(dir, 'a-file', 'data'),
    });
    expect(code).toBe(1);
    expect(output).toContain('Shammie could not start: SHAMMIE_DATA_DIR');
    expect(output).not.toContain('    at '); // no stack trace
  });

  it('reports a platform that refuses its token, without the token, and leaves nothing running', async () => {
    const dir = workDir();
    const api = await fakeSlack();
    api.failWith('auth.test', { json: { ok: false, error: 'invalid_auth' } });
    const { code, output } = await run({
      SLACK_BOT_TOKEN: 'xoxb-secret-bot-token',
      SLACK_SIGNING_SECRET: 'signing-secret',
      SLACK_API_URL: api.apiUrl,
      PORT: '0',
      SHAMMIE_CORPUS: writeCorpus(dir),
      SHAMMIE_DATA_DIR: join(dir, 'data'),
    });
    expect(code).toBe(1);
    expect(output).toContain('invalid_auth');
    expect(output).not.toContain('xoxb-secret-bot-token');
    // The database was opened and closed again: SQLite removes the WAL file on the last close.
    expect(existsSync(join(dir, 'data', 'shammie.sqlite'))).toBe(true);
    expect(existsSync(join(dir, 'data', 'shammie.sqlite-wal'))).toBe(false);
  });

  it.each([
    [
      'a closed local port',
      async () => `http://127.0.0.1:${await closedPort()}/api/`,
      'connection refused',
    ],
    ['a name DNS does not know', async () => 'http://slack.invalid/api/', 'DNS lookup failed'],
  ])(
    'names a Slack API it cannot reach (%s) as a network failure, not a refused token',
    async (_, url, why) => {
      const dir = workDir();
      const apiUrl = await url();
      const { code, output } = await run({
        SLACK_BOT_TOKEN: 'xoxb-1',
        SLACK_SIGNING_SECRET: 'signing-secret',
        SLACK_API_URL: apiUrl,
        PORT: '0',
        SHAMMIE_CORPUS: writeCorpus(dir),
        SHAMMIE_DATA_DIR: join(dir, 'data'),
      });
      expect(code).toBe(1);
      expect(output).toBe(
        `Shammie could not start: could not reach ${new URL(apiUrl).host} (${why})`,
      );
    },
  );

  it('does not call a Slack answer that refuses nothing (HTTP 503) a refused token', async () => {
    const dir = workDir();
    const api = await fakeSlack();
    api.failWith('auth.test', { status: 503 });
    const { code, output } = await run({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_SIGNING_SECRET: 'signing-secret',
      SLACK_API_URL: api.apiUrl,
      PORT: '0',
      SHAMMIE_CORPUS: writeCorpus(dir),
      SHAMMIE_DATA_DIR: join(dir, 'data'),
    });
    expect(code).toBe(1);
    expect(output).toMatch(/^Shammie could not start: Slack's auth.test failed: .*503/);
    expect(output).not.toContain('did not accept');
  });

  it.each([
    [
      'a closed local port',
      async () => `http://127.0.0.1:${await closedPort()}/api`,
      'connection refused',
    ],
    ['a name DNS does not know', async () => 'http://discord.invalid/api', 'DNS lookup failed'],
  ])('names a Discord API it cannot reach (%s) as a network failure', async (_, url, why) => {
    const dir = workDir();
    const apiUrl = await url();
    const { code, output } = await run({
      DISCORD_TOKEN: 'discord-token',
      DISCORD_APPLICATION_ID: '200000000000000001',
      DISCORD_API_URL: apiUrl,
      SHAMMIE_CORPUS: writeCorpus(dir),
      SHAMMIE_DATA_DIR: join(dir, 'data'),
    });
    expect(code).toBe(1);
    expect(output).toBe(
      `Shammie could not start: could not reach ${new URL(apiUrl).host} (${why})`,
    );
  });

  it('runs until SIGTERM, then stops the adapters and closes the database, exiting 0', async () => {
    const dir = workDir();
    const api = await fakeSlack();
    const signals = new EventEmitter();
    let bot: Bot | undefined;
    const exit = run(
      {
        SLACK_BOT_TOKEN: 'xoxb-1',
        SLACK_SIGNING_SECRET: 'signing-secret',
        SLACK_API_URL: api.apiUrl,
        PORT: '0',
        SHAMMIE_CORPUS: writeCorpus(dir),
        SHAMMIE_DATA_DIR: join(dir, 'data'),
      },
      {
        signals,
        onReady: (running) => {
          bot = running;
          signals.emit('SIGTERM');
        },
      },
    );
    const { code } = await exit;
    expect(code).toBe(0);
    expect(bot?.platforms).toEqual(['slack']);
    expect(bot?.store.db.open).toBe(false);
  });

  it('exits 1 with a log line when stopping outlives the hard deadline', async () => {
    const dir = workDir();
    const signals = new EventEmitter();
    const platform = fakePlatform();
    const logger = recordingLogger();
    platform.beginReply(); // never finishes
    const code = await runBot(
      {
        SLACK_BOT_TOKEN: 'xoxb-1',
        SLACK_SIGNING_SECRET: 'signing-secret',
        SHAMMIE_CORPUS: writeCorpus(dir),
        SHAMMIE_DATA_DIR: join(dir, 'data'),
      },
      {
        print: () => undefined,
        signals,
        logger: () => logger,
        deadlineMs: 30,
        boot: { autoTick: false, startSlack: platform.start, drainMs: 60_000, watch: false },
        onReady: () => signals.emit('SIGTERM'),
      },
    );
    expect(code).toBe(1);
    expect(logger.entries.some((e) => /could not stop in time: exiting anyway/.test(e.msg))).toBe(
      true,
    );
  });

  it('gives the start up when SIGTERM arrives during it, stops what had started, and exits 0', async () => {
    const dir = workDir();
    const signals = new EventEmitter();
    const platform = fakePlatform();
    const logger = recordingLogger();
    const code = await runBot(
      {
        SLACK_BOT_TOKEN: 'xoxb-1',
        SLACK_SIGNING_SECRET: 'signing-secret',
        SHAMMIE_CORPUS: writeCorpus(dir),
        SHAMMIE_DATA_DIR: join(dir, 'data'),
      },
      {
        print: () => undefined,
        signals,
        logger: () => logger,
        boot: {
          autoTick: false,
          watch: false,
          // The signal comes while the platform connects.
          startSlack: async (options) => {
            signals.emit('SIGTERM');
            return platform.start(options);
          },
        },
        onReady: () => expect.unreachable('the bot should not have started'),
      },
    );
    expect(code).toBe(0);
    expect(platform.steps).toEqual(['start', 'stop']);
    expect(logger.entries.some((e) => e.msg === 'stopped during start-up')).toBe(true);
    expect(existsSync(join(dir, 'data', 'shammie.sqlite-wal'))).toBe(false);
  });
});
