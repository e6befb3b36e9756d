import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Bot, boot } from '../../../adapters/app/boot.ts';
import { runCli } from '../../../adapters/cli/run-cli.ts';
import { loadConfig } from '../../../adapters/shared/config.ts';
import { silentLogger } from '../../../adapters/shared/logger.ts';
import { type FakeDiscord, startFakeDiscord } from '../discord/fake-discord.ts';
import { attachFakeGateway, type FakeGateway } from '../discord/fake-gateway.ts';
import { rawCommand } from '../discord/raw-interactions.ts';
import { PAPERS } from '../scheduler/helpers.ts';
import { tempDir } from '../scheduler/temp-dir.ts';
import { type FakeSlackApi, startFakeSlackApi } from '../slack/fake-slack-api.ts';
import { eventEnvelope, mentionEvent } from '../slack/payloads.ts';
import { postSigned } from '../slack/signed-request.ts';

/**
 * "The paper of date D" is one thing: the daily post for D, Discord's `/daily show`, Slack's
 * `daily`, `shammie daily` and `shammie chat` all give the same paper, before and after a corpus
 * reload that adds papers (the stored plan keeps its cycle; a count-based pick would not).
 */

const APPLICATION_ID = '200000000000000001';
const DISCORD_CHANNEL = '300000000000000042';
const SLACK_CHANNEL = 'C0DAILY';
const ZONE = 'Europe/Paris';

/** Papers only the reloaded corpus has, so the reload changes the corpus size. */
const MORE_PAPERS = ['Sparse mixtures of experts', 'Speculative decoding'].map((title, i) => ({
  id: `more-${i}`,
  title,
  abstract: `We study ${title.toLowerCase()}. It works well on many tasks.`,
  authors: ['Extra Author'],
  year: 2024,
}));
const FIRST = PAPERS.slice(0, 5);
const ALL = [...PAPERS, ...MORE_PAPERS];

let discord: FakeDiscord;
let slackApi: FakeSlackApi;
let gateway: FakeGateway;
let dir: { path: string; remove: () => void };
const running: Bot[] = [];

beforeEach(async () => {
  // Slack's signature check reads the real clock: the days go by on `Date` itself.
  vi.useFakeTimers({ toFake: ['Date'] });
  [discord, slackApi] = await Promise.all([startFakeDiscord(), startFakeSlackApi()]);
  gateway = attachFakeGateway(discord.server, { id: APPLICATION_ID, username: 'Shammie' });
  let registered: unknown[] = [];
  discord.respond((call) => {
    if (!call.path.endsWith('/commands')) return undefined;
    if (call.method === 'PUT') registered = call.body as unknown[];
    return { status: 200, body: registered };
  });
  dir = tempDir('shammie-agree-');
});

afterEach(async () => {
  for (const bot of running.splice(0)) await bot.stop();
  await Promise.all([discord.close(), slackApi.close()]);
  dir.remove();
  vi.useRealTimers();
});

const corpusDir = () => join(dir.path, 'corpus');
const dataDir = () => join(dir.path, 'data');

/** The clock of the bot and of everything around it (Bolt's signature check included). */
const clock = {
  now: () => Date.now(),
  set: (at: string) => vi.setSystemTime(Date.parse(at)),
};
type Clock = typeof clock;

function writeCorpus(papers: readonly object[]): void {
  mkdirSync(corpusDir(), { recursive: true });
  writeFileSync(
    join(corpusDir(), 'papers.jsonl'),
    `${papers.map((p) => JSON.stringify(p)).join('\n')}\n`,
  );
}

