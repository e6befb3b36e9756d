import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Bot, boot } from '../../../adapters/app/boot.ts';
import { loadConfig } from '../../../adapters/shared/config.ts';
import { silentLogger } from '../../../adapters/shared/logger.ts';
import { createSources } from '../../../adapters/sources/create-sources.ts';
import { DEFAULT_SERVICE_BASES } from '../../../adapters/sources/service-config.ts';
import { arxivDay } from '../../../adapters/watch/announcement-feed.ts';
import { startFakeDiscord } from '../discord/fake-discord.ts';
import { attachFakeGateway, type FakeGateway } from '../discord/fake-gateway.ts';
import { APPLICATION_ID, rawButton } from '../discord/raw-interactions.ts';
import { fakeClock } from '../scheduler/helpers.ts';
import { tempDir } from '../scheduler/temp-dir.ts';
import { type RecordedCall, startFakeSlackApi } from '../slack/fake-slack-api.ts';
import { blockActionForm, eventEnvelope, mentionEvent } from '../slack/payloads.ts';
import { postSigned } from '../slack/signed-request.ts';
import { startFakeArxivApi } from '../sources/fakes/fake-arxiv-api.ts';
import { rssFeed, startFakeArxivRss } from '../sources/fakes/fake-arxiv-rss.ts';
import type { SamplePaper } from '../sources/fakes/sample-papers.ts';
import { LIBRARY, pubDate } from '../watch/watch-world.ts';

const SIGNING_SECRET = 'watch-signing-secret';

/** A message the bot posted in a Discord channel, as the fake received it. */
export interface DiscordPost {
  content: string;
  embeds: Array<{ title?: string }>;
  components: Array<{ components: Array<{ custom_id: string; label: string }> }>;
}

/** Slack blocks as the fake received them. */
export type SlackBlocks = Array<{
  type: string;
  text?: { text: string };
  elements?: Array<{ action_id: string; value: string; text: { text: string } }>;
}>;

/**
 * The whole bot as it runs, against local fakes: the real discord.js (fake REST and gateway), the
 * real Bolt in HTTP mode (fake Web API, signed requests), the real watch service and library on
 * a temporary database, arXiv's announcement feed and API faked (the API knows `papers`, for
 * Save), and a fake clock. The library starts with two long-context papers.
 */
