import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { boot } from '../../../adapters/app/boot.ts';
import { loadLibrarySettings } from '../../../adapters/app/library-settings.ts';
import { loadConfig } from '../../../adapters/shared/config.ts';
import { silentLogger } from '../../../adapters/shared/logger.ts';
import { WATCH_THREAD_STARTER } from '../../../adapters/slack/watch-poster.ts';
import { createWatchStore } from '../../../adapters/watch/watch-store.ts';
import { CHANNEL_ID, MANAGE_GUILD, rawCommand } from '../discord/raw-interactions.ts';
import { fakeClock } from '../scheduler/helpers.ts';
import { tempDir } from '../scheduler/temp-dir.ts';
import { rssFeed, startFakeArxivRss } from '../sources/fakes/fake-arxiv-rss.ts';
import { announced, pubDate } from '../watch/watch-world.ts';
import { writeCorpus } from './bot-fixture.ts';
import { fakePlatform } from './fake-platform.ts';
import {
  type DiscordPost,
  inChannel,
  startWatchBotWorld,
  type WatchBotWorld,
} from './watch-bot-fixture.ts';

const EPHEMERAL = 64;

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('watches in the running bot', () => {
  it('gives the platforms the watch commands and posts a due watch from ARXIV_RSS_URL through their watch poster', async () => {
    const root = tempDir('shammie-watch-app-');
    cleanups.push(root.remove);
    const rss = await startFakeArxivRss({
      'cs.CL': rssFeed(
        'cs.CL',
        [
          {
            paper: announced(1, { title: 'Attention for long sequences', abstract: 'Attention.' }),
            announceType: 'new',
          },
        ],
        pubDate('2024-12-02'),
      ),
    });
    cleanups.push(() => rss.close());
    const platform = fakePlatform();
    const clock = fakeClock('2024-12-01T12:00:00Z');
    const config = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-watch',
      SLACK_SIGNING_SECRET: 'watch-secret',
      SHAMMIE_CORPUS: writeCorpus(root.path),
      SHAMMIE_DATA_DIR: join(root.path, 'data'),
    });
    const bot = await boot(config, {
      logger: silentLogger(),
      now: clock.now,
      autoTick: false,
      startSlack: platform.start,
      watch: false,
      watchLibrary: false,
      // ARXIV_RSS_URL, read with the library's keys, is where the watches fetch the feed.
      library: loadLibrarySettings({ ARXIV_RSS_URL: rss.rssUrl }),
    });
    cleanups.push(() => bot.stop());
    const given = platform.options();
    expect(given.watch).toBe(bot.watch.commands);
    const channel = { platform: 'slack' as const, channelId: 'C1' };
    const added = await given.watch!.add({
      channel,
      user: { userId: 'U1', isAdmin: false },
      text: 'cs.CL attention at 08:00 Europe/Paris',
    });
    expect(added.ok, added.text).toBe(true);
    clock.set('2024-12-02T07:00:00Z');
    expect((await bot.watch.tick()).posted).toBe(1);
    expect(platform.watchPosts[0]!.view.heading).toBe('New in cs.CL · 2 Dec — 1 of 1 announced');
    await bot.watch.tick();
    expect(platform.watchPosts).toHaveLength(1);
  });
});

/** Day one: two papers on long context (one like each library paper) and one on proteins. */
const DAY_ONE = [
  announced(1, {
    title: 'Long context attention for language models',
    abstract: 'Efficient attention over a long context for language models.',
  }),
  announced(2, {
    title: 'Long context benchmarks for long text understanding',
    abstract:
      'A zero-shot benchmark for understanding long texts, with summarization over a long context.',
  }),
  announced(3),
];
/** Day two: one paper like each of day one's two. */
const DAY_TWO = [
  announced(4, {
    title: 'Long context attention for language models, again',
    abstract: 'Efficient attention over a long context for language models, once more.',
  }),
  announced(5, {
    title: 'Long context benchmarks for long text understanding, again',
    abstract:
      'A zero-shot benchmark for understanding long texts, with summarization over a long context, once more.',
  }),
];
const BENCHMARKS = 'Long context benchmarks for long text understanding';
const ATTENTION = 'Long context attention for language models';
const HEADING = /^New in cs\.CL · \d{1,2} [A-Z][a-z]{2} — 2 of 3 announced$/;
const DAY = 24 * 3_600_000;

/** The next whole minute but one on the world's clock, and it as HH:MM (UTC). */
function slotSoon(world: WatchBotWorld): { slot: number; hhmm: string; date: string } {
  const slot = world.clock.now() + 2 * 60_000;
  const iso = new Date(slot).toISOString();
  return { slot, hhmm: iso.slice(11, 16), date: iso.slice(0, 10) };
}

/** The titles of a Discord post's papers, without their numbers. */
const discordTitles = (post: DiscordPost | undefined) =>
  (post?.embeds ?? []).map((e) => e.title?.replace(/^\d+\. /, ''));

/** The titles of a Slack post's papers, from its fallback text. */
const slackTitles = (post: { text: string } | undefined) =>
  (post?.text ?? '')
    .split('\n')
    .slice(1)
    .map((line) => line.replace(/^\d+\. /, ''));

