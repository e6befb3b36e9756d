import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type CorpusReloader,
  createCorpusReloader,
  type ReloadOutcome,
} from '../../../adapters/app/corpus-reloader.ts';
import { createCorpusWatcher } from '../../../adapters/app/corpus-watcher.ts';
import { createEngineHolder } from '../../../adapters/app/engine-holder.ts';
import {
  type OpenEngineOptions,
  openEngine,
  SNAPSHOT_FILE,
} from '../../../adapters/shared/open-engine.ts';
import { recordingLogger } from '../scheduler/helpers.ts';
import { tempDir } from '../scheduler/temp-dir.ts';
import { corpusDir, FIRST_PAPERS, manualTimer, NEW_PAPER, paperLine } from './corpus-files.ts';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

/**
 * A running "bot" as far as the corpus goes: the holder the platforms read through, the
 * reloader, and the watcher on a timer the test fires. `opens` counts every engine built.
 */
async function setup(
  options: {
    open?: (o: OpenEngineOptions) => Promise<Awaited<ReturnType<typeof openEngine>>>;
  } = {},
) {
  const root = tempDir('shammie-reload-');
  cleanups.push(root.remove);
  const corpus = corpusDir(root.path);
  const dataDir = join(root.path, 'data');
  const logger = recordingLogger();
  const holder = createEngineHolder();
  const timer = manualTimer();
  let opens = 0;
  const open = options.open ?? openEngine;
  const counted = (o: OpenEngineOptions) => {
    opens += 1;
    return open(o);
  };
  let reloading: Promise<ReloadOutcome> | undefined;
  let reloader: CorpusReloader | undefined;
  const watcher = createCorpusWatcher({
    corpus: corpus.dir,
    logger,
    timer,
    onChange: () => {
      reloading = reloader?.reload();
    },
  });
  cleanups.push(() => watcher.stop());
  await watcher.baseline();
  const first = await openEngine({ corpus: corpus.dir, dataDir, logger });
  holder.swap(first.engine);
  reloader = createCorpusReloader({
    corpus: corpus.dir,
    dataDir,
    logger,
    holder,
    open: counted,
    ...(first.key ? { key: first.key } : {}),
  });
  cleanups.push(() => reloader?.stop());
  watcher.start();
  return {
    corpus,
    dataDir,
    logger,
    holder,
    timer,
    watcher,
    reloader,
    engine: holder.engine,
    opens: () => opens,
    /** The reload the last settled change started. */
    reloading: () => reloading,
  };
}

const ids = (hits: { hits: Array<{ paper: { id: string } }> }) => hits.hits.map((h) => h.paper.id);

