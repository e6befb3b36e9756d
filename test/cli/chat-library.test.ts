import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeArxivApi, startFakeArxivApi } from '../adapters/sources/fakes/fake-arxiv-api.ts';
import { SAMPLE_PAPERS } from '../adapters/sources/fakes/sample-papers.ts';
import { lines, shammie } from './run-shammie.ts';

/**
 * `add`, `remove` and `library` in `shammie chat`, in-process, over a real database in a fresh
 * data directory and the fake arXiv API: the library service the bot uses, the person at the
 * terminal an admin, every change seen by the chat's next search.
 */

/** The bundled corpus holds ten papers; hep-th/9901001 is not one of them. */
const BUNDLED = 10;

let api: FakeArxivApi;
beforeAll(async () => {
  api = await startFakeArxivApi(SAMPLE_PAPERS);
});
afterAll(() => api.close());

const dirs: string[] = [];
/** arXiv requests before the test: only the first test needs to ask arXiv. */
let requestsBefore = 0;
beforeEach(() => {
  requestsBefore = api.requests.length;
});
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** `shammie [--json] chat` with these lines typed, in one data directory per test. */
function setUp(extraEnv: Record<string, string> = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'shammie-chat-library-'));
  dirs.push(dataDir);
  const env = { SHAMMIE_DATA_DIR: dataDir, ARXIV_API_URL: api.apiUrl, USER: 'tester', ...extraEnv };
  return {
    chat: (input: string[], json = false) =>
      shammie(json ? ['--json', 'chat'] : ['chat'], { env, input: `${input.join('\n')}\n` }),
  };
}

describe('the library in shammie chat', () => {
  it('adds a paper from arXiv that the next search finds, removes it, and says what the library holds', async () => {
    const { chat } = setUp();
    const { status, stdout, stderr } = await chat([
      'search strings on a lattice',
      'add hep-th/9901001',
      'search strings on a lattice',
      'add 2305.11206',
      'library',
      'remove hep-th/9901001',
      'search strings on a lattice',
    ]);
    expect(status).toBe(0);
    expect(stderr).toBe('');
    // Each search's answer starts with its heading ("2 papers for “strings on a lattice”").
    const [before, afterAdd, afterRemove] = stdout
      .split(/^.* for “strings on a lattice”$/m)
      .slice(1);
    const found = /^\d+\. Strings on a Lattice$/m;
    expect(before).not.toMatch(found);
    expect(afterAdd).toMatch(found);
    expect(afterRemove).not.toMatch(found);
    const said = lines(stdout);
    expect(said).toContain('added: hep-th/9901001  Strings on a Lattice');
    expect(said).toContain(
      'already: 2305.11206  LIMA: Less Is More for Alignment — Already in the library.',
    );
    expect(said).toContain(
      `${BUNDLED + 1} papers: ${BUNDLED} from the corpus files, 1 added to the library (chat 1, arxiv 0, doi 0, import 0).`,
    );
    expect(said).toContainEqual(
      expect.stringMatching(
        /^ {2}hep-th\/9901001 {2}Strings on a Lattice — 2025-01-01 by tester \(terminal\)$/,
      ),
    );
    expect(said).toContain('removed: hep-th/9901001  Strings on a Lattice');
    expect(said).toContain('Removed from the library; add it again to undo.');
  });

  it('keeps the library between chats, and adding a removed paper again undoes the removal', async () => {
    const { chat } = setUp();
    // LIMA is one of the corpus files: removed and brought back without asking arXiv.
    const first = await chat(['remove 2305.11206']);
    expect(lines(first.stdout)).toContain('removed: 2305.11206  LIMA: Less Is More for Alignment');
    const again = await chat(['library', 'add 2305.11206', 'library'], true);
    const [removed, added, restored] = lines(again.stdout).map((line) => JSON.parse(line));
    expect(removed).toMatchObject({ total: BUNDLED - 1, files: BUNDLED - 1, removed: 1 });
    expect(added).toEqual([
      {
        ref: '2305.11206',
        status: 'added',
        id: '2305.11206',
        arxiv: '2305.11206',
        title: 'LIMA: Less Is More for Alignment',
        message: 'It had been removed; it is back in the library.',
      },
    ]);
    expect(restored).toMatchObject({ total: BUNDLED, files: BUNDLED, removed: 0 });
    expect(api.requests).toHaveLength(requestsBefore);
  });

  it('answers refusals and mistakes with a sentence, and keeps chatting', async () => {
    // The terminal is the operator's: the rule for the chat platforms does not stop it.
    const { chat } = setUp({ SHAMMIE_LIBRARY_EDITORS: 'remove=nobody' });
    const refs = Array.from({ length: 11 }, (_, i) => `2401.${String(10_000 + i)}`);
    const { status, stdout } = await chat([
      `add ${refs.join(' ')}`,
      'add',
      'add not-a-paper',
      'remove 2305.11206',
      'remove',
      'library',
    ]);
    expect(status).toBe(0);
    const said = lines(stdout);
    expect(said.slice(0, 7)).toEqual([
      'Add at most 10 papers at a time (11 were given).',
      'Name a paper to add: an arXiv id or URL (2305.11206), or a DOI (10.1145/3442188.3445922).',
      'failed: not-a-paper — That is not an arXiv id or URL, or a DOI: write it like 2305.11206 or 10.1145/3442188.3445922.',
      'removed: 2305.11206  LIMA: Less Is More for Alignment',
      'Removed from the library; add it again to undo.',
      'Name the paper to remove: its arXiv id, DOI or id, as in remove 2305.11206.',
      `${BUNDLED - 1} papers: ${BUNDLED - 1} from the corpus files, 0 added to the library (chat 0, arxiv 0, doi 0, import 0).`,
    ]);
    expect(api.requests).toHaveLength(requestsBefore);
  });
});