describe('watches end to end: real discord.js and Bolt, the real watch service, a fake arXiv feed and clock', () => {
  let world: WatchBotWorld;
  beforeEach(async () => {
    world = await startWatchBotWorld([...DAY_ONE, ...DAY_TWO]);
  });
  afterEach(async () => {
    await world.close();
  });

  it('Discord: /watch add, one post a morning with buttons, Not for us changes the next day, list and why', async () => {
    const CONTROL = '300000000000000077';
    await world.start();
    const { slot, hhmm, date } = slotSoon(world);
    world.announce(DAY_ONE, slot);
    const add = (channel: string) =>
      world.interact(
        inChannel(
          rawCommand(
            'watch',
            [
              {
                name: 'add',
                type: 1,
                options: [
                  { name: 'categories', type: 3, value: 'cs.CL' },
                  { name: 'keywords', type: 3, value: '"long context"' },
                  { name: 'time', type: 3, value: hhmm },
                  { name: 'timezone', type: 3, value: 'UTC' },
                ],
              },
            ],
            MANAGE_GUILD,
          ),
          channel,
        ),
      );
    // The same watch in a second channel, which gives no feedback: the control.
    for (const channel of [CHANNEL_ID, CONTROL]) {
      const added = await add(channel);
      expect(added.data?.content).toMatch(/^✅ Watching cs\.CL "long context"/);
    }
    expect(
      createWatchStore(world.current().store.db).inChannel('discord', CHANNEL_ID),
    ).toHaveLength(1);

    expect((await world.tickAt(slot - 60_000)).posted).toBe(0);
    expect(world.discordPosts(CHANNEL_ID)).toEqual([]);
    expect((await world.tickAt(slot)).posted).toBe(2);
    const [post, ...more] = world.discordPosts(CHANNEL_ID);
    expect(more).toEqual([]);
    expect(post?.content).toMatch(new RegExp(`^📰 ${HEADING.source.slice(1)}`));
    expect(discordTitles(post)).toEqual([BENCHMARKS, ATTENTION]);
    for (const embed of post?.embeds ?? []) {
      expect((embed as { description?: string }).description).toMatch(
        /\*\*Why:\*\* matches "long context"; close to your (ZeroSCROLLS|Megalodon)/,
      );
    }
    expect(post?.components.map((row) => row.components.map((b) => b.label))).toEqual([
      ['More like this #1', 'Not for us #1', 'Save #1'],
      ['More like this #2', 'Not for us #2', 'Save #2'],
    ]);
    expect(
      world.discord.find('POST', new RegExp(`^/channels/${CHANNEL_ID}/messages/\\d+/threads$`)),
    ).toHaveLength(1);

    // Another tick, then a restart on the same data: no second post.
    expect((await world.tickAt(slot + 60_000)).posted).toBe(0);
    await world.start();
    expect((await world.tickAt(slot + 5 * 60_000)).posted).toBe(0);
    expect(world.discordPosts(CHANNEL_ID)).toHaveLength(1);
    expect(world.discordPosts(CONTROL)).toHaveLength(1);

    // watch list and watch why answer from the service, privately.
    const list = await world.interact(rawCommand('watch', [{ name: 'list', type: 1 }]));
    expect(list.data?.flags).toBe(EPHEMERAL);
    expect(list.data?.content).toContain(`Last post: posted on ${date}.`);
    const why = await world.interact(
      rawCommand('watch', [
        { name: 'why', type: 1, options: [{ name: 'paper', type: 3, value: '2412.0001' }] },
      ]),
    );
    expect(why.data?.content).toMatch(
      /^✅ Long context attention for language models \(arXiv:2412\.0001\) ranks 2 of 3 for the watch of cs\.CL today: matches "long context"; close to your Megalodon/,
    );

    // Not for us under the first paper, pressed by a member: noted privately, the post untouched.
    const notForUs = post?.components[0]?.components[1]?.custom_id as string;
    const pressed = await world.pressOnDiscord(CHANNEL_ID, notForUs);
    expect(pressed.type).toBe(4);
    expect(pressed.data?.flags).toBe(EPHEMERAL);
    expect(pressed.data?.content).toContain('Noted: fewer like this here, from the next post on.');
    expect(world.discord.find('PATCH', /./)).toEqual([]);
    const watches = createWatchStore(world.current().store.db);
    const feedback = watches.feedback('discord', CHANNEL_ID);
    expect(feedback.disliked.map((p) => p.title)).toEqual([BENCHMARKS]);
    expect(watches.feedback('discord', CONTROL).disliked).toEqual([]);

    // The next morning: the control ranks as before, the channel that said no does not.
    world.announce(DAY_TWO, slot + DAY);
    expect((await world.tickAt(slot + DAY)).posted).toBe(2);
    const control = world.discordPosts(CONTROL)[1];
    const changed = world.discordPosts(CHANNEL_ID)[1];
    expect(discordTitles(control)).toEqual([`${BENCHMARKS}, again`, `${ATTENTION}, again`]);
    expect(discordTitles(changed)).toEqual([`${ATTENTION}, again`, `${BENCHMARKS}, again`]);

    // Save under the first paper: it is fetched from arXiv into the library, and searchable.
    const save = changed?.components[0]?.components[2]?.custom_id as string;
    const saved = await world.pressOnDiscord(CHANNEL_ID, save);
    expect(saved.data?.flags).toBe(EPHEMERAL);
    expect(saved.data?.content).toContain(`Saved to the library: ${ATTENTION}, again.`);
    expect(world.current().engine.papers.map((p) => p.arxiv)).toContain('2412.0004');
    expect(watches.feedback('discord', CHANNEL_ID).liked.map((p) => p.arxiv)).toEqual([
      '2412.0004',
    ]);
  });

  it('Slack: watch add by mention, one post a morning with Block Kit buttons, Not for us changes the next day, list and why', async () => {
    const CONTROL = 'C0CTRL';
    await world.start();
    const { slot, hhmm, date } = slotSoon(world);
    world.announce(DAY_ONE, slot);
    for (const channel of ['C0LAB', CONTROL]) {
      const added = await world.mention(channel, `watch add cs.CL "long context" at ${hhmm} UTC`);
      expect(added).toMatch(/^Watching cs\.CL "long context"/);
    }

    expect((await world.tickAt(slot - 60_000)).posted).toBe(0);
    expect(world.slackPosts('C0LAB')).toEqual([]);
    expect((await world.tickAt(slot)).posted).toBe(2);
    const [post, ...more] = world.slackPosts('C0LAB');
    expect(more).toEqual([]);
    const header = post?.blocks[0];
    expect(header?.type).toBe('header');
    expect(header?.text?.text).toMatch(HEADING);
    expect(slackTitles(post)).toEqual([BENCHMARKS, ATTENTION]);
    const sections = (post?.blocks ?? []).filter((b) => b.type === 'section');
    for (const section of sections) {
      expect(section.text?.text).toMatch(/\*Why:\* matches "long context"; close to your/);
    }
    const rows = (post?.blocks ?? []).filter((b) => b.type === 'actions');
    expect(rows.map((row) => row.elements?.map((b) => b.text.text))).toEqual([
      ['More like this', 'Not for us', 'Save'],
      ['More like this', 'Not for us', 'Save'],
    ]);
    // The discussion opens in the post's thread.
    const starters = world.slackApi
      .callsTo('chat.postMessage')
      .filter((c) => c.body.channel === 'C0LAB' && c.body.text === WATCH_THREAD_STARTER);
    expect(starters).toHaveLength(1);

    expect((await world.tickAt(slot + 60_000)).posted).toBe(0);
    await world.start();
    expect((await world.tickAt(slot + 5 * 60_000)).posted).toBe(0);
    expect(world.slackPosts('C0LAB')).toHaveLength(1);
    expect(world.slackPosts(CONTROL)).toHaveLength(1);

    expect(await world.mention('C0LAB', 'watch list')).toContain(`Last post: posted on ${date}.`);
    expect(await world.mention('C0LAB', 'watch why 2412.0001')).toMatch(
      /^Long context attention for language models \(arXiv:2412\.0001\) ranks 2 of 3 for the watch of cs\.CL today: matches "long context"; close to your Megalodon/,
    );

    const notForUs = rows[0]?.elements?.[1] as { action_id: string; value: string };
    const answer = await world.press('C0LAB', notForUs, 'less-1');
    expect(answer).toMatchObject({
      response_type: 'ephemeral',
      replace_original: false,
      text: 'Noted: fewer like this here, from the next post on.',
    });
    expect(world.slackApi.callsTo('chat.update')).toEqual([]);
    const watches = createWatchStore(world.current().store.db);
    expect(watches.feedback('slack', 'C0LAB').disliked.map((p) => p.title)).toEqual([BENCHMARKS]);

    world.announce(DAY_TWO, slot + DAY);
    expect((await world.tickAt(slot + DAY)).posted).toBe(2);
    expect(slackTitles(world.slackPosts(CONTROL)[1])).toEqual([
      `${BENCHMARKS}, again`,
      `${ATTENTION}, again`,
    ]);
    const changed = world.slackPosts('C0LAB')[1];
    expect(slackTitles(changed)).toEqual([`${ATTENTION}, again`, `${BENCHMARKS}, again`]);

    // Save under the first paper: it is fetched from arXiv into the library, and searchable.
    const save = changed?.blocks.filter((b) => b.type === 'actions')[0]?.elements?.[2];
    expect(save?.text.text).toBe('Save');
    const saved = await world.press('C0LAB', save as { action_id: string; value: string }, 'save');
    expect(saved).toMatchObject({
      response_type: 'ephemeral',
      text: `Saved to the library: ${ATTENTION}, again.`,
    });
    expect(world.current().engine.papers.map((p) => p.arxiv)).toContain('2412.0004');
    expect(await world.mention('C0LAB', 'search attention language models')).toContain(
      `${ATTENTION}, again`,
    );
  });
});