export async function startWatchBotWorld(papers: SamplePaper[]) {
  const [discord, slackApi] = await Promise.all([startFakeDiscord(), startFakeSlackApi()]);
  const gateway: FakeGateway = attachFakeGateway(discord.server, {
    id: APPLICATION_ID,
    username: 'Shammie',
  });
  let registered: unknown[] = [];
  discord.respond((call) => {
    if (!call.path.endsWith('/commands')) return undefined;
    if (call.method === 'PUT') registered = call.body as unknown[];
    return { status: 200, body: registered };
  });
  const feeds: Record<string, string> = {};
  const rss = await startFakeArxivRss(feeds);
  const api = await startFakeArxivApi(papers);
  const sources = createSources(
    { ...DEFAULT_SERVICE_BASES, arxivRssUrl: rss.rssUrl, arxivApiUrl: api.apiUrl },
    { retries: 0, arxivSpacingMs: 0 },
  );
  const dir = tempDir('shammie-watch-bot-');
  const corpus = join(dir.path, 'library.jsonl');
  writeFileSync(corpus, `${LIBRARY.map((paper) => JSON.stringify(paper)).join('\n')}\n`);
  // Near the real time: Bolt refuses requests signed more than five minutes ago.
  const clock = fakeClock(Math.floor(Date.now() / 60_000) * 60_000);
  const running: Bot[] = [];
  let bot: Bot | undefined;

  /** Starts (or restarts) the bot process on the same data directory. */
  async function start(): Promise<Bot> {
    if (bot) {
      running.splice(running.indexOf(bot), 1);
      await bot.stop();
    }
    const identified = gateway.received.filter((m) => m.op === 2).length;
    const config = loadConfig({
      DISCORD_TOKEN: 'discord-test-token',
      DISCORD_APPLICATION_ID: APPLICATION_ID,
      DISCORD_API_URL: discord.apiUrl,
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slackApi.apiUrl,
      PORT: '0',
      SHAMMIE_CORPUS: corpus,
      SHAMMIE_DATA_DIR: join(dir.path, 'data'),
      SHAMMIE_TIMEZONE: 'UTC',
    });
    bot = await boot(config, {
      logger: silentLogger(),
      now: clock.now,
      autoTick: false,
      watch: false,
      slackHost: '127.0.0.1',
      sources,
      watchRss: sources.rss,
      watchLibrary: false,
    });
    running.push(bot);
    await until(() => gateway.received.filter((m) => m.op === 2).length > identified);
    return bot;
  }

  function current(): Bot {
    if (!bot) throw new Error('the bot was not started');
    return bot;
  }

  /** Sends an interaction through the gateway and resolves with the bot's callback to it. */
  async function interact(raw: { id: string; token: string }) {
    gateway.dispatch('INTERACTION_CREATE', raw);
    const call = await discord.next(
      (c) => c.path === `/interactions/${raw.id}/${raw.token}/callback`,
    );
    return call.body as { type: number; data?: { content?: string; flags?: number } };
  }

  /** POSTs a body to the running bot's Slack endpoint, signed at the bot's clock. */
  async function toSlack(body: string, contentType: string) {
    const delivered = await postSigned(
      `http://127.0.0.1:${current().slackPort}/slack/events`,
      SIGNING_SECRET,
      body,
      { timestamp: Math.floor(clock.now() / 1000), contentType },
    );
    if (delivered.status !== 200) throw new Error(`Slack delivery refused: ${delivered.status}`);
  }

  return {
    discord,
    slackApi,
    gateway,
    clock,
    rss,
    start,
    current,
    interact,
    /** Sets cs.CL's announcement to these new papers, dated as arXiv dates the one due at `at`. */
    announce(papers: SamplePaper[], at: number): string {
      const day = arxivDay(at);
      feeds['cs.CL'] = rssFeed(
        'cs.CL',
        papers.map((paper) => ({ paper, announceType: 'new' })),
        pubDate(day),
      );
      return day;
    },
    /** Runs the morning tick at `at` (epoch ms). */
    async tickAt(at: number) {
      clock.set(at);
      return current().watch.tick();
    },
    /** Mentions Shammie in `channel` and resolves with the text of its answer in the thread. */
    async mention(channel: string, text: string): Promise<string> {
      const event = mentionEvent(text, { channel });
      await toSlack(JSON.stringify(eventEnvelope(event)), 'application/json');
      await slackApi.waitFor((calls) =>
        calls.some((c) => c.method === 'chat.postMessage' && c.body.thread_ts === event.ts),
      );
      const reply = slackApi
        .callsTo('chat.postMessage')
        .find((c) => c.body.thread_ts === event.ts) as RecordedCall;
      return String(reply.body.text);
    },
    /** Presses a button of a Slack post; resolves with what was answered on its response URL. */
    async press(channel: string, button: { action_id: string; value: string }, id: string) {
      const form = blockActionForm({
        actionId: button.action_id,
        value: button.value,
        channel,
        responseUrl: slackApi.responseUrl(id),
      });
      await toSlack(form, 'application/x-www-form-urlencoded');
      await slackApi.waitFor((calls) => calls.some((c) => c.responseId === id));
      return slackApi.callsTo('response_url').find((c) => c.responseId === id)?.body as {
        response_type?: string;
        replace_original?: boolean;
        text?: string;
      };
    },
    /** Presses a button of a Discord post in `channel`; resolves with the callback. */
    pressOnDiscord(channel: string, customId: string) {
      return interact(inChannel(rawButton(customId), channel));
    },
    /** The messages the bot posted in a Discord channel (threads' starters excluded). */
    discordPosts(channel: string): DiscordPost[] {
      return discord
        .find('POST', new RegExp(`^/channels/${channel}/messages$`))
        .map((c) => c.body as DiscordPost);
    },
    /** The bot's top-level Slack posts in a channel (answers to mentions are in threads). */
    slackPosts(channel: string): Array<{ text: string; blocks: SlackBlocks }> {
      return slackApi
        .callsTo('chat.postMessage')
        .filter((c) => c.body.channel === channel && !c.body.thread_ts)
        .map((c) => ({ text: String(c.body.text), blocks: c.body.blocks as SlackBlocks }));
    },
    async close() {
      for (const b of running.splice(0)) await b.stop();
      await Promise.all([discord.close(), slackApi.close(), rss.close(), api.close()]);
      dir.remove();
    },
  };
}
export type WatchBotWorld = Awaited<ReturnType<typeof startWatchBotWorld>>;

/** The same interaction, from another channel of the same server. */
export function inChannel<T extends { channel_id: string; channel: object }>(
  raw: T,
  channelId: string,
): T {
  return { ...raw, channel_id: channelId, channel: { ...raw.channel, id: channelId } };
}

/** Resolves once `check` holds (polls every 10 ms; rejects after 5 s). */
async function until(check: () => boolean): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
