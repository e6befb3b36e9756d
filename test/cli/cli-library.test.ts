import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FakeArxivApi, startFakeArxivApi } from '../adapters/sources/fakes/fake-arxiv-api.ts';
import {
  crossrefWork,
  type FakeScholarly,
  openAlexWork,
  startFakeCrossref,
  startFakeOpenAlex,
} from '../adapters/sources/fakes/fake-scholarly.ts';
import { SAMPLE_PAPERS } from '../adapters/sources/fakes/sample-papers.ts';
import { lines, shammie } from './run-shammie.ts';

const SERVING = '10.1145/3600006.3613165';
/** The bundled corpus holds ten papers. */
const BUNDLED = 10;

let api: FakeArxivApi;
let crossref: FakeScholarly;
let openalex: FakeScholarly;
beforeAll(async () => {
  api = await startFakeArxivApi(SAMPLE_PAPERS);
  crossref = await startFakeCrossref({ [SERVING]: crossrefWork() });
  openalex = await startFakeOpenAlex({ [SERVING]: openAlexWork() });
});
afterAll(async () => {
  await Promise.all([api, crossref, openalex].map((fake) => fake.close()));
});

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh data directory, and `shammie` run with it and the fakes' bases. */
function setUp() {
  const dataDir = mkdtempSync(join(tmpdir(), 'shammie-cli-library-'));
  dirs.push(dataDir);
  const env = {
    SHAMMIE_DATA_DIR: dataDir,
    ARXIV_API_URL: api.apiUrl,
    CROSSREF_API_URL: crossref.apiUrl,
    OPENALEX_API_URL: openalex.apiUrl,
    USER: 'tester',
  };
  return { dataDir, run: (args: string[]) => shammie(args, { env }) };
}

const jsonLines = (text: string) => lines(text).map((line) => JSON.parse(line));

