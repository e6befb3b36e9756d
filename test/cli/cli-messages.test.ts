import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS_EXTENSIONS } from '../../src/corpus/corpus-files.ts';
import { shammie as cli, lines } from './run-shammie.ts';

const ESC = '\u001b';
/** Any control character but newline: what must never reach the terminal from user input. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

describe('command-line usage mistakes', () => {
  it.each(['abc', '0', '-1', '1.5', '99999999999', '1e3', ''])(
    'refuses --limit %j with one line that says what a limit is',
    async (limit) => {
      const { status, stdout, stderr } = await cli(['search', 'model', '--limit', limit]);
      expect(status).toBe(1);
      expect(stdout).toBe('');
      expect(lines(stderr)).toEqual([
        `shammie: --limit must be a whole number from 1 to 1000, not “${limit}”`,
      ]);
    },
  );

  it.each([
    [['search', '--bogus'], "unknown option '--bogus'"],
    [['search', 'model', '--limit'], "option '--limit <n>' argument missing"],
    [['nosuch'], "unknown command 'nosuch'"],
    [['cite', 'lima', '--format', 'chicago'], 'Allowed choices are bibtex, apa, mla'],
    [['daily', '2024'], 'too many arguments'],
  ])('says commander’s own errors (%j) on one "shammie:" line', async (args, words) => {
    const { status, stdout, stderr } = await cli(args);
    expect(status).toBe(1);
    expect(stdout).toBe('');
    const said = lines(stderr);
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/^shammie: /);
    expect(said[0]).toContain(words);
    expect(said[0]).toContain('shammie --help');
  });

  it('still shows the help, and succeeds, with --help', async () => {
    const { status, stdout, stderr } = await cli(['search', '--help']);
    expect(status).toBe(0);
    expect(stdout).toContain('--limit');
    expect(stderr).toBe('');
  });
});

describe('what the user typed is never echoed raw to the terminal', () => {
  const typed = `${ESC}[31mred${ESC}]0;title\u0007\u0008\u009b2J`;

  it('in the not-found message of a paper', async () => {
    const { status, stderr } = await cli(['paper', typed]);
    expect(status).toBe(1);
    expect(stderr).toMatch(/^shammie: /);
    expect(stderr).toContain('[31mred');
    expect(stderr.slice(0, -1)).not.toMatch(CONTROL);
  });

  it('in commander’s errors', async () => {
    const { stderr } = await cli(['search', `--${typed}`]);
    expect(stderr).toMatch(/^shammie: unknown option/);
    expect(stderr.slice(0, -1)).not.toMatch(CONTROL);
  });

  it('in the header of results and in a search that matches nothing', async () => {
    const found = await cli(['search', `lima ${typed}`]);
    expect(found.stdout).toContain('LIMA');
    const none = await cli(['search', `zzqqxx ${typed}`]);
    for (const out of [found.stdout, none.stdout, none.stderr]) {
      expect(out.replaceAll('\n', '')).not.toMatch(CONTROL);
    }
  });

  it('in `shammie chat`', async () => {
    const { status, stdout } = await cli(['chat'], {
      input: `paper ${typed}\nsearch ${typed}\ncite ${typed}\n${typed}\n`,
    });
    expect(status).toBe(0);
    expect(stdout).toContain('[31mred');
    expect(stdout.replaceAll('\n', '')).not.toMatch(CONTROL);
  });

  it('in the ids of a batch run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shammie-cli-'));
    const queries = join(dir, 'q.jsonl');
    writeFileSync(queries, `${JSON.stringify({ id: `q${ESC}[2J1`, text: 'lima' })}\n`);
    const { status, stdout } = await cli(['search', '--queries', queries, '--limit', '1']);
    expect(status).toBe(0);
    expect(stdout).toMatch(/^q\[2J1 Q0 /);
    expect(stdout.replaceAll('\n', '')).not.toMatch(CONTROL);
  });
});

describe('a corpus that is not there', () => {
  it('says the path came from SHAMMIE_CORPUS when it did', async () => {
    const missing = join(tmpdir(), 'shammie-no-such-corpus');
    const { status, stderr } = await cli(['search', 'x'], { env: { SHAMMIE_CORPUS: missing } });
    expect(status).toBe(2);
    expect(lines(stderr)).toHaveLength(1);
    expect(stderr).toContain(missing);
    expect(stderr).toContain('SHAMMIE_CORPUS');
  });

  it('lists every extension the loader reads when the folder holds none', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'shammie-empty-'));
    const { status, stderr } = await cli(['search', 'x', '--corpus', empty]);
    expect(status).toBe(2);
    expect(lines(stderr)).toHaveLength(1);
    for (const extension of Object.keys(CORPUS_EXTENSIONS)) expect(stderr).toContain(extension);
  });
});

describe('a citation style Shammie does not write', () => {
  it('is named, with the styles it does write, in `shammie chat` (not a BibTeX entry)', async () => {
    const { status, stdout } = await cli(['chat'], { input: 'cite lima chicago\n' });
    expect(status).toBe(0);
    expect(stdout).toContain('“chicago”');
    expect(stdout).toContain('bibtex, apa, mla');
    expect(stdout).not.toContain('@');
  });

  it('is refused by `shammie cite` too when it ends the reference', async () => {
    const { status, stdout, stderr } = await cli(['cite', 'lima', 'chicago']);
    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(lines(stderr)).toEqual([
      'shammie: There is no citation format “chicago”. Formats: bibtex, apa, mla.',
    ]);
  });

  it('leaves `shammie cite lima apa` to mean APA, as in chat', async () => {
    const { status, stdout } = await cli(['cite', 'lima', 'apa']);
    expect(status).toBe(0);
    expect(stdout).toContain('(2023)');
    expect(stdout).not.toContain('@');
  });
});
