import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type BootDeps, type Bot, boot } from '../../../adapters/app/boot.ts';
import { createBotLibrary } from '../../../adapters/app/bot-library.ts';
import { createCorpusReloader } from '../../../adapters/app/corpus-reloader.ts';
import { createEngineHolder } from '../../../adapters/app/engine-holder.ts';
import { DEFAULT_LIBRARY_SETTINGS } from '../../../adapters/app/library-settings.ts';
import type { LibraryUser } from '../../../adapters/library/library-service.ts';
import { createLibraryStore, type LibraryStore } from '../../../adapters/library/library-store.ts';
import { openDatabase } from '../../../adapters/scheduler/database.ts';
import { loadConfig } from '../../../adapters/shared/config.ts';
import { type OpenedEngine, openEngine } from '../../../adapters/shared/open-engine.ts';
import { SAMPLE_PAPERS } from '../../adapters/sources/fakes/sample-papers.ts';
import { startServices, type TestServices } from '../library/helpers.ts';
import { fakeClock, recordingLogger } from '../scheduler/helpers.ts';
import { tempDir } from '../scheduler/temp-dir.ts';
import { corpusDir, FIRST_PAPERS, manualTimer, NEW_PAPER } from './corpus-files.ts';
import { fakePlatform } from './fake-platform.ts';

const MEMBER: LibraryUser = { userId: 'U1', isAdmin: false, platform: 'slack', channel: 'C1' };
const ADMIN: LibraryUser = { userId: 'U9', isAdmin: true, platform: 'slack', channel: 'C1' };
/** Words of the abstract of SAMPLE_PAPERS[0] (2305.11206), in no corpus file. */
const INSTRUCTIONS = 'thousand carefully chosen prompts';
/** Words of the abstract of SAMPLE_PAPERS[1] (2408.11039). */
const PIXELS = 'single transformer patches';

let services: TestServices;
beforeAll(async () => {
  services = await startServices({ papers: SAMPLE_PAPERS });
});
afterAll(() => services.close());

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A data directory and a corpus folder that several bot starts share, as restarts do. */
function site() {
  const root = tempDir('shammie-library-bot-');
  cleanups.push(root.remove);
  return { corpus: corpusDir(root.path), dataDir: join(root.path, 'data') };
}

/** Boots the bot in-process on `place`, with a fake Slack and the fake paper services. */
async function start(place: ReturnType<typeof site>, deps: Partial<BootDeps> = {}) {
  const platform = fakePlatform();
  const logger = recordingLogger();
  const libraryTimer = manualTimer();
  const config = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-library',
    SLACK_SIGNING_SECRET: 'library-secret',
    SHAMMIE_CORPUS: place.corpus.dir,
    SHAMMIE_DATA_DIR: place.dataDir,
  });
  const bot: Bot = await boot(config, {
    logger,
    now: fakeClock('2024-06-01T08:00:00Z').now,
    autoTick: false,
    startSlack: platform.start,
    watch: { timer: manualTimer() },
    watchLibrary: { timer: libraryTimer },
    sources: services.sources,
    ...deps,
  });
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await bot.stop();
  };
  cleanups.push(stop);
  return { bot, platform, logger, libraryTimer, stop };
}

/** Another process's connection to the bot's database (what `shammie add` opens). */
function otherProcess(dataDir: string): LibraryStore {
  const store = createLibraryStore(openDatabase(dataDir));
  cleanups.push(() => store.close());
  return store;
}

/** The library row of a sample paper, as `shammie add` would write it. */
function row(index: number) {
  const sample = SAMPLE_PAPERS[index]!;
  return {
    id: sample.arxiv,
    arxiv: sample.arxiv,
    title: sample.title.replace(/\s+/g, ' '),
    abstract: sample.abstract.replace(/\s+/g, ' ').trim(),
    authors: sample.authors,
    source: 'arxiv' as const,
    by: 'ops',
    platform: 'cli',
  };
}