async function start(): Promise<Bot> {
  const config = loadConfig({
    DISCORD_TOKEN: 'discord-test-token',
    DISCORD_APPLICATION_ID: APPLICATION_ID,
    DISCORD_API_URL: discord.apiUrl,
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: 'test-signing-secret',
    SLACK_API_URL: slackApi.apiUrl,
    PORT: '0',
    SHAMMIE_CORPUS: corpusDir(),
    SHAMMIE_DATA_DIR: dataDir(),
    SHAMMIE_TIMEZONE: ZONE,
  });
  const bot = await boot(config, {
    logger: silentLogger(),
    now: clock.now,
    autoTick: false,
    watch: false,
    slackHost: '127.0.0.1',
  });
  running.push(bot);
  await gateway.ready;
  return bot;
}

/** The one paper of `papers` whose title a message (any shape) shows. */
function paperShown(message: unknown): string {
  const text = JSON.stringify(message);
  const shown = ALL.filter((paper) => text.includes(paper.title));
  expect(shown, text.slice(0, 300)).toHaveLength(1);
  return shown[0]!.id;
}

/** The date `days` after `from`, as YYYY-MM-DD. */
function dayAfter(from: string, days: number): string {
  return new Date(Date.parse(`${from}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Paris morning hours of a date, as an instant (summer time: UTC+2). */
const parisAt = (date: string, hhmm: string) => `${date}T${hhmm}:00+02:00`;

/** Runs the daily tick at 09:00 Paris on `date`; returns the papers posted to each channel. */
async function postOn(bot: Bot, clock: Clock, date: string) {
  const before = {
    discord: discord.find('POST', new RegExp(`^/channels/${DISCORD_CHANNEL}/messages$`)).length,
    slack: slackPosts().length,
  };
  clock.set(parisAt(date, '09:00'));
  await bot.scheduler.tick();
  const discordPosts = discord
    .find('POST', new RegExp(`^/channels/${DISCORD_CHANNEL}/messages$`))
    .slice(before.discord);
  const slack = slackPosts().slice(before.slack);
  expect(discordPosts).toHaveLength(1);
  expect(slack).toHaveLength(1);
  return { discord: paperShown(discordPosts[0]!.body), slack: paperShown(slack[0]!.body) };
}

function slackPosts() {
  return slackApi
    .callsTo('chat.postMessage')
    .filter((c) => c.body.channel === SLACK_CHANNEL && !c.body.thread_ts);
}

/** Discord `/daily show [date]` through the gateway; the paper the answer shows. */
async function discordShow(date?: string): Promise<string> {
  const command = rawCommand('daily', [
    {
      name: 'show',
      type: 1,
      options: date ? [{ name: 'date', type: 3, value: date }] : [],
    },
  ]);
  gateway.dispatch('INTERACTION_CREATE', command);
  const answer = await discord.next(
    (c) => c.path === `/interactions/${command.id}/${command.token}/callback`,
  );
  return paperShown(answer.body);
}

/** Slack `@Shammie daily [date]` through Bolt; the paper of the threaded answer. */
async function slackShow(bot: Bot, date?: string): Promise<string> {
  const mention = mentionEvent(date ? `daily ${date}` : 'daily');
  const delivered = await postSigned(
    `http://127.0.0.1:${bot.slackPort}/slack/events`,
    'test-signing-secret',
    JSON.stringify(eventEnvelope(mention)),
  );
  expect(delivered.status).toBe(200);
  await slackApi.waitFor((calls) =>
    calls.some((c) => c.method === 'chat.postMessage' && c.body.thread_ts === mention.ts),
  );
  const reply = slackApi.callsTo('chat.postMessage').find((c) => c.body.thread_ts === mention.ts)!;
  return paperShown(reply.body);
}

/** `shammie ARGS` in-process on the same corpus and data directory; stdout as JSON. */
async function shammie(args: string[], input = ''): Promise<{ status: number; stdout: string }> {
  let stdout = '';
  let stderr = '';
  const status = await runCli(['--json', ...args], {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: new Writable({
      write(chunk, _encoding, done) {
        stderr += String(chunk);
        done();
      },
    }),
    stdin: Readable.from([input]),
    env: { SHAMMIE_CORPUS: corpusDir(), SHAMMIE_DATA_DIR: dataDir(), SHAMMIE_TIMEZONE: ZONE },
    now: () => new Date(),
    random: () => 0.5,
  });
  expect(stderr).toBe('');
  return { status, stdout };
}

async function terminalDaily(date: string): Promise<string> {
  const { status, stdout } = await shammie(['daily', '--date', date]);
  expect(status).toBe(0);
  return paperShown(JSON.parse(stdout));
}

/** `shammie chat` answering `daily DATE` for every date; the paper of each answer. */
async function chatDaily(dates: readonly string[]): Promise<string[]> {
  const { status, stdout } = await shammie(
    ['chat'],
    dates.map((date) => `daily ${date}\n`).join(''),
  );
  expect(status).toBe(0);
  return stdout
    .trim()
    .split('\n')
    .map((line) => paperShown(JSON.parse(line)));
}

describe('the paper of a date, everywhere', () => {
  it('is the same in the daily post, /daily show, Slack daily and the terminal, across a reload that adds papers', async () => {
    writeCorpus(FIRST);
    // Before the bot ever ran there is no database: the terminal uses the pure pick the
    // scheduler starts its plan from, and creates nothing.
    const firstDay = '2024-06-01';
    const terminalBefore = await terminalDaily(firstDay);
    expect(existsSync(dataDir())).toBe(false);

    clock.set(parisAt(firstDay, '08:00'));
    const bot = await start();
    for (const platform of ['discord', 'slack'] as const) {
      await bot.commands.subscribe({
        channel: { platform, channelId: platform === 'discord' ? DISCORD_CHANNEL : SLACK_CHANNEL },
        time: '09:00',
        timezone: ZONE,
      });
    }
    const posted = new Map<string, string>();
    for (const date of [firstDay, dayAfter(firstDay, 1)]) {
      const post = await postOn(bot, clock, date);
      expect(post.slack).toBe(post.discord);
      posted.set(date, post.discord);
    }
    expect(posted.get(firstDay)).toBe(terminalBefore);

    // The corpus grows from 5 to 9 papers and is reloaded: the stored cycle goes on.
    writeCorpus(ALL);
    expect(await bot.reload()).toMatchObject({ status: 'swapped', papers: ALL.length });

    // What every way in says about the days to come, before any of them is posted.
    const coming = Array.from({ length: 16 }, (_, i) => dayAfter(firstDay, 2 + i));
    const chatBefore = await chatDaily(coming);
    const terminalAhead = await terminalDaily(coming[5]!);

    for (const [i, date] of coming.entries()) {
      clock.set(parisAt(date, '08:00'));
      const today = await discordShow(); // no date: today in the bot's zone
      const slackToday = await slackShow(bot, i % 2 === 0 ? undefined : date);
      const post = await postOn(bot, clock, date);
      expect({ date, discord: today, slack: slackToday, chat: chatBefore[i] }).toEqual({
        date,
        discord: post.discord,
        slack: post.discord,
        chat: post.discord,
      });
      expect(post.slack).toBe(post.discord);
      posted.set(date, post.discord);
    }
    expect(terminalAhead).toBe(posted.get(coming[5]!));

    // Afterwards, the past as every way in remembers it is what was posted.
    const dates = [...posted.keys()];
    expect(await chatDaily(dates)).toEqual(dates.map((date) => posted.get(date)));
    for (const date of dates.filter((_, i) => i % 3 === 0)) {
      expect({ date, paper: await discordShow(date) }).toEqual({ date, paper: posted.get(date) });
      expect({ date, paper: await slackShow(bot, date) }).toEqual({
        date,
        paper: posted.get(date),
      });
      expect({ date, paper: await terminalDaily(date) }).toEqual({
        date,
        paper: posted.get(date),
      });
    }
    // The cycle went on through the reload: the nine papers all came, none twice in a row.
    expect(new Set(posted.values()).size).toBe(ALL.length);
  }, 60_000);
});
