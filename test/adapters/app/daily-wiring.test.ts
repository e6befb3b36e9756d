import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Bot, boot } from '../../../adapters/app/boot.ts';
import { loadConfig } from '../../../adapters/shared/config.ts';
import { silentLogger } from '../../../adapters/shared/logger.ts';
import { type FakeDiscord, startFakeDiscord } from '../discord/fake-discord.ts';
import { attachFakeGateway, type FakeGateway } from '../discord/fake-gateway.ts';
import { CHANNEL_ID, MANAGE_GUILD, rawCommand } from '../discord/raw-interactions.ts';
import { fakeClock } from '../scheduler/helpers.ts';
import { tempDir } from '../scheduler/temp-dir.ts';
import { type FakeSlackApi, startFakeSlackApi } from '../slack/fake-slack-api.ts';
import { eventEnvelope, mentionEvent } from '../slack/payloads.ts';
import { postSigned } from '../slack/signed-request.ts';
import { writeCorpus } from './bot-fixture.ts';

const APPLICATION_ID = '200000000000000001';
const DISCORD_CHANNEL = '300000000000000042';
const SLACK_CHANNEL = 'C0DAILY';

let discord: FakeDiscord;
let slackApi: FakeSlackApi;
let gateway: FakeGateway;
let dir: { path: string; remove: () => void };
const running: Bot[] = [];

beforeEach(async () => {
  [discord, slackApi] = await Promise.all([startFakeDiscord(), startFakeSlackApi()]);
  // The real startDiscord logs in over the fake gateway and syncs its commands with the fake.
  gateway = attachFakeGateway(discord.server, { id: APPLICATION_ID, username: 'Shammie' });
  let registered: unknown[] = [];
  discord.respond((call) => {
    if (!call.path.endsWith('/commands')) return undefined;
    if (call.method === 'PUT') registered = call.body as unknown[];
    return { status: 200, body: registered };
  });
  dir = tempDir('shammie-wiring-');
});

afterEach(async () => {
  for (const bot of running.splice(0)) await bot.stop();
  await Promise.all([discord.close(), slackApi.close()]);
  dir.remove();
});

/** One start of the bot process (the real adapters and posters), on the shared data directory. */
async function start(
  clock: ReturnType<typeof fakeClock>,
  env: Record<string, string> = {},
): Promise<Bot> {
  const config = loadConfig({
    DISCORD_TOKEN: 'discord-test-token',
    DISCORD_APPLICATION_ID: APPLICATION_ID,
    DISCORD_API_URL: discord.apiUrl,
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: 'test-signing-secret',
    SLACK_API_URL: slackApi.apiUrl,
    PORT: '0',
    SHAMMIE_CORPUS: writeCorpus(dir.path),
    SHAMMIE_DATA_DIR: `${dir.path}/data`,
    SHAMMIE_TIMEZONE: 'Europe/Paris',
    ...env,
  });
  const bot = await boot(config, {
    logger: silentLogger(),
    now: clock.now,
    autoTick: false,
    slackHost: '127.0.0.1',
  });
  running.push(bot);
  return bot;
}

async function stop(bot: Bot): Promise<void> {
  running.splice(running.indexOf(bot), 1);
  await bot.stop();
}

/** Daily posts the fakes received: Discord channel messages, Slack top-level posts. */
function discordPosts() {
  return discord.find('POST', new RegExp(`^/channels/${DISCORD_CHANNEL}/messages$`));
}
function slackPosts() {
  return slackApi
    .callsTo('chat.postMessage')
    .filter((c) => c.body.channel === SLACK_CHANNEL && !c.body.thread_ts);
}

async function tickAt(bot: Bot, clock: ReturnType<typeof fakeClock>, iso: string): Promise<void> {
  clock.set(iso);
  await bot.scheduler.tick();
}