const found = (bot: Bot, query: string) => bot.engine.search(query).hits.map((h) => h.paper.id);

describe('the library in the running bot', () => {
  it('gives every platform the one library service, whose adds the next search finds', async () => {
    const { bot, platform } = await start(site());
    expect(platform.options().library).toBe(bot.library);
    const [added] = await bot.library.add(['2305.11206'], MEMBER);
    expect(added?.status).toBe('added');
    expect(found(bot, INSTRUCTIONS)[0]).toBe('2305.11206');
    await bot.library.remove('2305.11206', ADMIN);
    expect(found(bot, INSTRUCTIONS)).toEqual([]);
  });

  it('searches the papers already in the database when it starts', async () => {
    const place = site();
    otherProcess(place.dataDir).addPaper(row(0), 1);
    const { bot } = await start(place);
    expect(found(bot, INSTRUCTIONS)[0]).toBe('2305.11206');
    expect(found(bot, 'long context')[0]).toBe('long');
    // Files first, then the library in the order of addition.
    expect(bot.engine.papers.map((p) => p.id)).toEqual(['long', 'captions', '2305.11206']);
  });

  it('starts from its snapshot and applies the library changes made since, indexing nothing again', async () => {
    const place = site();
    const first = await start(place);
    await first.bot.library.add(['2305.11206'], MEMBER);
    await first.stop();
    // While it is down: `shammie add` and `shammie remove` (a corpus file's paper).
    const other = otherProcess(place.dataDir);
    other.addPaper(row(1), 2);
    other.removePaper({ id: 'captions' }, { by: 'ops', platform: 'cli' }, 3);

    const { bot, logger } = await start(place);
    const loaded = logger.entries.find((e) => e.msg === 'corpus loaded');
    expect(loaded?.fields.index).toBe('snapshot');
    const applied = logger.entries.find((e) => /library changes since the index/.test(e.msg));
    expect(applied?.fields).toMatchObject({ index: 'snapshot', added: 2, removed: 1 });
    expect(found(bot, INSTRUCTIONS)[0]).toBe('2305.11206');
    expect(found(bot, PIXELS)[0]).toBe('2408.11039');
    expect(found(bot, 'caption')).toEqual([]);
  });

  it('a snapshot saved with the library (after a merge) makes the next start apply nothing', async () => {
    const place = site();
    const first = await start(place);
    await first.bot.library.add(['2305.11206', '2408.11039'], MEMBER);
    await first.bot.library.remove('long', ADMIN);
    await first.bot.saveSnapshot();
    await first.stop();

    const { bot, logger } = await start(place);
    const applied = logger.entries.find((e) => /library changes since the index/.test(e.msg));
    expect(applied?.fields).toMatchObject({ index: 'snapshot', added: 0, removed: 0 });
    expect(bot.engine.papers.map((p) => p.id).sort()).toEqual(
      ['2305.11206', '2408.11039', 'captions'].sort(),
    );
    // The removed file paper is still known, so adding it back needs no service.
    expect(bot.library.summary().files).toBe(1);
  });

  it("applies another process's adds and removals at the next poll", async () => {
    const place = site();
    const { bot, libraryTimer, logger } = await start(place);
    expect(bot.pollLibrary()).toBe('same');
    const other = otherProcess(place.dataDir);
    other.addPaper(row(1), 5);
    libraryTimer.fire();
    expect(found(bot, PIXELS)[0]).toBe('2408.11039');
    expect(logger.entries.find((e) => /library changes applied/.test(e.msg))?.fields).toMatchObject(
      { added: 1, removed: 0, by: 'other process' },
    );
    other.removePaper({ id: '2408.11039', arxiv: '2408.11039' }, { by: 'ops' }, 6);
    expect(bot.pollLibrary()).toBe('applied');
    expect(found(bot, PIXELS)).toEqual([]);
    expect(bot.pollLibrary()).toBe('same');
  });

  it('merges the index in the background once the added papers call for it, then saves the snapshot', async () => {
    const place = site();
    const { bot, logger, stop } = await start(place);
    const other = otherProcess(place.dataDir);
    // MERGE_DELTA_MIN papers added since the build: enough for the engine to ask for a merge.
    for (let i = 0; i < 2000; i++) {
      other.addPaper(
        {
          id: `bulk-${i}`,
          title: `Bulk paper ${i} on sparse attention`,
          abstract: `Paper number ${i} studies sparse attention patterns in long documents.`,
          authors: ['A. Author'],
          source: 'import',
        },
        10 + i,
      );
    }
    expect(bot.pollLibrary()).toBe('applied');
    await vi.waitFor(
      () => expect(logger.entries.some((e) => e.msg === 'index merged')).toBe(true),
      {
        timeout: 20_000,
      },
    );
    expect(bot.engine.search('"Bulk paper 1999"').hits[0]?.paper.id).toBe('bulk-1999');
    await vi.waitFor(
      () =>
        expect(logger.entries.some((e) => e.msg === 'index snapshot saved after the merge')).toBe(
          true,
        ),
      { timeout: 20_000 },
    );
    await stop();
    const again = await start(place);
    const applied = again.logger.entries.find((e) => /library changes since the index/.test(e.msg));
    expect(applied?.fields).toMatchObject({ index: 'snapshot', added: 0, removed: 0 });
    expect(again.bot.engine.papers.length).toBe(bot.engine.papers.length);
  });

  it('keeps every library addition through a reload of the corpus files', async () => {
    const place = site();
    const { bot } = await start(place);
    await bot.library.add(['2305.11206'], MEMBER);
    place.corpus.write([...FIRST_PAPERS, NEW_PAPER]);
    expect((await bot.reload()).status).toBe('swapped');
    expect(found(bot, 'fold proteins')[0]).toBe('folding');
    expect(found(bot, INSTRUCTIONS)[0]).toBe('2305.11206');
    expect(bot.engine.papers.map((p) => p.id)).toEqual([
      'long',
      'captions',
      'folding',
      '2305.11206',
    ]);
  });
});

