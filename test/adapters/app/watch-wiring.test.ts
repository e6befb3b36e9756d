import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { boot } from '../../../adapters/app/boot.ts';
import { loadConfig } from '../../../adapters/shared/config.ts';
import { silentLogger } from '../../../adapters/shared/logger.ts';
import { createSources } from '../../../adapters/sources/create-sources.ts';
import { DEFAULT_SERVICE_BASES } from '../../../adapters/sources/service-config.ts';
import { fakeClock } from '../scheduler/helpers.ts';
import { tempDir } from '../scheduler/temp-dir.ts';
import { rssFeed, startFakeArxivRss } from '../sources/fakes/fake-arxiv-rss.ts';
import { announced, pubDate } from '../watch/watch-world.ts';
import { writeCorpus } from './bot-fixture.ts';
import { fakePlatform } from './fake-platform.ts';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('watches in the running bot', () => {
  it('gives the platforms the watch commands and posts a due watch through their watch poster', async () => {
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
      watchRss: createSources(
        { ...DEFAULT_SERVICE_BASES, arxivRssUrl: rss.rssUrl },
        { retries: 0, arxivSpacingMs: 0 },
      ).rss,
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
