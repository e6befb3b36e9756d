import { EventEmitter } from 'node:events';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../adapters/cli/cli-context.ts';
import { createImportBar } from '../../adapters/cli/import-report.ts';
import { createHostQueue } from '../../adapters/sources/host-queue.ts';
import { startServices, type TestServices } from '../adapters/library/helpers.ts';
import type { OaiItem } from '../adapters/sources/fakes/fake-arxiv-oai.ts';
import { type SamplePaper, samplePaper } from '../adapters/sources/fakes/sample-papers.ts';
import { lines, shammie } from './run-shammie.ts';

/** The bundled corpus holds ten papers. */
const BUNDLED = 10;

function clPaper(n: number, overrides: Partial<SamplePaper> = {}): SamplePaper {
  return samplePaper({
    arxiv: `2401.${String(n).padStart(5, '0')}`,
    version: 1,
    title: `Lattice Parsing, Part ${n}`,
    abstract: `Lattice parsing study number ${n}. We parse lattices of words.`,
    authors: ['Ada Quill'],
    published: '2024-01-02T10:00:00Z',
    updated: '2024-01-02T10:00:00Z',
    categories: ['cs.CL'],
    comment: undefined,
    ...overrides,
  });
}

const CL_PAPERS = [1, 2, 3, 4, 5, 6, 7].map((n) => clPaper(n));
/** Ten records in five pages of two: seven cs.CL papers, one cs.CV, one withdrawn, one deleted. */
const ITEMS: OaiItem[] = [
  ...CL_PAPERS.slice(0, 3).map((paper) => ({ paper, datestamp: '2024-01-03', setSpec: 'cs' })),
  { paper: clPaper(8, { categories: ['cs.CV'] }), datestamp: '2024-01-03', setSpec: 'cs' },
  {
    paper: clPaper(9, { comment: 'This paper has been withdrawn' }),
    datestamp: '2024-01-04',
    setSpec: 'cs',
  },
  { paper: clPaper(10), datestamp: '2024-01-04', setSpec: 'cs', deleted: true },
  ...CL_PAPERS.slice(3).map((paper) => ({ paper, datestamp: '2024-01-05', setSpec: 'cs' })),
];
const HARVEST = ['import', 'arxiv', '--category', 'cs.CL', '--from', '2024-01-01'];

let services: TestServices;
beforeAll(async () => {
  services = await startServices({ papers: CL_PAPERS, oaiItems: ITEMS, oaiPageSize: 2 });
});
afterAll(() => services.close());

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/**
 * The service clients' settings for a run: arXiv's spacing is waited on a fake clock, so it
 * costs no time; `onWait(n)` is told of the n-th wait, which comes before every page but the
 * first (the moment to make the next page fail, or to press Ctrl-C), and may make it longer.
 */
function clients(onWait: (n: number) => Promise<void> | void = () => {}): CliIo['sources'] {
  let time = Date.UTC(2024, 0, 15, 12);
  let waits = 0;
  const now = () => time;
  const sleep = async (ms: number) => {
    waits += 1;
    await onWait(waits);
    time += ms;
  };
  return {
    queue: createHostQueue({ now, sleep }),
    now,
    timeoutMs: 2_000,
    retries: 1,
    backoffMs: 10,
    random: () => 0.5,
  };
}

/** A fresh data directory, and `shammie` run with it and the fakes' bases. */
function setUp() {
  const dataDir = mkdtempSync(join(tmpdir(), 'shammie-cli-import-'));
  dirs.push(dataDir);
  const env = {
    SHAMMIE_DATA_DIR: dataDir,
    ARXIV_API_URL: services.api.apiUrl,
    ARXIV_OAI_URL: services.oai.oaiUrl,
    USER: 'tester',
  };
  const run = (args: string[], io: Pick<CliIo, 'sources' | 'signals'> = {}) =>
    shammie(args, { env, io: { sources: clients(), ...io } });
  /** The arXiv ids of the library's papers, as exported. */
  const libraryIds = async (): Promise<string[]> =>
    lines((await run(['export'])).stdout)
      .map((line) => JSON.parse(line) as { arxiv?: string; source: string })
      .filter((paper) => paper.source === 'library')
      .map((paper) => paper.arxiv ?? '');
  return { dataDir, run, libraryIds };
}

const CL_IDS = CL_PAPERS.map((paper) => paper.arxiv);

