import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeArxivOai } from '../adapters/sources/fakes/fake-arxiv-oai.ts';
import {
  type FakeArxivRss,
  rssFeed,
  startFakeArxivRss,
} from '../adapters/sources/fakes/fake-arxiv-rss.ts';
import { fakeClock } from '../adapters/sources/fakes/fake-clock.ts';
import { announced, pubDate } from '../adapters/watch/watch-world.ts';
import { lines, shammie } from './run-shammie.ts';

/** Today's (1 Jan 2025) announcement: one paper like the bundled library, one matching "diffusion". */
const TODAY = [
  announced(1),
  announced(2, {
    title: 'Instruction tuning with a thousand examples',
    abstract:
      'We align a large language model with supervised fine-tuning on a thousand carefully curated instruction examples, without reinforcement learning from human feedback.',
  }),
  announced(3, { title: 'Diffusion for text', abstract: 'A diffusion model writes text.' }),
];

/**
 * arXiv's three-second spacing, shared by every client in the process, waited on a clock of
 * each run's own: otherwise every test after the first waits three real seconds for the last.
 */
const io = () => ({ sources: { queue: fakeClock().queue } });

let rss: FakeArxivRss;
beforeEach(async () => {
  rss = await startFakeArxivRss({
    'cs.CL': rssFeed(
      'cs.CL',
      TODAY.map((paper) => ({ paper, announceType: 'new' })),
      pubDate('2025-01-01'),
    ),
  });
});
afterEach(async () => {
  await rss.close();
});

describe('shammie watch preview', () => {
  it("ranks today's announcement with the library as profile, and says why", async () => {
    const run = await shammie(
      ['watch', 'preview', '--category', 'cs.CL', '--keywords', 'diffusion'],
      {
        io: io(),
        env: { ARXIV_RSS_URL: rss.rssUrl },
      },
    );
    expect(run.status, run.stderr).toBe(0);
    const out = lines(run.stdout);
    expect(out[0]).toBe('cs.CL · 2025-01-01 — 3 announced, best first:');
    expect(out.join('\n')).toMatch(/why: .*diffusion/);
    expect(rss.requests.map((r) => r.path)).toEqual(['/rss/cs.CL']);
  });

  it('prints [{arxiv, title, score, why}] best first with --json', async () => {
    const run = await shammie(['watch', 'preview', '--category', 'cs.CL', '--json'], {
      io: io(),
      env: { ARXIV_RSS_URL: rss.rssUrl },
    });
    expect(run.status, run.stderr).toBe(0);
    const rows = JSON.parse(run.stdout) as Array<{
      arxiv: string;
      title: string;
      score: number;
      why: string;
    }>;
    expect(rows).toHaveLength(3);
    expect(Object.keys(rows[0]!).sort()).toEqual(['arxiv', 'score', 'title', 'why']);
    // No keywords: papers like the bundled library (LIMA, Transfusion) come before one on proteins.
    expect(rows.at(-1)!.arxiv).toBe('2412.0001');
    expect(rows[0]!.why).toMatch(/close to your/);
    expect(rows[0]!.score).toBeGreaterThanOrEqual(rows[1]!.score);
  });

  it("ranks a past day's new papers from OAI-PMH", async () => {
    const oai = await startFakeArxivOai([
      {
        paper: announced(7, { title: 'Diffusion again', published: '2024-12-30T10:00:00Z' }),
        datestamp: '2024-12-31',
        setSpec: 'cs',
      },
      {
        paper: announced(8, { title: 'An old paper, replaced', published: '2020-01-01T10:00:00Z' }),
        datestamp: '2024-12-31',
        setSpec: 'cs',
      },
    ]);
    try {
      const run = await shammie(
        ['watch', 'preview', '--category', 'cs.CL', '--date', '2024-12-31', '--json'],
        { io: io(), env: { ARXIV_OAI_URL: oai.oaiUrl } },
      );
      expect(run.status, run.stderr).toBe(0);
      expect((JSON.parse(run.stdout) as Array<{ title: string }>).map((r) => r.title)).toEqual([
        'Diffusion again',
      ]);
    } finally {
      await oai.close();
    }
  });

  it('answers an unknown category with the closest names, exit 1', async () => {
    const run = await shammie(['watch', 'preview', '--category', 'cs.CLL'], {
      io: io(),
      env: { ARXIV_RSS_URL: rss.rssUrl },
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/"cs.CLL" is not an arXiv category. Did you mean cs.CL/);
    expect(rss.requests).toHaveLength(0);
  });
});

describe('watch in shammie chat', () => {
  it('checks a watch and previews today, and says watches live in channels', async () => {
    const run = await shammie(['chat'], {
      io: io(),
      env: { ARXIV_RSS_URL: rss.rssUrl },
      input: 'watch add cs.CLL diffusion\nwatch add cs.CL diffusion count:1\nwatch list\n',
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/"cs.CLL" is not an arXiv category. Did you mean cs.CL/);
    expect(run.stdout).toMatch(/A valid watch: cs.CL diffusion count:1\. Nothing is posted/);
    expect(run.stdout).toMatch(/cs.CL · 2025-01-01 — 1 of 3 announced\n1\. Diffusion for text/);
    expect(run.stdout).toMatch(/Watches post to Discord and Slack channels/);
    expect(rss.requests).toHaveLength(1);
  });
});
