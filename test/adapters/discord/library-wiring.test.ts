import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIBRARY_OFF } from '../../../adapters/discord/commands/library-access.ts';
import { DEFAULT_LIBRARY_EDITORS, notAllowedText } from '../../../adapters/library/editors.ts';
import { createLibraryService } from '../../../adapters/library/library-service.ts';
import type { Engine } from '../../../src/index.ts';
import {
  openTestLibrary,
  startServices,
  type TestLibrary,
  type TestServices,
} from '../library/helpers.ts';
import { busy } from '../sources/fakes/fake-service.ts';
import { samplePaper } from '../sources/fakes/sample-papers.ts';
import {
  CHANNEL_ID,
  inDirectMessage,
  MANAGE_GUILD,
  rawAutocomplete,
  rawCommand,
  USER_ID,
} from './raw-interactions.ts';
import { PAPERS, tinyEngine } from './tiny-corpus.ts';
import { type Callback, callbacks, startWiring, type Wiring } from './wiring-harness.ts';

/**
 * /add, /remove and /library end to end: the real discord.js client against the fake Discord,
 * the real library service over a real database, and the real arXiv client against the fake
 * arXiv API.
 */

const EPHEMERAL = 64;
const NO_MENTIONS = { parse: [] };
/** 2026-05-01T12:00:00Z. */
const NOW = 1_777_636_800_000;

const SPARSE = samplePaper({
  arxiv: '2501.01234',
  version: 1,
  title: 'Sparse Mixtures Make Tiny Reasoners',
  abstract: 'We route tokens through sparse mixtures of tiny experts and find reasoning improves.',
  authors: ['Ada Quill'],
});
const LOUD = samplePaper({
  arxiv: '2501.05555',
  version: 1,
  title: '@everyone Look At This Result',
  abstract: 'A paper whose title tries to ping a whole server.',
  authors: ['<@&123456789012345678>'],
});

const QUIET = samplePaper({
  arxiv: '2501.07777',
  version: 1,
  title: 'Whispered Gradients',
  abstract: 'Added from a direct message.',
  authors: ['Ada Quill'],
});

let services: TestServices;
let library: TestLibrary;
let engine: Engine;
let wiring: Wiring;

beforeAll(async () => {
  services = await startServices({ papers: [SPARSE, LOUD, QUIET] });
  library = openTestLibrary();
  engine = await tinyEngine();
  const service = createLibraryService({
    store: library.store,
    sources: services.sources,
    editors: DEFAULT_LIBRARY_EDITORS,
    engine,
    files: () => PAPERS,
    now: () => NOW,
  });
  wiring = await startWiring({ engine, library: service });
});
afterAll(async () => {
  await wiring.close();
  await services.close();
  library.cleanup();
});

const text = (name: string, value: string) => ({ name, type: 3, value });

/** The edit of the deferred answer (PATCH …/messages/@original) among some calls. */
function edits(calls: Awaited<ReturnType<Wiring['dispatch']>>) {
  return calls
    .filter((c) => c.method === 'PATCH' && /\/messages\/(@|%40)original$/.test(c.path))
    .map((c) => c.body as NonNullable<Callback['data']>);
}

async function search(query: string): Promise<string[]> {
  const [callback] = callbacks(await wiring.dispatch(rawCommand('search', [text('query', query)])));
  return (callback?.data?.embeds ?? []).map((e) => String(e.title));
}