describe('shammie export', () => {
  it('writes the corpus files as JSON Lines and creates nothing when there is no library', async () => {
    const { dataDir, run } = setUp();
    const { status, stdout, stderr } = await run(['export', '--format', 'jsonl']);
    expect(status).toBe(0);
    expect(stderr).toBe('');
    const papers = jsonLines(stdout);
    expect(papers).toHaveLength(BUNDLED);
    expect(papers.every((p) => p.source === 'file')).toBe(true);
    expect(papers.find((p) => p.arxiv === '2305.11206')).toMatchObject({
      title: 'LIMA: Less Is More for Alignment',
    });
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('writes BibTeX to --out and says how many papers it wrote, as text or JSON', async () => {
    const { dataDir, run } = setUp();
    const out = join(dataDir, 'all.bib');
    const text = await run(['export', '--format', 'bibtex', '--out', out]);
    expect(text.status).toBe(0);
    expect(text.stdout).toBe(
      `Wrote ${BUNDLED} papers to ${out} (${BUNDLED} from the corpus files, 0 from the library).\n`,
    );
    expect(readFileSync(out, 'utf8').match(/^@\w+\{/gm)).toHaveLength(BUNDLED);
    const json = await run(['--json', 'export', '--format', 'BibTeX', '--out', out]);
    expect(JSON.parse(json.stdout)).toMatchObject({ out, files: BUNDLED, library: 0 });
    expect(readdirSync(dataDir)).toEqual(['all.bib']);
  });

  it('refuses an unknown format with one line and writes nothing', async () => {
    const { run } = setUp();
    const { status, stdout, stderr } = await run(['export', '--format', 'xml']);
    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(lines(stderr)).toEqual(['shammie: Export formats: jsonl, bibtex.']);
  });

  it('says why when --out cannot be written, leaving no partial file', async () => {
    const { dataDir, run } = setUp();
    const out = join(dataDir, 'missing', 'all.jsonl');
    const { status, stderr } = await run(['export', '--out', out]);
    expect(status).toBe(1);
    expect(lines(stderr)).toHaveLength(1);
    expect(stderr).toMatch(/^shammie: cannot write .*all\.jsonl: ENOENT/);
    expect(existsSync(join(dataDir, 'missing'))).toBe(false);
  });
});

describe('shammie library', () => {
  it('counts the corpus files and an empty library, with how to export', async () => {
    const { dataDir, run } = setUp();
    const { status, stdout } = await run(['library']);
    expect(status).toBe(0);
    expect(stdout).toContain(
      `${BUNDLED} papers: ${BUNDLED} from the corpus files, 0 added to the library`,
    );
    expect(stdout).toContain('Export everything: shammie export --format jsonl|bibtex');
    const json = JSON.parse((await run(['library', '--json'])).stdout);
    expect(json).toMatchObject({ total: BUNDLED, files: BUNDLED, library: 0, recent: [] });
    expect(readdirSync(dataDir)).toEqual([]);
  });
});

describe('shammie add and remove', () => {
  it('adds from arXiv, finds a corpus paper already there, and exits 1 for the refs it could not add', async () => {
    const { run } = setUp();
    const { status, stdout, stderr } = await run([
      'add',
      'https://arxiv.org/abs/hep-th/9901001v3',
      '2408.11039',
      '2305.11206v2',
      '2401.99999',
      'not-an-id',
    ]);
    expect(lines(stdout)).toEqual([
      'added: hep-th/9901001  Strings on a Lattice',
      expect.stringMatching(/^already: 2408\.11039 {2}Transfusion: .* — Already in the library\.$/),
      'already: 2305.11206  LIMA: Less Is More for Alignment — Already in the library.',
      'not-found: 2401.99999 — arXiv has no paper 2401.99999; check the id.',
      expect.stringMatching(/^failed: not-an-id — That is not an arXiv id or URL, or a DOI/),
    ]);
    expect(status).toBe(1);
    expect(lines(stderr)).toEqual(['shammie: 2 of 5 references were not added']);
    // One batched request to arXiv: the corpus papers were found without asking.
    expect(api.requests).toHaveLength(1);

    const library = await run(['library']);
    expect(library.stdout).toContain('11 papers: 10 from the corpus files, 1 added to the library');
    expect(library.stdout).toMatch(
      /hep-th\/9901001 {2}Strings on a Lattice — 2025-01-01 by tester \(cli\)/,
    );
    const exported = jsonLines((await run(['export'])).stdout);
    expect(exported).toHaveLength(BUNDLED + 1);
    expect(exported.at(-1)).toMatchObject({ arxiv: 'hep-th/9901001', source: 'library' });
  });

  it('adds a DOI with --json, removes it, and adding it again undoes the removal', async () => {
    const { run } = setUp();
    const added = await run(['add', `https://doi.org/${SERVING}`, '--json']);
    expect(added.status).toBe(0);
    expect(JSON.parse(added.stdout)).toEqual([
      {
        ref: `https://doi.org/${SERVING}`,
        status: 'added',
        id: expect.any(String),
        doi: SERVING,
        title: 'Serving Small Models Quickly on Shared Accelerators',
      },
    ]);

    const removed = await run(['remove', SERVING]);
    expect(removed.status).toBe(0);
    expect(lines(removed.stdout)).toEqual([
      expect.stringMatching(/^removed: .* {2}Serving Small Models Quickly on Shared Accelerators$/),
      'Removed from the library; add it again to undo.',
    ]);
    const again = await run(['remove', SERVING, '--json']);
    expect(JSON.parse(again.stdout)).toMatchObject({ status: 'already-removed', doi: SERVING });
    expect(jsonLines((await run(['export'])).stdout)).toHaveLength(BUNDLED);
    expect(JSON.parse((await run(['library', '--json'])).stdout)).toMatchObject({
      library: 0,
      removed: 1,
    });

    const back = await run(['add', SERVING, '--json']);
    expect(back.status).toBe(0);
    expect(JSON.parse(back.stdout)[0]).toMatchObject({
      status: 'added',
      message: 'It had been removed; it is back in the library.',
    });
    expect(jsonLines((await run(['export'])).stdout)).toHaveLength(BUNDLED + 1);
  });

  it('searches what was added and not what was removed, a corpus file paper too', async () => {
    const { run } = setUp();
    const ids = async (query: string) => {
      const { status, stdout } = await run(['search', query, '--json']);
      expect(status).toBe(0);
      return (JSON.parse(stdout) as { hits: Array<{ paper: { id: string } }> }).hits.map(
        (hit) => hit.paper.id,
      );
    };
    expect(await ids('Strings on a Lattice')).not.toContain('hep-th/9901001');
    expect((await run(['add', 'hep-th/9901001'])).status).toBe(0);
    expect((await ids('Strings on a Lattice'))[0]).toBe('hep-th/9901001');
    expect((await run(['paper', 'hep-th/9901001'])).stdout).toContain('A short note on strings.');

    expect((await run(['remove', 'hep-th/9901001'])).status).toBe(0);
    expect(await ids('Strings on a Lattice')).not.toContain('hep-th/9901001');
    expect((await run(['remove', 'arXiv:2305.11206'])).status).toBe(0);
    expect(await ids('Less Is More for Alignment')).not.toContain('2305.11206');
    // Added back from the corpus files, without asking arXiv.
    const asked = api.requests.length;
    const back = await run(['add', '2305.11206', '--json']);
    expect(JSON.parse(back.stdout)[0]).toMatchObject({ status: 'added' });
    expect(api.requests).toHaveLength(asked);
    expect((await ids('Less Is More for Alignment'))[0]).toBe('2305.11206');
  });

  it('hides a corpus file paper from the export', async () => {
    const { run } = setUp();
    const removed = await run(['remove', 'arXiv:2305.11206', '--json']);
    expect(removed.status).toBe(0);
    expect(JSON.parse(removed.stdout)).toMatchObject({ status: 'removed', arxiv: '2305.11206' });
    const exported = jsonLines((await run(['export'])).stdout);
    expect(exported).toHaveLength(BUNDLED - 1);
    expect(exported.some((p) => p.arxiv === '2305.11206')).toBe(false);
  });

  it('answers bad input with one line and exit 1', async () => {
    const { run } = setUp();
    const none = await run(['add']);
    expect(none.status).toBe(1);
    expect(lines(none.stderr)).toEqual([
      expect.stringMatching(/^shammie: missing required argument/),
    ]);
    const unknown = await run(['remove', 'no such paper']);
    expect(unknown.status).toBe(1);
    expect(unknown.stdout).toBe('');
    expect(lines(unknown.stderr)).toEqual([
      'shammie: No paper in the library has that id, arXiv id or DOI.',
    ]);
    const badBase = await shammie(['add', '2408.11039'], {
      env: { SHAMMIE_DATA_DIR: setUp().dataDir, ARXIV_API_URL: 'not a url' },
    });
    expect(badBase.status).toBe(1);
    expect(lines(badBase.stderr)).toEqual(['shammie: ARXIV_API_URL must be an http(s) URL']);
  });
});
