import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NO_ABSTRACT } from '../../../adapters/watch/watch-post.ts';
import { busy } from '../sources/fakes/fake-service.ts';
import {
  announced,
  CHANNEL,
  PostError,
  startWatchWorld,
  USER,
  type WatchWorld,
} from './watch-world.ts';

/** Three papers on long context among others on proteins. */
function mondayPapers() {
  return [
    announced(1),
    announced(2, {
      title: 'Stretching long context windows',
      abstract: 'We extend the long context of language models to a million tokens.',
    }),
    announced(3),
    announced(4, {
      title: 'Long context retrieval',
      abstract: 'Retrieval helps long context models answer questions.',
    }),
    announced(5, {
      title: 'Memory for long context',
      abstract: 'A memory makes long context cheaper.',
    }),
  ];
}

let world: WatchWorld;
beforeEach(async () => {
  // Sunday 1 Dec 2024, noon UTC.
  world = await startWatchWorld('2024-12-01T12:00:00Z');
});
afterEach(async () => {
  await world.close();
});

async function addWatch(text: string) {
  const p = world.openProcess();
  const answer = await p.service.commands.add({ channel: CHANNEL, user: USER, text });
  expect(answer.ok, answer.text).toBe(true);
  await p.close();
}

describe('the watch morning run', () => {
  it('posts once per local date across a restart and two processes, with heading, TL;DRs and why', async () => {
    await addWatch('cs.CL "long context" count:2 at 08:00 Europe/Paris');
    world.announce('cs.CL', '2024-12-02', mondayPapers());
    const a = world.openProcess();
    const b = world.openProcess();
    world.clock.set('2024-12-02T06:59:00Z');
    expect((await a.runner.tick()).posted).toBe(0);
    world.clock.set('2024-12-02T07:00:00Z');
    const [ra, rb] = await Promise.all([a.runner.tick(), b.runner.tick()]);
    expect(ra.posted + rb.posted).toBe(1);
    expect(world.sent).toHaveLength(1);
    const view = world.sent[0]!.view;
    expect(view.heading).toBe('New in cs.CL · 2 Dec — 2 of 5 announced');
    expect(view.date).toBe('2024-12-02');
    expect(view.items.map((i) => i.card.title)).toEqual(
      expect.arrayContaining([expect.stringMatching(/long context/i)]),
    );
    expect(view.items[0]!.why).toMatch(/long context/);
    expect(view.items[0]!.tldr.length).toBeGreaterThan(0);
    // One fetch of the feed for the day per process at most (here two ticked at once), kept
    // in the database for the rest of the day: the restarted process does not fetch again.
    expect(world.rss.requests.length).toBeLessThanOrEqual(2);
    const fetched = world.rss.requests.length;

    // A restart (a new process on the same data) and later ticks the same day post nothing.
    await a.close();
    const c = world.openProcess();
    world.clock.set('2024-12-02T09:00:00Z');
    await c.runner.tick();
    await b.runner.tick();
    expect(world.sent).toHaveLength(1);
    expect(world.rss.requests).toHaveLength(fetched);

    // Tuesday: a new announcement; the paper not shown on Monday is still new, Monday's are not.
    world.announce('cs.CL', '2024-12-03', [
      ...mondayPapers(),
      announced(6, { title: 'Long context evaluation', abstract: 'We test long context.' }),
    ]);
    world.clock.set('2024-12-03T07:01:00Z');
    await c.runner.tick();
    expect(world.sent).toHaveLength(2);
    const shownMonday = view.items.map((i) => i.card.title);
    const tuesday = world.sent[1]!.view.items.map((i) => i.card.title);
    expect(tuesday).toHaveLength(2);
    for (const title of tuesday) expect(shownMonday).not.toContain(title);
  });

  it('posts at 08:00 local on each side of a DST change, once a day, and not on the weekend', async () => {
    // Thu 28 Mar 2024 to Tue 2 Apr 2024; Paris changes to summer time on Sun 31 Mar.
    world.clock.set('2024-03-27T12:00:00Z');
    await addWatch('cs.CL "long context" count:1 at 08:00 Europe/Paris');
    const p = world.openProcess();
    world.clock.set('2024-03-28T00:00:00Z');
    let n = 100;
    while (world.clock.now() < Date.parse('2024-04-02T12:00:00Z')) {
      const day = new Date(world.clock.now() + 4 * 3_600_000).toLocaleDateString('en-CA', {
        timeZone: 'America/New_York',
      });
      const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
      if (weekday >= 1 && weekday <= 5) {
        world.announce('cs.CL', day, [
          announced(n, { title: `Long context ${day}`, abstract: 'Long context again.' }),
        ]);
      } else {
        world.silence('cs.CL', day);
      }
      await p.runner.tick();
      world.clock.advance(15 * 60_000);
      n += 1;
    }
    const posted = world.sent.map((s) => new Date(s.at).toISOString());
    expect(posted).toEqual([
      '2024-03-28T07:00:00.000Z',
      '2024-03-29T07:00:00.000Z',
      '2024-04-01T06:00:00.000Z',
      '2024-04-02T06:00:00.000Z',
    ]);
  });

  it("posts nothing on a weekend or holiday (an empty feed), and never yesterday's papers again", async () => {
    await addWatch('cs.CL "long context" count:1 at 08:00 Europe/Paris');
    const p = world.openProcess();
    world.announce('cs.CL', '2024-12-02', mondayPapers());
    world.clock.set('2024-12-02T07:00:00Z');
    await p.runner.tick();
    expect(world.sent).toHaveLength(1);
    // Tuesday: the feed still serves Monday's announcement all day (late, or a holiday).
    for (let h = 7; h < 23; h += 1) {
      world.clock.set(`2024-12-03T${String(h).padStart(2, '0')}:00:00Z`);
      await p.runner.tick();
    }
    expect(world.sent).toHaveLength(1);
    // It was fetched again a few times on the day arXiv should announce, not every minute.
    expect(world.rss.requests.length).toBeGreaterThan(1);
    expect(world.rss.requests.length).toBeLessThanOrEqual(6);
    // Saturday: an empty feed.
    world.silence('cs.CL', '2024-12-07');
    world.clock.set('2024-12-07T07:00:00Z');
    const report = await p.runner.tick();
    expect(report.none).toBe(1);
    expect(world.sent).toHaveLength(1);
  });

  it('posts an announcement late in the day when the feed catches up, once', async () => {
    await addWatch('cs.CL "long context" count:1 at 08:00 Europe/Paris');
    const p = world.openProcess();
    world.announce('cs.CL', '2024-11-29', [announced(9)]);
    world.clock.set('2024-12-02T07:00:00Z');
    await p.runner.tick();
    expect(world.sent).toHaveLength(0);
    world.announce('cs.CL', '2024-12-02', mondayPapers());
    world.clock.set('2024-12-02T07:40:00Z');
    await p.runner.tick();
    world.clock.set('2024-12-02T09:00:00Z');
    await p.runner.tick();
    await p.runner.tick();
    expect(world.sent).toHaveLength(1);
    expect(world.sent[0]!.view.heading).toContain('2 Dec');
  });

  it('ranks a day of 2,000 announcements and posts the top few', async () => {
    await addWatch('cs.CL "long context" count:3 at 08:00 Europe/Paris');
    const papers = Array.from({ length: 2_000 }, (_, i) =>
      i % 400 === 7
        ? announced(i, { title: `Long context study ${i}`, abstract: 'Long context, measured.' })
        : announced(i),
    );
    world.announce('cs.CL', '2024-12-02', papers);
    const p = world.openProcess();
    world.clock.set('2024-12-02T07:00:00Z');
    await p.runner.tick();
    expect(world.sent).toHaveLength(1);
    expect(world.sent[0]!.view.heading).toBe('New in cs.CL · 2 Dec — 3 of 2000 announced');
  });

  it('leaves out replaced versions, and cross-lists when the watch says so', async () => {
    await addWatch('cs.CL "long context" count:5 crosslists:off at 08:00 Europe/Paris');
    world.announce('cs.CL', '2024-12-02', mondayPapers(), [
      'new',
      'replace',
      'new',
      'cross',
      'new',
    ]);
    const p = world.openProcess();
    world.clock.set('2024-12-02T07:00:00Z');
    await p.runner.tick();
    const titles = world.sent[0]!.view.items.map((i) => i.card.title);
    expect(titles).toEqual(['Memory for long context']);
    expect(world.sent[0]!.view.heading).toContain('1 of 3 announced');
  });

  it('posts a paper without an abstract with a note instead of a TL;DR', async () => {
    await addWatch('cs.CL author:"Ada Lovelace" at 08:00 Europe/Paris');
    world.announce('cs.CL', '2024-12-02', [
      announced(1, { abstract: '', authors: ['Ada Lovelace'], title: 'Engines' }),
    ]);
    const p = world.openProcess();
    world.clock.set('2024-12-02T07:00:00Z');
    await p.runner.tick();
    expect(world.sent[0]!.view.items[0]!.tldr).toBe(NO_ABSTRACT);
  });

  it('says so when nothing matched, or stays quiet when the watch asks', async () => {
    await addWatch('cs.CL "quantum gravity" at 08:00 Europe/Paris');
    await addWatch('cs.CL "string theory" quiet at 08:00 Europe/Paris');
    // Papers on proteins: no keyword matches, and nothing like the library (long context).
    world.announce('cs.CL', '2024-12-02', [announced(1), announced(3), announced(7)]);
    const p = world.openProcess();
    world.clock.set('2024-12-02T07:00:00Z');
    const report = await p.runner.tick();
    expect(report.quiet).toBe(1);
    expect(world.sent).toHaveLength(1);
    expect(world.sent[0]!.view.items).toEqual([]);
    expect(world.sent[0]!.view.emptyText).toMatch(/Nothing among the 3 papers/);
    await p.runner.tick();
    expect(world.sent).toHaveLength(1);
  });

  it('retries a feed that is down within the day, notes it in watch list, and never posts stale papers', async () => {
    await addWatch('cs.CL "long context" at 08:00 Europe/Paris');
    const p = world.openProcess();
    world.announce('cs.CL', '2024-12-02', mondayPapers());
    world.rss.failNext(busy('1'), { fault: 'drop' }, { status: 200, body: '<html>not a feed' });
    world.clock.set('2024-12-02T07:00:00Z');
    expect((await p.runner.tick()).feedDown).toBe(1);
    expect(world.rss.requests).toHaveLength(1);
    // Before the backoff passes: not fetched again.
    world.clock.set('2024-12-02T07:02:00Z');
    await p.runner.tick();
    expect(world.rss.requests).toHaveLength(1);
    const list = await p.service.commands.list(CHANNEL);
    expect(list.text).toMatch(/feed could not be read.*tried again today/);
    // Dropped, then malformed: still down, waits growing.
    world.clock.set('2024-12-02T07:05:00Z');
    await p.runner.tick();
    world.clock.set('2024-12-02T07:15:00Z');
    expect((await p.runner.tick()).feedDown).toBe(1);
    expect(world.rss.requests).toHaveLength(3);
    expect(world.sent).toHaveLength(0);
    // Back: posted, and the note is gone.
    world.clock.set('2024-12-02T07:35:00Z');
    await p.runner.tick();
    expect(world.sent).toHaveLength(1);
    expect((await p.service.commands.list(CHANNEL)).text).not.toMatch(/could not be read/);
  });

  it('isolates a failing channel: the others post, the failed one is retried later', async () => {
    const p0 = world.openProcess();
    for (const channelId of ['C1', 'C2', 'C3']) {
      await p0.service.commands.add({
        channel: { platform: 'slack', channelId },
        user: USER,
        text: 'cs.CL "long context" at 08:00 Europe/Paris',
      });
    }
    world.announce('cs.CL', '2024-12-02', mondayPapers());
    const p = world.openProcess((channel, attempt) =>
      channel === 'C2' && attempt <= 3 ? new PostError('rate limited', false) : 'ok',
    );
    world.clock.set('2024-12-02T07:00:00Z');
    const first = await p.runner.tick();
    expect(first.posted).toBe(2);
    expect(first.failed).toBe(1);
    world.clock.set('2024-12-02T07:10:00Z');
    await p.runner.tick();
    expect(world.sent.map((s) => s.channelId).sort()).toEqual(['C1', 'C2', 'C3']);
    expect(world.rss.requests).toHaveLength(1);
  });

  it('ranks by feedback from the next post on: Not for us pushes like papers down', async () => {
    // No keywords: ranked by likeness to the library (long context), then by feedback.
    await addWatch('cs.CL count:1 at 08:00 Europe/Paris');
    const p = world.openProcess();
    world.announce('cs.CL', '2024-12-02', [
      announced(1, {
        title: 'Long context attention for language models',
        abstract: 'Efficient attention over a long context for language models.',
      }),
    ]);
    world.clock.set('2024-12-02T07:00:00Z');
    await p.runner.tick();
    const first = world.sent[0]!.view.items[0]!;
    const arxiv = '2412.0001';
    expect(first.card.title).toMatch(/Long context attention/);
    const answer = await p.service.commands.feedback(CHANNEL, USER, arxiv, 'less');
    expect(answer.ok).toBe(true);
    const tuesday = [
      announced(2, {
        title: 'Long context attention for language models, again',
        abstract: 'Efficient attention over a long context for language models, once more.',
      }),
      announced(3, {
        title: 'Benchmarks for long text understanding',
        abstract: 'A zero-shot benchmark for understanding long texts with summarization.',
      }),
    ];
    world.announce('cs.CL', '2024-12-03', tuesday);
    world.clock.set('2024-12-03T06:00:00Z');
    const before = await p.service.posts.ranked(p.service.store.inChannel('slack', 'C1')[0]!);
    expect('ranked' in before && before.ranked[0]!.paper.title).toMatch(/Benchmarks/);
    // Without the feedback the first paper would lead: check against a channel with none.
    await p.service.commands.add({
      channel: { platform: 'slack', channelId: 'C9' },
      user: USER,
      text: 'cs.CL count:1 at 08:00 Europe/Paris',
    });
    const other = await p.service.posts.ranked(p.service.store.inChannel('slack', 'C9')[0]!);
    expect('ranked' in other && other.ranked[0]!.paper.title).toMatch(/again/);
  });

  it('posts to 1,000 watching channels in one run, fetching the feed once', async () => {
    const p0 = world.openProcess();
    for (let i = 0; i < 1_000; i += 1) {
      await p0.service.commands.add({
        channel: { platform: 'slack', channelId: `C${i}` },
        user: USER,
        text: 'cs.CL "long context" count:2 at 08:00 Europe/Paris',
      });
    }
    world.announce('cs.CL', '2024-12-02', mondayPapers());
    const p = world.openProcess();
    world.clock.set('2024-12-02T07:00:00Z');
    const report = await p.runner.tick();
    expect(report.posted).toBe(1_000);
    expect(new Set(world.sent.map((s) => s.channelId)).size).toBe(1_000);
    expect(world.rss.requests).toHaveLength(1);
  });
});