describe('the daily post through the real posters', () => {
  it('posts once per date to a subscribed Discord channel and a subscribed Slack channel, across restarts', async () => {
    const clock = fakeClock('2024-06-01T06:00:00Z');
    const first = await start(clock);
    await first.commands.subscribe({
      channel: { platform: 'discord', channelId: DISCORD_CHANNEL },
      time: '09:00',
    });
    await first.commands.subscribe({
      channel: { platform: 'slack', channelId: SLACK_CHANNEL },
      time: '09:00',
    });

    await tickAt(first, clock, '2024-06-01T06:59:00Z'); // 08:59 in Paris
    expect(discordPosts()).toHaveLength(0);
    await tickAt(first, clock, '2024-06-01T07:00:00Z');
    await tickAt(first, clock, '2024-06-01T07:01:00Z');
    expect(discordPosts()).toHaveLength(1);
    expect(slackPosts()).toHaveLength(1);

    // The Discord post is the paper embed with mentions off, and a thread is opened on it.
    const post = discordPosts()[0]!.body as {
      embeds: Array<{ title: string }>;
      allowed_mentions: unknown;
    };
    const paperTitle = post.embeds[0]!.title;
    expect(post.allowed_mentions).toEqual({ parse: [] });
    expect(
      discord.find('POST', new RegExp(`^/channels/${DISCORD_CHANNEL}/messages/\\d+/threads$`)),
    ).toHaveLength(1);
    // Slack gets the same paper, with a thread reply under it.
    expect(JSON.stringify(slackPosts()[0]!.body)).toContain(paperTitle.slice(0, 20));
    const slackTs = slackApi.callsTo('chat.postMessage').filter((c) => c.body.thread_ts);
    expect(slackTs).toHaveLength(1);

    // The process restarts mid-morning with the same data directory: nothing is posted again.
    await stop(first);
    const second = await start(clock);
    await tickAt(second, clock, '2024-06-01T07:30:00Z');
    await tickAt(second, clock, '2024-06-01T12:00:00Z');
    expect(discordPosts()).toHaveLength(1);
    expect(slackPosts()).toHaveLength(1);
    const status = await second.commands.status({ platform: 'slack', channelId: SLACK_CHANNEL });
    expect(status.text).toContain('for 2024-06-01');

    // The next morning each channel gets the next paper, once.
    await tickAt(second, clock, '2024-06-02T07:00:00Z');
    await stop(second);
    const third = await start(clock);
    await tickAt(third, clock, '2024-06-02T07:01:00Z');
    expect(discordPosts()).toHaveLength(2);
    expect(slackPosts()).toHaveLength(2);
    // Three starts of the real Discord adapter; the commands were written once.
    expect(discord.find('PUT', /\/commands$/)).toHaveLength(1);
  });

  it('subscribes the channels named in the environment with the default schedule', async () => {
    const clock = fakeClock('2024-06-01T06:00:00Z');
    const bot = await start(clock, {
      DISCORD_DAILY_CHANNEL_ID: DISCORD_CHANNEL,
      SLACK_DAILY_CHANNEL_ID: SLACK_CHANNEL,
      SHAMMIE_DAILY_CRON: '30 8 * * *',
    });
    await tickAt(bot, clock, '2024-06-01T06:29:00Z');
    expect(discordPosts()).toHaveLength(0);
    await tickAt(bot, clock, '2024-06-01T06:30:00Z'); // 08:30 in Paris
    expect(discordPosts()).toHaveLength(1);
    expect(slackPosts()).toHaveLength(1);
    expect(
      (await bot.commands.status({ platform: 'discord', channelId: DISCORD_CHANNEL })).text,
    ).toContain('every day at 08:30 (Europe/Paris)');
  });

  it('pauses a Slack channel the bot was removed from, while Discord keeps posting', async () => {
    const clock = fakeClock('2024-06-01T07:00:00Z');
    slackApi.failWith('chat.postMessage', { json: { ok: false, error: 'not_in_channel' } });
    const bot = await start(clock, {
      SLACK_DAILY_CHANNEL_ID: SLACK_CHANNEL,
      DISCORD_DAILY_CHANNEL_ID: DISCORD_CHANNEL,
    });
    for (let hour = 7; hour < 11; hour += 1) {
      await tickAt(bot, clock, `2024-06-01T${String(hour).padStart(2, '0')}:00:00Z`);
    }
    expect(discordPosts()).toHaveLength(1);
    expect(bot.store.getSubscription('slack', SLACK_CHANNEL)).toMatchObject({
      paused: true,
      failures: 3,
    });
    const status = await bot.commands.status({ platform: 'slack', channelId: SLACK_CHANNEL });
    expect(status.text).toContain('not_in_channel');
  });
});

describe('a user subscribes, then the post arrives', () => {
  it('subscribes a Discord channel with /daily and a Slack channel with a mention, then posts each once', async () => {
    // Near the real time: Bolt checks request timestamps against the real clock.
    const start0 = Math.floor(Date.now() / 60_000) * 60_000;
    const clock = fakeClock(start0);
    const bot = await start(clock);
    const slot = start0 + 2 * 60_000;
    const hhmm = new Date(slot).toISOString().slice(11, 16);

    await gateway.ready;
    const command = rawCommand(
      'daily',
      [
        {
          name: 'subscribe',
          type: 1,
          options: [
            { name: 'time', type: 3, value: hhmm },
            { name: 'timezone', type: 3, value: 'UTC' },
          ],
        },
      ],
      MANAGE_GUILD,
    );
    gateway.dispatch('INTERACTION_CREATE', command);
    const answer = await discord.next(
      (c) => c.path === `/interactions/${command.id}/${command.token}/callback`,
    );
    expect(JSON.stringify(answer.body)).toContain(
      `Subscribed to the daily paper, every day at ${hhmm} (UTC)`,
    );

    const mention = mentionEvent(`daily subscribe ${hhmm} UTC`);
    const delivered = await postSigned(
      `http://127.0.0.1:${bot.slackPort}/slack/events`,
      'test-signing-secret',
      JSON.stringify(eventEnvelope(mention)),
      { timestamp: Math.floor(clock.now() / 1000) },
    );
    expect(delivered.status).toBe(200);
    await slackApi.waitFor((calls) =>
      calls.some((c) => c.method === 'chat.postMessage' && c.body.thread_ts === mention.ts),
    );
    const reply = slackApi
      .callsTo('chat.postMessage')
      .find((c) => c.body.thread_ts === mention.ts)!;
    expect(String(reply.body.text)).toContain('Subscribed');

    await tickAt(bot, clock, new Date(slot - 60_000).toISOString());
    await tickAt(bot, clock, new Date(slot).toISOString());
    await tickAt(bot, clock, new Date(slot + 60_000).toISOString());
    expect(discord.find('POST', new RegExp(`^/channels/${CHANNEL_ID}/messages$`))).toHaveLength(1);
    const slackDaily = slackApi
      .callsTo('chat.postMessage')
      .filter((c) => c.body.channel === mention.channel && !c.body.thread_ts);
    expect(slackDaily).toHaveLength(1);
  });
});