describe('/add through discord.js, with arXiv behind it', () => {
  it('defers at once, then edits in the card with who added it and where; search finds it', async () => {
    const calls = await wiring.dispatch(rawCommand('add', [text('ref', 'arXiv:2501.01234v1')]));
    const [deferral] = callbacks(calls);
    expect(deferral?.type).toBe(5);
    const [edit] = edits(calls);
    expect(edit?.content).toBe(`📥 Added to the library by <@${USER_ID}> in <#${CHANNEL_ID}>.`);
    expect(edit?.embeds?.[0]).toMatchObject({
      title: 'Sparse Mixtures Make Tiny Reasoners',
      footer: { text: 'arXiv:2501.01234' },
    });
    expect(edit?.allowed_mentions).toEqual(NO_MENTIONS);
    expect(await search('sparse mixtures tiny reasoners')).toContain(
      '1. Sparse Mixtures Make Tiny Reasoners',
    );
  });

  it('answers "already in the library" with the card when it is added again, asking nobody', async () => {
    const before = services.api.requests.length;
    const calls = await wiring.dispatch(rawCommand('add', [text('ref', '2501.01234')]));
    const [edit] = edits(calls);
    expect(edit?.content).toMatch(
      new RegExp(
        `^📚 Already in the library, added by <@${USER_ID}> in <#${CHANNEL_ID}> on <t:\\d+:d>\\.$`,
      ),
    );
    expect(edit?.embeds?.[0]?.title).toBe('Sparse Mixtures Make Tiny Reasoners');
    expect(services.api.requests.length).toBe(before);
  });

  it('says a paper of the corpus files is there already', async () => {
    const [edit] = edits(await wiring.dispatch(rawCommand('add', [text('ref', '2305.11206')])));
    expect(edit?.content).toBe('📚 Already in the library (from the corpus files).');
  });

  it('tells only the user that arXiv has no such paper', async () => {
    const raw = rawCommand('add', [text('ref', '2501.99999')]);
    await wiring.dispatch(raw);
    expect(wiring.fake.visible(raw.token)).toEqual([
      {
        content: 'arXiv has no paper 2501.99999; check the id.'.replace(/^/, '⚠️ '),
        flags: EPHEMERAL,
        embeds: [],
      },
    ]);
  });

  it('says arXiv did not answer when it is down, and adds nothing', async () => {
    services.api.failNext(busy('0'), busy('0'), busy('0'));
    const raw = rawCommand('add', [text('ref', '2501.05555')]);
    await wiring.dispatch(raw);
    const [seen] = wiring.fake.visible(raw.token);
    expect(seen?.content).toMatch(/^⚠️ arXiv did not answer; try again/);
    expect(seen?.flags).toBe(EPHEMERAL);
    expect(library.store.findPaper({ arxiv: '2501.05555' })).toBeUndefined();
  });

  it('says arXiv took too long when it hangs, instead of hanging', async () => {
    // A request that times out is not repeated (a slow service would only be slower).
    services.api.failNext({ fault: 'hang' });
    const raw = rawCommand('add', [text('ref', '2501.05555')]);
    await wiring.dispatch(raw);
    const [seen] = wiring.fake.visible(raw.token);
    expect(seen?.content).toMatch(/^⚠️ arXiv took too long to answer; try again/);
  });

  it('pings nobody when a title says @everyone', async () => {
    const calls = await wiring.dispatch(rawCommand('add', [text('ref', '2501.05555')]));
    const [edit] = edits(calls);
    expect(edit?.allowed_mentions).toEqual(NO_MENTIONS);
    expect(edit?.embeds?.[0]?.title).toBe('@\u200beveryone Look At This Result');
    expect(JSON.stringify(edit)).not.toMatch(/@everyone/);
    // An embed's author line is shown verbatim by Discord: a mention there is only text.
    expect(edit?.embeds?.[0]?.author).toEqual({ name: '<@&123456789012345678>' });
  });

  it('adds several papers given with spaces, one line each', async () => {
    const calls = await wiring.dispatch(rawCommand('add', [text('ref', '2501.01234 not-a-ref')]));
    const [edit] = edits(calls);
    expect(edit?.content?.split('\n')).toEqual([
      expect.stringMatching(/^📚 2501\.01234: Already in the library/),
      expect.stringMatching(/^⚠️ not-a-ref: That is not an arXiv id or URL, or a DOI/),
    ]);
  });

  it('in a direct message, says who added it and records no channel', async () => {
    const raw = inDirectMessage(rawCommand('add', [text('ref', '2501.07777')]));
    const [edit] = edits(await wiring.dispatch(raw));
    expect(edit?.content).toBe(`📥 Added to the library by <@${USER_ID}>.`);
    const stored = library.store.findPaper({ arxiv: '2501.07777' });
    expect(stored).toMatchObject({ addedBy: USER_ID, platform: 'discord' });
    expect(stored?.channel).toBeUndefined();
  });

  it('refuses more than ten references at once, privately and before deferring', async () => {
    const refs = Array.from({ length: 11 }, (_, i) => `2501.0000${i % 10}`).join(' ');
    const calls = await wiring.dispatch(rawCommand('add', [text('ref', refs)]));
    const [callback] = callbacks(calls);
    expect(calls).toHaveLength(1);
    expect(callback?.type).toBe(4);
    expect(callback?.data?.flags).toBe(EPHEMERAL);
    expect(callback?.data?.content).toContain('Add at most 10 papers at a time (11 were given).');
  });
});

