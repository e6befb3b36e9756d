import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lines } from './run-shammie.ts';

/**
 * The few checks that need a real process: the package's bin runs the TypeScript sources, its
 * exit status is the process's, and `npx shammie` finds it. Everything else runs in-process.
 */
const BIN = resolve('bin/shammie.js');

function run(
  command: string,
  args: string[],
  cwd = process.cwd(),
  env: Record<string, string> = {},
) {
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, SHAMMIE_CORPUS: '', NO_COLOR: '1', ...env },
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('shammie as a process', () => {
  it('runs as `npx shammie` and exits 0 with its answer on stdout', () => {
    const { status, stdout, stderr } = run('npx', ['--offline', 'shammie', 'search', 'LIMA']);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout).toMatch(/^1 paper for “LIMA”\n\n1\. LIMA: Less Is More for Alignment\n/);
  });

  it('exits 1 with one "shammie:" line on bad input', () => {
    const { status, stdout, stderr } = run(process.execPath, [BIN, 'search', '   ']);
    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(lines(stderr)).toHaveLength(1);
    expect(stderr).toMatch(/^shammie: /);
  });

  it('exits 2 and names --corpus and SHAMMIE_CORPUS when run where ./corpus is missing', () => {
    // Run from another folder, as `npx shammie` run outside the project would be.
    const elsewhere = mkdtempSync(join(tmpdir(), 'shammie-elsewhere-'));
    const { status, stderr } = run(process.execPath, [BIN, 'search', 'x'], elsewhere);
    expect(status).toBe(2);
    const said = lines(stderr);
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/^shammie: .*\.\/corpus/);
    expect(said[0]).toContain('--corpus');
    expect(said[0]).toContain('SHAMMIE_CORPUS');
  });

  it('stops quietly, exit 0, when the reader of its output goes away (shammie export | head)', () => {
    // Output larger than a pipe's buffer, so the writes outlive `head`.
    const dir = mkdtempSync(join(tmpdir(), 'shammie-pipe-'));
    const corpus = join(dir, 'papers.jsonl');
    // Distinct papers: the loader merges duplicates.
    const papers = Array.from({ length: 2_000 }, (_, i) =>
      JSON.stringify({
        title: `Paper ${i} on attention`,
        authors: ['Ada Lovelace'],
        abstract: `Study ${i}: how transformers attend over long inputs. `.repeat(10),
      }),
    );
    writeFileSync(corpus, papers.join('\n'));
    // $PIPESTATUS is the status of the pipeline's first command, shammie's.
    const script = '"$0" "$1" --corpus "$2" export | head -c 100 >/dev/null; echo $PIPESTATUS';
    const env = { SHAMMIE_DATA_DIR: dir };
    const { stdout, stderr } = run(
      'bash',
      ['-c', script, process.execPath, BIN, corpus],
      undefined,
      env,
    );
    expect(stderr).toBe('');
    expect(stdout).toBe('0\n');
    rmSync(dir, { recursive: true, force: true });
  });
});