describe('a reload of the corpus files', () => {
  it('keeps a paper added to the library while the new files were indexing', async () => {
    const { corpus, dataDir } = site();
    const db = openDatabase(dataDir);
    cleanups.push(() => {
      db.close();
    });
    const logger = recordingLogger();
    const holder = createEngineHolder();
    const library = createBotLibrary({
      db,
      dataDir,
      settings: DEFAULT_LIBRARY_SETTINGS,
      sources: services.sources,
      logger,
      now: () => Date.UTC(2024, 5, 1),
    });
    const first = await openEngine({
      corpus: corpus.dir,
      dataDir,
      logger,
      overlay: library.overlay,
    });
    const useFirst = library.adopt(first);
    holder.swap(first.engine);
    useFirst();

    // The reload's engine is built, then held back until the test lets it be swapped in.
    let indexed: () => void = () => undefined;
    const built = new Promise<void>((resolve) => {
      indexed = resolve;
    });
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const reloader = createCorpusReloader({
      corpus: corpus.dir,
      dataDir,
      logger,
      holder,
      ...(first.key ? { key: first.key } : {}),
      library,
      open: async (options): Promise<OpenedEngine> => {
        const opened = await openEngine(options);
        indexed();
        await released;
        return opened;
      },
    });
    corpus.write([...FIRST_PAPERS, NEW_PAPER]);
    const reloading = reloader.reload();
    await built;
    await library.service.add(['2305.11206'], MEMBER);
    const search = (query: string) => holder.engine.search(query).hits.map((h) => h.paper.id);
    expect(search(INSTRUCTIONS)[0]).toBe('2305.11206');
    expect(search('fold proteins')).toEqual([]);

    release();
    expect((await reloading).status).toBe('swapped');
    expect(search('fold proteins')[0]).toBe('folding');
    expect(search(INSTRUCTIONS)[0]).toBe('2305.11206');
  });
});
