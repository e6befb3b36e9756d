import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIBRARY_EDITORS } from '../../../adapters/library/editors.ts';
import { createLibraryService } from '../../../adapters/library/library-service.ts';
import { createEngine, type Engine, type Paper } from '../../../src/index.ts';
import {
  openTestLibrary,
  startServices,
  type TestLibrary,
  type TestServices,
} from '../library/helpers.ts';
import { busy } from '../sources/fakes/fake-service.ts';
import { SAMPLE_PAPERS, samplePaper } from '../sources/fakes/sample-papers.ts';
import { contextsOf, postedMessage, sectionsOf } from './ask-checks.ts';
import type { RecordedCall } from './fake-slack-api.ts';
import { allText, libraryViolations, updatedMessage } from './library-checks.ts';
import { directMessageEvent, eventEnvelope, mentionEvent, slashCommandForm } from './payloads.ts';
import { postsInThread, type SlackHarness, startHarness } from './slack-harness.ts';
import { TINY_CORPUS } from './tiny-corpus.ts';

/**
 * `add`, `remove` and `library` on Slack end to end: a real Bolt app in HTTP mode against the
 * fake Web API, and a real library service over a real database, fetching from the fakes of
 * arXiv, Crossref and OpenAlex. Its changes reach the engine the same app searches.
 */

const ADMIN = 'U0ADMIN';
/** A title that tries to ping the channel and a user. */
const HOSTILE = samplePaper({
  arxiv: '2401.00042',
  version: 1,
  title: '<!channel> Attention <@U0ALICE> & <!here> everyone',
  abstract: 'Hostile titles are shown as text and ping nobody.',
});

let services: TestServices;
let library: TestLibrary;
let engine: Engine;
let h: SlackHarness;
let files: Paper[];

beforeAll(async () => {
  services = await startServices({ papers: [...SAMPLE_PAPERS, HOSTILE] });
  library = openTestLibrary();
  // The corpus files without 2305.11206, so that adding it fetches it from arXiv.
  files = TINY_CORPUS.filter((paper) => paper.arxiv !== '2305.11206');
  engine = await createEngine(files);
  const service = createLibraryService({
    store: library.store,
    sources: services.sources,
    editors: DEFAULT_LIBRARY_EDITORS,
    engine,
    files: () => files,
    now: () => Date.UTC(2024, 4, 1, 12),
  });
  h = await startHarness({ engine, library: service, api: { admins: [ADMIN] } });
});
afterAll(async () => {
  await h?.close();
  await services?.close();
  library?.cleanup();
});

/** Sends a mention (from `user`) and waits until `done` holds for the calls that followed. */
async function mention(
  text: string,
  user = 'U0ALICE',
  done: (calls: RecordedCall[], ts: string) => boolean = (calls, ts) =>
    postsInThread(calls, ts).length > 0,
) {
  const event = mentionEvent(text, { user });
  const before = h.api.calls.length;
  expect((await h.postJson(eventEnvelope(event))).status).toBe(200);
  await h.api.waitFor((calls) => done(calls.slice(before), event.ts));
  return { event, calls: h.api.calls.slice(before) };
}

/** A mention whose answer is a placeholder then edited: waits for the edit. */
async function mentionWithEdit(text: string, user?: string) {
  const sent = await mention(text, user, (calls) => calls.some((c) => c.method === 'chat.update'));
  const posts = postsInThread(sent.calls, sent.event.ts);
  const update = sent.calls.find((c) => c.method === 'chat.update');
  return { ...sent, posts, update };
}

/** The search results a mention gets, as one text. */
async function searchText(query: string): Promise<string> {
  const { event, calls } = await mention(query);
  return allText(postedMessage(postsInThread(calls, event.ts)[0]));
}

const ephemeralsTo = (calls: RecordedCall[], user: string) =>
  calls.filter((c) => c.method === 'chat.postEphemeral' && c.body.user === user);