describe('reloading the corpus while the bot runs', () => {
  it('picks up a change once the files settle, and searches through the same engine see the new paper', async () => {
    const bot = await setup();
    expect(ids(bot.engine.search('protein folding'))).toEqual([]);
    bot.corpus.write([...FIRST_PAPERS, NEW_PAPER]);

    expect(await bot.watcher.poll()).toBe('changing');
    expect(bot.reloading()).toBeUndefined();
    expect(await bot.watcher.poll()).toBe('changed');
    expect(await bot.reloading()).toMatchObject({ status: 'swapped', papers: 3 });
    expect(ids(bot.engine.search('protein folding'))).toEqual(['folding']);
    expect(bot.engine.lookup('long')?.title).toBe('Long context models');
    expect(
      bot.logger.entries.some((e) => e.msg === 'corpus reloaded' && e.fields.papers === 3),
    ).toBe(true);
    // Nothing changed since: the watcher stays quiet.
    expect(await bot.watcher.poll()).toBe('same');
  });

  it('polls on the injected timer, every few seconds', async () => {
    const bot = await setup();
    expect(bot.timer.active).toBe(true);
    expect(bot.timer.intervalMs).toBeGreaterThanOrEqual(1000);
    expect(bot.timer.intervalMs).toBeLessThanOrEqual(10_000);
    bot.watcher.stop();
    expect(bot.timer.active).toBe(false);
  });

  it('keeps answering from the old engine while the new one is built', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let entered: () => void = () => undefined;
    const opening = new Promise<void>((resolve) => {
      entered = resolve;
    });
    const bot = await setup({
      open: async (options) => {
        entered();
        await gate;
        return openEngine(options);
      },
    });
    bot.corpus.write([NEW_PAPER]);
    const reload = bot.reloader.reload();
    await opening;
    expect(ids(bot.engine.search('long context'))).toEqual(['long']);
    release();
    expect(await reload).toMatchObject({ status: 'swapped', papers: 1 });
    expect(ids(bot.engine.search('long context'))).toEqual([]);
    expect(ids(bot.engine.search('protein'))).toEqual(['folding']);
  });

  it('sees a file replaced by renaming over it, and a file added to the folder', async () => {
    const bot = await setup();
    bot.corpus.replace([NEW_PAPER]);
    await bot.watcher.poll();
    await bot.watcher.poll();
    expect(await bot.reloading()).toMatchObject({ status: 'swapped', papers: 1 });

    bot.corpus.add('more.jsonl', [paperLine('bert', 'BERT', 'Bidirectional encoders.')]);
    await bot.watcher.poll();
    await bot.watcher.poll();
    expect(await bot.reloading()).toMatchObject({ status: 'swapped', papers: 2 });
    expect(bot.engine.lookup('bert')?.title).toBe('BERT');
  });

  it('builds once for a burst of writes, after the burst ends', async () => {
    const bot = await setup();
    for (let i = 0; i < 5; i += 1) {
      bot.corpus.write([
        ...FIRST_PAPERS,
        paperLine(`burst-${i}`, `Burst paper ${i}`, `Written in burst number ${i}.`),
      ]);
      expect(await bot.watcher.poll()).toBe('changing');
    }
    expect(bot.opens()).toBe(0);
    expect(await bot.watcher.poll()).toBe('changed');
    await bot.reloading();
    expect(bot.opens()).toBe(1);
    expect(bot.engine.papers.map((p) => p.id)).toEqual(['long', 'captions', 'burst-4']);
  });

  it('runs one reload at a time: asked again meanwhile, it reads the files once more afterwards', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let running = 0;
    let most = 0;
    let entered: () => void = () => undefined;
    const opening = new Promise<void>((resolve) => {
      entered = resolve;
    });
    const bot = await setup({
      open: async (options) => {
        entered();
        running += 1;
        most = Math.max(most, running);
        try {
          await gate;
          return await openEngine(options);
        } finally {
          running -= 1;
        }
      },
    });
    bot.corpus.write([NEW_PAPER]);
    const first = bot.reloader.reload();
    // The first reload has hashed the files it saw; change them while it is blocked.
    await opening;
    bot.corpus.write([NEW_PAPER, paperLine('late', 'Late paper', 'Added during the reload.')]);
    const second = bot.reloader.reload();
    const third = bot.reloader.reload();
    expect(third).toBe(second);
    release();
    await Promise.all([first, second]);
    expect(most).toBe(1);
    expect(bot.opens()).toBe(2);
    expect(bot.engine.lookup('late')?.title).toBe('Late paper');
  });

  it('does not rebuild when the files were touched but say the same', async () => {
    const bot = await setup();
    bot.corpus.write([...FIRST_PAPERS]);
    expect(await bot.reloader.reload()).toEqual({ status: 'unchanged' });
    expect(bot.opens()).toBe(0);
  });
});