describe('shammie import arxiv --query', () => {
  it('imports the results of an arXiv search, and adds only what is missing when run again', async () => {
    const { run, libraryIds } = setUp();
    const first = await run(['import', 'arxiv', '--query', 'lattice parsing', '--max', '3']);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toBe(
      'Imported the arXiv search “lattice parsing”: 3 records read, 3 papers added, 0 already in the library, 0 skipped as withdrawn or without an abstract.\n',
    );
    const second = await run(['import', 'arxiv', '--query', 'lattice parsing', '--json']);
    expect(second.status).toBe(0);
    expect(JSON.parse(second.stdout)).toEqual({
      source: 'arxiv',
      query: 'lattice parsing',
      max: 50,
      harvested: 7,
      total: 7,
      added: 4,
      already: 3,
      skipped: 0,
      resumed: false,
      restarts: 0,
      done: true,
    });
    expect((await libraryIds()).sort()).toEqual(CL_IDS);
    const library = JSON.parse((await run(['library', '--json'])).stdout);
    expect(library).toMatchObject({ total: BUNDLED + 7, bySource: { import: 7 } });
  });

  it('says arXiv did not answer, with nothing to keep, when the first request fails', async () => {
    const { run, libraryIds } = setUp();
    services.api.failNext({ status: 500, body: 'down' });
    const { status, stdout, stderr } = await run(['import', 'arxiv', '--query', 'lattice']);
    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(lines(stderr)).toEqual(['shammie: arXiv did not answer; try again later.']);
    expect(await libraryIds()).toEqual([]);
  });
});

describe('shammie import arxiv --category', () => {
  it("harvests a category's pages, leaving out other categories, withdrawn and deleted records", async () => {
    const { run, libraryIds } = setUp();
    const start = services.oai.requests.length;
    const { status, stdout, stderr } = await run([
      'import',
      'arxiv',
      '--category',
      'cs.cl',
      '--from',
      '2024-01-01',
    ]);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout).toBe(
      'Imported cs.CL from 2024-01-01: 10 records read, 7 papers added, 0 already in the library, 1 skipped as withdrawn or without an abstract.\n',
    );
    expect(services.oai.requests.length - start).toBe(5);
    expect((await libraryIds()).sort()).toEqual(CL_IDS);
  });

  it('prints the report as JSON with --json', async () => {
    const { run } = setUp();
    const { status, stdout } = await run([...HARVEST, '--until', '2024-01-04', '--json']);
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      source: 'arxiv',
      category: 'cs.CL',
      from: '2024-01-01',
      until: '2024-01-04',
      harvested: 6,
      total: 6,
      added: 3,
      already: 0,
      skipped: 1,
      resumed: false,
      restarts: 0,
      done: true,
    });
  });

  it('keeps the pages stored when arXiv fails mid-way, and resumes from its position without adding a paper twice', async () => {
    const { run, libraryIds } = setUp();
    // The third page fails.
    const failing = clients((wait) => {
      if (wait === 2) services.oai.failNext({ status: 500, body: 'down' });
    });
    const failed = await run([...HARVEST, '--json'], { sources: failing });
    expect(failed.status).toBe(1);
    expect(lines(failed.stderr)).toEqual([
      'shammie: arXiv did not answer; try again later. Kept: 4 records read, 3 papers added, 0 already in the library, 0 skipped as withdrawn or without an abstract. Run the same command again to resume.',
    ]);
    expect(JSON.parse(failed.stdout)).toMatchObject({ harvested: 4, added: 3, done: false });
    expect(await libraryIds()).toEqual(CL_IDS.slice(0, 3));

    const start = services.oai.requests.length;
    const resumed = await run(HARVEST);
    expect(lines(resumed.stderr)).toEqual([
      'shammie: resuming the import of cs.CL from 2024-01-01 (4 harvested so far)',
    ]);
    expect(resumed.status).toBe(0);
    expect(resumed.stdout).toBe(
      'Imported cs.CL from 2024-01-01: 10 records read, 4 papers added, 0 already in the library, 1 skipped as withdrawn or without an abstract.\n',
    );
    // It went on from the stored token: three pages, not five.
    const asked = services.oai.requests.slice(start);
    expect(asked).toHaveLength(3);
    expect(asked[0]?.query.get('resumptionToken')).toBeTruthy();
    expect((await libraryIds()).sort()).toEqual(CL_IDS);
  });

  it('starts over, saying so, when arXiv no longer accepts the stored position', async () => {
    const { run, libraryIds } = setUp();
    const failing = clients((wait) => {
      if (wait === 2) services.oai.failNext({ status: 500, body: 'down' });
    });
    expect((await run(HARVEST, { sources: failing })).status).toBe(1);
    services.oai.expireTokens();
    const { status, stdout, stderr } = await run([...HARVEST, '--json']);
    expect(lines(stderr)).toEqual([
      'shammie: resuming the import of cs.CL from 2024-01-01 (4 harvested so far)',
      'shammie: arXiv no longer accepts the saved harvest position; starting again from 2024-01-01 (papers already added are not added twice).',
    ]);
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      harvested: 10,
      added: 4,
      already: 3,
      resumed: true,
      restarts: 1,
      done: true,
    });
    expect((await libraryIds()).sort()).toEqual(CL_IDS);
  });

  it('stops at Ctrl-C with status 130, keeping the pages stored, and the next run resumes', async () => {
    const { run, libraryIds } = setUp();
    const signals = new EventEmitter();
    // Ctrl-C while the import waits its turn for the second page, a wait that would not end
    // for a long time (a long Retry-After): the command stops at once all the same.
    const pressed = clients((wait) => {
      if (wait !== 1) return;
      signals.emit('SIGINT');
      return new Promise<void>(() => {});
    });
    const start = services.oai.requests.length;
    const stopped = await run(HARVEST, { sources: pressed, signals });
    expect(stopped.status).toBe(130);
    expect(stopped.stdout).toBe('');
    expect(lines(stopped.stderr)).toEqual([
      'shammie: interrupted. Kept: 2 records read, 2 papers added, 0 already in the library, 0 skipped as withdrawn or without an abstract. Run the same command again to resume.',
    ]);
    expect(signals.listenerCount('SIGINT')).toBe(0);
    expect(services.oai.requests.length - start).toBe(1);
    expect(await libraryIds()).toEqual(CL_IDS.slice(0, 2));

    const resumed = await run([...HARVEST, '--json']);
    expect(resumed.status).toBe(0);
    expect(lines(resumed.stderr)).toEqual([
      'shammie: resuming the import of cs.CL from 2024-01-01 (2 harvested so far)',
    ]);
    expect(JSON.parse(resumed.stdout)).toMatchObject({ harvested: 10, added: 5, resumed: true });
    expect((await libraryIds()).sort()).toEqual(CL_IDS);
  });
});