describe('library commands on Slack', () => {
  it('adds a paper from a mention: "Fetching…" in the thread at once, edited into its card', async () => {
    const { event, posts, update } = await mentionWithEdit('add 2305.11206');
    expect(posts).toHaveLength(1);
    expect(sectionsOf(posts[0])).toEqual([
      ':hourglass_flowing_sand: Fetching 2305.11206 from arXiv…',
    ]);
    expect(update?.body).toMatchObject({ channel: 'C0LAB', ts: expect.any(String) });
    expect(h.api.posted.find((m) => m.ts === update?.body.ts)?.thread_ts).toBe(event.ts);
    const sections = sectionsOf(update);
    expect(sections[0]).toBe(':white_check_mark: *Added to the library*');
    expect(sections[1]).toContain(
      '<https://arxiv.org/abs/2305.11206|Small Instruction Sets Go a Long Way: Tuning Language Models on a Thousand Prompts>',
    );
    expect(contextsOf(update)).toEqual([
      'arXiv:2305.11206',
      'Added by <@U0ALICE> in <#C0LAB> on 2024-05-01',
    ]);
    expect(libraryViolations(updatedMessage(update))).toEqual([]);
    // Everyone may add by default: nobody's admin status was looked up.
    expect(h.api.callsTo('users.info')).toHaveLength(0);
    await h.barrier();
    expect(postsInThread(h.api.calls, event.ts)).toHaveLength(1);
  });

  it('finds the added paper with the very next search', async () => {
    expect(await searchText('instruction sets thousand prompts')).toContain(
      'Small Instruction Sets Go a Long Way',
    );
  });

  it('says it is already in the library, with who added it, for any version', async () => {
    const { update } = await mentionWithEdit('add https://arxiv.org/abs/2305.11206v1');
    expect(sectionsOf(update)[0]).toBe(':information_source: *Already in the library*');
    expect(contextsOf(update)).toContain('Added by <@U0ALICE> in <#C0LAB> on 2024-05-01');
  });

  it('refuses a removal by someone who is not an admin, to them alone, and keeps the paper', async () => {
    const { calls } = await mention(
      'remove 2305.11206',
      'U0ALICE',
      (c) => ephemeralsTo(c, 'U0ALICE').length > 0,
    );
    const [refusal] = ephemeralsTo(calls, 'U0ALICE');
    expect(sectionsOf(refusal)[0]).toBe(
      ':warning: Only admins and the people the operator named may remove papers from the library.',
    );
    expect(calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(0);
    expect(h.api.callsTo('users.info').map((c) => c.body.user)).toEqual(['U0ALICE']);
    expect(await searchText('instruction sets thousand prompts')).toContain(
      'Small Instruction Sets Go a Long Way',
    );
  });

  it('lets a workspace admin remove it: removed at once from search, with how to undo it', async () => {
    const { event, calls } = await mention('remove 2305.11206', ADMIN);
    const [post] = postsInThread(calls, event.ts);
    expect(sectionsOf(post)[0]).toBe(
      ':wastebasket: *Removed from the library* Removed from the library; add it again to undo.',
    );
    expect(contextsOf(post)).toContain('Undo: `@Shammie add 2305.11206`');
    expect(await searchText('instruction sets thousand prompts')).not.toContain(
      'Small Instruction Sets',
    );
  });

  it('undoes the removal when the paper is added again', async () => {
    const { update } = await mentionWithEdit('add 2305.11206');
    expect(sectionsOf(update)[0]).toBe(
      ':white_check_mark: *Added to the library* It had been removed; it is back in the library.',
    );
    expect(await searchText('instruction sets thousand prompts')).toContain(
      'Small Instruction Sets Go a Long Way',
    );
  });

  it('answers `library` with sizes by source, the last additions and how to export', async () => {
    const { event, calls } = await mention('library');
    const message = postedMessage(postsInThread(calls, event.ts)[0]);
    const text = allText(message);
    expect(text).toContain(
      `*${files.length + 1}* papers: ${files.length} from the corpus files, 1 added to the library (from chat 1 · arXiv 0 · DOI 0 · imported 0).`,
    );
    expect(text).toContain('Added by <@U0ALICE> in <#C0LAB> on 2024-05-01');
    expect(text).toContain('`shammie export --format jsonl|bibtex [--out FILE]`');
    expect(libraryViolations(message)).toEqual([]);
  });

  it('says clearly when arXiv does not answer, and adds nothing', async () => {
    services.api.failNext(busy('1'), busy('1'), busy('1'));
    const { update } = await mentionWithEdit('add hep-th/9901001');
    expect(sectionsOf(update)[0]).toMatch(
      /^:warning: \*hep-th\/9901001\*: arXiv did not answer; try again in 1 s\.$/,
    );
    expect(library.store.findPaper({ arxiv: 'hep-th/9901001' })).toBeUndefined();
  });

  it('refuses eleven references at once, to the asker alone, before asking arXiv', async () => {
    const before = services.api.requests.length;
    const refs = Array.from({ length: 11 }, (_, i) => `2401.${String(10_000 + i)}`);
    const { calls } = await mention(
      `add ${refs.join(' ')}`,
      'U0ALICE',
      (c) => ephemeralsTo(c, 'U0ALICE').length > 0,
    );
    expect(sectionsOf(ephemeralsTo(calls, 'U0ALICE')[0])).toEqual([
      ':warning: Add at most 10 papers at a time (11 were given).',
    ]);
    expect(calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(0);
    expect(services.api.requests.length).toBe(before);
  });

  it('shows a hostile title as text: no @channel, @here or stray mention', async () => {
    const { update } = await mentionWithEdit('add 2401.00042');
    const message = updatedMessage(update);
    expect(allText(message)).toContain('&lt;!channel&gt; Attention &lt;@U0ALICE&gt;');
    expect(allText(message)).not.toMatch(/<!|<@U0ALICE>\s*&/);
    expect(libraryViolations(message)).toEqual([]);
  });

  it('adds from a DM, in the DM', async () => {
    const event = directMessageEvent('add https://arxiv.org/abs/2408.11039');
    const before = h.api.calls.length;
    expect((await h.postJson(eventEnvelope(event))).status).toBe(200);
    await h.api.waitFor((calls) =>
      calls.slice(before).some((c) => c.method === 'chat.update' && c.body.channel === 'D0ALICE'),
    );
    const calls = h.api.calls.slice(before);
    const posts = calls.filter((c) => c.method === 'chat.postMessage');
    expect(posts.map((c) => [c.body.channel, c.body.thread_ts])).toEqual([['D0ALICE', undefined]]);
    const update = calls.find((c) => c.method === 'chat.update');
    // 2408.11039 is one of the corpus files: already there, and nothing was added.
    expect(sectionsOf(update)[0]).toBe(':information_source: *Already in the library*');
    expect(contextsOf(update)).toContain('From the corpus files');
    expect(library.store.findPaper({ arxiv: '2408.11039' })).toBeUndefined();
  });

  it('answers `/shammie add` through the response URL: Fetching…, then replaced by the card', async () => {
    const form = slashCommandForm('add 2101.00001', h.api.responseUrl('lib-1'));
    expect((await h.postForm(form)).status).toBe(200);
    await h.api.waitFor((calls) => calls.filter((c) => c.responseId === 'lib-1').length >= 2);
    const [placeholder, result] = h.api.calls.filter((c) => c.responseId === 'lib-1');
    expect(placeholder?.body).toMatchObject({ response_type: 'in_channel' });
    expect(sectionsOf(placeholder)).toEqual([
      ':hourglass_flowing_sand: Fetching 2101.00001 from arXiv…',
    ]);
    expect(result?.body).toMatchObject({ response_type: 'in_channel', replace_original: true });
    // The sample 2101.00001 is withdrawn: a clear answer, nothing added.
    expect(sectionsOf(result)[0]).toMatch(/^:warning: \*2101\.00001\*: .*withdrawn/);
    expect(library.store.findPaper({ arxiv: '2101.00001' })).toBeUndefined();
  });

  it('answers `/shammie remove` from a non-admin privately', async () => {
    const form = slashCommandForm('remove 2305.11206', h.api.responseUrl('lib-2'));
    expect((await h.postForm(form)).status).toBe(200);
    await h.api.waitFor((calls) => calls.some((c) => c.responseId === 'lib-2'));
    const responses = h.api.calls.filter((c) => c.responseId === 'lib-2');
    expect(responses).toHaveLength(1);
    expect(responses[0]?.body.response_type).toBe('ephemeral');
    expect(sectionsOf(responses[0])[0]).toContain('Only admins');
  });
});

describe('library commands on a bot started without a library', () => {
  let bare: SlackHarness;
  beforeAll(async () => {
    bare = await startHarness({ engine });
  });
  afterAll(async () => {
    await bare?.close();
  });

  it('tells the asker the library is fixed here, and posts nothing in the thread', async () => {
    for (const text of ['add 2305.11206', 'remove 2305.11206', 'library']) {
      const event = mentionEvent(text);
      const before = bare.api.calls.length;
      expect((await bare.postJson(eventEnvelope(event))).status).toBe(200);
      await bare.api.waitFor((calls) =>
        calls.slice(before).some((c) => c.method === 'chat.postEphemeral'),
      );
      const [notice] = bare.api.calls
        .slice(before)
        .filter((c) => c.method === 'chat.postEphemeral');
      expect(sectionsOf(notice)[0]).toBe(
        ':information_source: Adding and removing papers is not set up on this bot; the papers it has are the ones it was started with.',
      );
    }
    await bare.barrier();
    expect(bare.api.callsTo('chat.postMessage').filter((c) => c.body.thread_ts)).toHaveLength(1);
  });
});