describe('/remove through discord.js', () => {
  it('suggests the papers the engine holds, added ones too', async () => {
    const calls = await wiring.dispatch(
      rawAutocomplete('remove', [{ name: 'paper', type: 3, value: 'sparse mix', focused: true }]),
    );
    const [callback] = callbacks(calls);
    expect(callback?.data?.choices?.[0]?.value).toBe(
      engine.papers.find((p) => p.arxiv === '2501.01234')?.id,
    );
  });

  it('refuses a member without Manage Server at once, privately, and removes nothing', async () => {
    const calls = await wiring.dispatch(rawCommand('remove', [text('paper', '2501.01234')]));
    expect(calls).toHaveLength(1);
    const [callback] = callbacks(calls);
    expect(callback?.type).toBe(4);
    expect(callback?.data?.flags).toBe(EPHEMERAL);
    expect(callback?.data?.content).toBe(`⚠️ ${notAllowedText(DEFAULT_LIBRARY_EDITORS, 'remove')}`);
    expect(await search('sparse mixtures tiny reasoners')).toContain(
      '1. Sparse Mixtures Make Tiny Reasoners',
    );
  });

  it('removes it for a member with Manage Server: the card, how to undo, and search no longer finds it', async () => {
    const id = engine.papers.find((p) => p.arxiv === '2501.01234')?.id as string;
    const calls = await wiring.dispatch(rawCommand('remove', [text('paper', id)], MANAGE_GUILD));
    const [callback] = callbacks(calls);
    expect(callback?.data?.content).toBe(
      `🗑️ Removed from the library; add it again to undo. (by <@${USER_ID}> in <#${CHANNEL_ID}>)`,
    );
    expect(callback?.data?.embeds?.[0]?.title).toBe('Sparse Mixtures Make Tiny Reasoners');
    expect(callback?.data?.flags ?? 0).toBe(0);
    expect(await search('sparse mixtures tiny reasoners')).not.toContain(
      '1. Sparse Mixtures Make Tiny Reasoners',
    );
  });

  it('brings it back when it is added again', async () => {
    const [edit] = edits(await wiring.dispatch(rawCommand('add', [text('ref', '2501.01234')])));
    expect(edit?.content).toMatch(/^📥 Back in the library \(it had been removed\)/);
    expect(await search('sparse mixtures tiny reasoners')).toContain(
      '1. Sparse Mixtures Make Tiny Reasoners',
    );
  });

  it('refuses in a direct message, where nobody has Manage Server', async () => {
    const raw = inDirectMessage(rawCommand('remove', [text('paper', '2501.01234')], MANAGE_GUILD));
    const [callback] = callbacks(await wiring.dispatch(raw));
    expect(callback?.data?.flags).toBe(EPHEMERAL);
    expect(callback?.data?.content).toBe(`⚠️ ${notAllowedText(DEFAULT_LIBRARY_EDITORS, 'remove')}`);
    expect(engine.papers.some((p) => p.arxiv === '2501.01234')).toBe(true);
  });

  it('removes a corpus-file paper named by its title words', async () => {
    const calls = await wiring.dispatch(
      rawCommand('remove', [text('paper', 'RWKV')], MANAGE_GUILD),
    );
    expect(callbacks(calls)[0]?.data?.embeds?.[0]?.title).toBe(
      'RWKV: Reinventing RNNs for the Transformer Era',
    );
    expect(engine.lookup('2305.13048')).toBeUndefined();
  });
});

describe('/library through discord.js', () => {
  it('lists the sizes and the last additions, privately', async () => {
    const [callback] = callbacks(await wiring.dispatch(rawCommand('library')));
    expect(callback?.data?.flags).toBe(EPHEMERAL);
    const embed = callback?.data?.embeds?.[0] as {
      description: string;
      fields: Array<{ name: string; value: string }>;
    };
    expect(embed.description).toContain(
      `**${PAPERS.length + 2} papers**: ${PAPERS.length - 1} from the corpus files, 3 added to the library (3 from the chat).`,
    );
    expect(embed.fields[0]?.value).toContain('**Sparse Mixtures Make Tiny Reasoners**');
    expect(embed.fields[0]?.value).toContain(`by <@${USER_ID}> in <#${CHANNEL_ID}>`);
    expect(embed.fields[1]?.value).toContain('shammie export');
  });
});

describe('without a library', () => {
  let bare: Wiring;
  beforeAll(async () => {
    bare = await startWiring({ engine: await tinyEngine() });
  });
  afterAll(() => bare.close());

  it('/add and /remove say the library cannot be changed here, at once and privately', async () => {
    for (const raw of [
      rawCommand('add', [text('ref', '2501.01234')]),
      rawCommand('remove', [text('paper', '2305.11206')], MANAGE_GUILD),
    ]) {
      const calls = await bare.dispatch(raw);
      expect(calls).toHaveLength(1);
      const [callback] = callbacks(calls);
      expect(callback?.data?.flags).toBe(EPHEMERAL);
      expect(callback?.data?.content).toBe(`⚠️ ${LIBRARY_OFF}`);
    }
  });

  it('/library gives the number of papers and says why none can be added', async () => {
    const [callback] = callbacks(await bare.dispatch(rawCommand('library')));
    expect(callback?.data?.flags).toBe(EPHEMERAL);
    expect(callback?.data?.content).toBe(
      `ℹ️ ${PAPERS.length} papers, all from the corpus files: this bot runs without a library, so papers cannot be added or removed here.`,
    );
  });
});
