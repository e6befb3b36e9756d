import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type BootDeps, type Bot, boot } from '../../../adapters/app/boot.ts';
import { loadConfig } from '../../../adapters/shared/config.ts';
import { fakeClock, recordingLogger } from '../scheduler/helpers.ts';
import { tempDir } from '../scheduler/temp-dir.ts';
import { corpusDir, manualTimer, NEW_PAPER, paperLine } from './corpus-files.ts';
import { fakePlatform } from './fake-platform.ts';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Boots the bot in-process with a fake Slack platform and a corpus folder the test edits. */
async function start(deps: Partial<BootDeps> = {}) {
  const root = tempDir('shammie-boot-');
  cleanups.push(root.remove);
  const corpus = corpusDir(root.path);
  const platform = fakePlatform();
  const logger = recordingLogger();
  const clock = fakeClock('2024-06-01T08:00:00Z');
  const timer = manualTimer();
  const config = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-lifecycle',
    SLACK_SIGNING_SECRET: 'lifecycle-secret',
    SHAMMIE_CORPUS: corpus.dir,
    SHAMMIE_DATA_DIR: join(root.path, 'data'),
  });
  const bot: Bot = await boot(config, {
    logger,
    now: clock.now,
    autoTick: false,
    startSlack: platform.start,
    watch: { timer },
    ...deps,
  });
  cleanups.push(() => bot.stop());
  return { bot, corpus, platform, logger, clock, timer };
}

describe('stopping the bot', () => {
  it('stops receiving, waits for the reply in flight with the database open, then closes', async () => {
    const { bot, platform } = await start();
    platform.beginReply();
    const stopping = bot.stop();
    await new Promise((resolve) => setImmediate(resolve));
    expect(platform.steps).toEqual(['start', 'stopReceiving', 'idle']);
    // The reply may still need the database (a daily subscribe): it stays open meanwhile.
    expect(bot.store.db.open).toBe(true);
    platform.finishReplies();
    await stopping;
    expect(platform.steps).toEqual(['start', 'stopReceiving', 'idle', 'stop']);
    expect(bot.store.db.open).toBe(false);
  });

  it('gives up waiting after its drain time, says how many replies were cut, and still closes', async () => {
    const { bot, platform, logger } = await start({ drainMs: 20 });
    platform.beginReply();
    await bot.stop();
    const line = logger.entries.find((e) => /without waiting longer/.test(e.msg));
    expect(line?.fields.inFlight).toEqual({ slack: 1 });
    expect(platform.steps.at(-1)).toBe('stop');
    expect(bot.store.db.open).toBe(false);
  });

  it('stops watching the corpus and refuses reloads once stopped', async () => {
    const { bot, timer } = await start();
    expect(timer.active).toBe(true);
    await bot.stop();
    expect(timer.active).toBe(false);
    expect(await bot.reload()).toEqual({ status: 'stopped' });
  });
});

describe('a corpus reload in the running bot', () => {
  it('reaches the platform engine, the daily post and the titles in status', async () => {
    const { bot, corpus, platform, clock } = await start();
    const channel = { platform: 'slack' as const, channelId: 'C1' };
    await bot.commands.subscribe({ channel, time: '09:00', timezone: 'UTC' });
    clock.set('2024-06-01T09:00:00Z');
    await bot.scheduler.tick();
    const first = platform.posts[0]!.card;
    expect((await bot.commands.status(channel)).text).toContain(`"${first.title}"`);

    // Every paper gets a revised title, and one more paper arrives.
    corpus.write([
      paperLine('long', 'Long context models, revised', 'We study long context language models.'),
      paperLine('captions', 'Image captions, revised', 'We caption images with alt-text.'),
      NEW_PAPER,
    ]);
    expect(await bot.pollCorpus()).toBe('changing');
    expect(await bot.pollCorpus()).toBe('changed');
    await bot.reload();

    const engine = platform.options().engine;
    expect(engine.lookup('folding')?.title).toBe('Protein folding at scale');
    expect((await bot.commands.status(channel)).text).toContain(`"${first.title}, revised"`);
    // Tomorrow's post is made from the reloaded corpus.
    clock.set('2024-06-02T09:00:00Z');
    await bot.scheduler.tick();
    expect([
      'Long context models, revised',
      'Image captions, revised',
      'Protein folding at scale',
    ]).toContain(platform.posts[1]?.card.title);
  });

  it('keeps today’s paper when the reloaded corpus still has it, with its new text', async () => {
    const { bot, corpus, platform, clock } = await start();
    const channel = { platform: 'slack' as const, channelId: 'C1' };
    await bot.commands.subscribe({ channel, time: '09:00', timezone: 'UTC' });
    await bot.commands.subscribe({
      channel: { platform: 'slack', channelId: 'C2' },
      time: '10:00',
      timezone: 'UTC',
    });
    clock.set('2024-06-01T09:00:00Z');
    await bot.scheduler.tick();
    const today = platform.posts[0]!.card;
    corpus.write([
      paperLine('long', 'Long context models, revised', 'We study long context language models.'),
      paperLine('captions', 'Image captions, revised', 'We caption images with alt-text.'),
    ]);
    expect(await bot.reload()).toMatchObject({ status: 'swapped' });
    clock.set('2024-06-01T10:00:00Z');
    await bot.scheduler.tick();
    expect(platform.posts[1]?.card).toMatchObject({
      id: today.id,
      title: `${today.title}, revised`,
    });
  });
});