describe('shammie import arxiv with bad options', () => {
  it.each([
    [
      [],
      'say what to import: --query "au:Levy_O AND cat:cs.CL" or --category cs.CL --from YYYY-MM-DD.',
    ],
    [
      ['--query', 'lattice', '--category', 'cs.CL'],
      '--query and --category cannot be used together: import one at a time.',
    ],
    [
      ['--category', 'cs.CLL', '--from', '2024-01-01'],
      '"cs.CLL" is not an arXiv category; did you mean cs.CL, cs.CC or cs.CE?',
    ],
    [
      ['--category', 'zzzzzz', '--from', '2024-01-01'],
      '"zzzzzz" is not an arXiv category; write it like cs.CL, hep-th or math.',
    ],
    [
      ['--category', 'cs.CL'],
      '--category needs --from YYYY-MM-DD, the first day of cs.CL to import.',
    ],
    [['--category', 'cs.CL', '--from', '1 Nov 2026'], '--from must be a date written YYYY-MM-DD.'],
    [['--category', 'cs.CL', '--from', '2024-02-30'], '--from must be a date written YYYY-MM-DD.'],
    [
      ['--category', 'cs.CL', '--from', '2024-03-01', '--until', '2024-02-01'],
      '--from must not be after --until.',
    ],
    [
      ['--category', 'cs.CL', '--from', '2024-01-01', '--max', '5'],
      '--max goes with --query (a harvest has dates).',
    ],
    [
      ['--query', 'lattice', '--from', '2024-01-01'],
      '--from and --until go with --category (a search has no dates).',
    ],
    [['--query', '  '], '--query is empty: give arXiv search words.'],
    ...['0', '-3', '1.5', 'ten', '30001'].map((max): [string[], string] => [
      ['--query', 'lattice', '--max', max],
      "--max must be a whole number from 1 to 30,000 (arXiv's limit).",
    ]),
  ])('answers %j with one line and exit 1, touching nothing', async (args, message) => {
    const { dataDir, run } = setUp();
    const start = services.oai.requests.length + services.api.requests.length;
    const { status, stdout, stderr } = await run(['import', 'arxiv', ...args]);
    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(lines(stderr)).toEqual([`shammie: ${message}`]);
    expect(readdirSync(dataDir)).toEqual([]);
    expect(services.oai.requests.length + services.api.requests.length).toBe(start);
  });
});

describe('the import bar', () => {
  function recording(isTTY: boolean) {
    let written = '';
    const stream = new Writable({
      write(chunk, _encoding, done) {
        written += String(chunk);
        done();
      },
    });
    return { stream: Object.assign(stream, { isTTY, columns: 120 }), written: () => written };
  }
  const progress = { harvested: 4_000, total: 10_000, added: 3_000, already: 10, skipped: 2 };

  it('shows records read, papers added, the rate and the time left on a terminal, then clears itself', () => {
    const terminal = recording(true);
    let now = 0;
    // A resumed harvest that had read 2,000 records reads 2,000 more in two seconds.
    const bar = createImportBar(terminal.stream, () => now, 2_000);
    now = 2_000;
    bar.update(progress);
    expect(terminal.written()).toContain(
      '4000/10000 records | 3000 added | 1000 records/s | 6 s left',
    );
    bar.stop();
    expect(terminal.written().endsWith('\x1b[2K')).toBe(true);
  });

  it('draws nothing when stderr is not a terminal', () => {
    const pipe = recording(false);
    const bar = createImportBar(pipe.stream, () => 0);
    bar.update(progress);
    bar.stop();
    expect(pipe.written()).toBe('');
  });
});