describe('a broken corpus change', () => {
  it('keeps the old answers when every entry is bad, and logs why with the file and line', async () => {
    const bot = await setup();
    bot.corpus.writeRaw('{"id": "x", "title": \n{not json at all\n');
    await bot.watcher.poll();
    await bot.watcher.poll();
    const outcome = await bot.reloading();
    expect(outcome?.status).toBe('kept');
    expect(ids(bot.engine.search('long context'))).toEqual(['long']);
    const logged = bot.logger.entries.find((e) => /still serving the last good one/.test(e.msg));
    expect(logged?.level).toBe('warn');
    expect(logged?.fields.code).toBe('EMPTY_CORPUS');
    expect(String(logged?.fields.reason)).toContain(`${bot.corpus.file}:1`);
  });

  it('keeps the old answers when the corpus folder disappears, and recovers when it is back', async () => {
    const bot = await setup();
    rmSync(bot.corpus.dir, { recursive: true });
    await bot.watcher.poll();
    await bot.watcher.poll();
    expect(await bot.reloading()).toMatchObject({ status: 'kept' });
    expect(ids(bot.engine.search('captions'))).toEqual(['captions']);
    expect(
      bot.logger.entries.some(
        (e) => e.fields.code === 'BAD_CORPUS' && String(e.fields.reason).includes(bot.corpus.dir),
      ),
    ).toBe(true);

    // Put back with new content: it is served again.
    const back = corpusDir(join(bot.corpus.dir, '..'));
    back.write([NEW_PAPER]);
    await bot.watcher.poll();
    await bot.watcher.poll();
    expect(await bot.reloading()).toMatchObject({ status: 'swapped', papers: 1 });
  });

  it('keeps the old answers when a binary file replaces the papers', async () => {
    const bot = await setup();
    bot.corpus.writeRaw(Buffer.from([0, 1, 2, 255, 254, 0, 0, 7]).toString('latin1'));
    expect(await bot.reloader.reload()).toMatchObject({ status: 'kept' });
    expect(ids(bot.engine.search('long context'))).toEqual(['long']);
  });

  it('keeps the old answers after an unexpected error, logged as an error', async () => {
    const bot = await setup({
      open: async () => {
        throw new TypeError('index exploded');
      },
    });
    bot.corpus.write([NEW_PAPER]);
    expect(await bot.reloader.reload()).toEqual({ status: 'kept', reason: 'index exploded' });
    expect(bot.engine.lookup('long')?.id).toBe('long');
    expect(
      bot.logger.entries.some(
        (e) => e.level === 'error' && /reloading the corpus failed/.test(e.msg),
      ),
    ).toBe(true);
  });

  it('serves a corpus with some bad entries, and says which were skipped', async () => {
    const bot = await setup();
    bot.corpus.writeRaw(`${NEW_PAPER}\n{broken line\n`);
    expect(await bot.reloader.reload()).toMatchObject({
      status: 'swapped',
      papers: 1,
      problems: 1,
    });
    const skipped = bot.logger.entries.find((e) =>
      /could not be read and were skipped/.test(e.msg),
    );
    expect(JSON.stringify(skipped?.fields.first)).toContain('papers.jsonl');
  });

  it('leaves the snapshot of the last good corpus in place', async () => {
    const bot = await setup();
    const snapshot = join(bot.dataDir, SNAPSHOT_FILE);
    const before = statSync(snapshot).mtimeMs;
    bot.corpus.writeRaw('nothing to see here');
    expect(await bot.reloader.reload()).toMatchObject({ status: 'kept' });
    expect(statSync(snapshot).mtimeMs).toBe(before);
  });
});

describe('stopping', () => {
  it('gives up a reload in progress without swapping, and refuses new ones', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let entered: () => void = () => undefined;
    const opening = new Promise<void>((resolve) => {
      entered = resolve;
    });
    const bot = await setup({
      open: async (options) => {
        entered();
        await gate;
        return openEngine(options);
      },
    });
    bot.corpus.write([NEW_PAPER]);
    const reload = bot.reloader.reload();
    await opening;
    bot.reloader.stop();
    release();
    expect(await reload).toEqual({ status: 'stopped' });
    expect(bot.engine.lookup('long')?.id).toBe('long');
    expect(await bot.reloader.reload()).toEqual({ status: 'stopped' });
  });
});
