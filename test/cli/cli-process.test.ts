import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Runs `shammie` as a user would (the package's bin), on the bundled corpus unless told otherwise. */
function shammie(args: string[], input?: string) {
  const result = spawnSync(process.execPath, ['bin/shammie.js', ...args], {
    encoding: 'utf8',
    input: input ?? '',
    env: { ...process.env, SHAMMIE_CORPUS: '', NO_COLOR: '1' },
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the shammie command line, as a spawned process', () => {
  it('searches the bundled corpus and prints ranked papers', () => {
    const { status, stdout } = shammie(['search', 'long', 'context']);
    expect(status).toBe(0);
    expect(stdout).toMatch(/^\d+ papers? for “long context”/);
    expect(stdout).toContain('1. ');
  });

  it('prints JSON with --json', () => {
    const { status, stdout } = shammie(['search', 'LIMA', '--json', '--limit', '1']);
    expect(status).toBe(0);
    const parsed = JSON.parse(stdout);
    expect(parsed.hits[0].paper.arxiv).toBe('2305.11206');
  });

  it('writes TREC run lines in batch mode', () => {
    const dir = mkdtempSync(join(tmpdir(), 'shammie-cli-'));
    const queries = join(dir, 'q.jsonl');
    writeFileSync(
      queries,
      '{"id":"q1","text":"long context"}\n{"id":"q2","text":"image captions"}\n',
    );
    const { status, stdout } = shammie([
      'search',
      '--queries',
      queries,
      '--limit',
      '3',
      '--format',
      'trec',
    ]);
    expect(status).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(6);
    expect(lines[0]).toMatch(/^q1 Q0 \S+ 1 -?\d+\.\d+ shammie$/);
  });

  it('writes one TL;DR per paper in batch mode', () => {
    const { status, stdout } = shammie(['tldr', '--format', 'jsonl']);
    expect(status).toBe(0);
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(10);
    expect(lines.every((l) => typeof l.id === 'string' && l.tldr.length > 20)).toBe(true);
  });

  it('shows, summarizes, cites and finds papers similar to one', () => {
    expect(shammie(['paper', 'megalodon']).stdout).toContain('Megalodon');
    expect(shammie(['summary', 'LIMA']).stdout).toContain('TL;DR');
    expect(shammie(['cite', '2305.11206', '--format', 'apa']).stdout).toContain('(2023)');
    expect(shammie(['similar', 'ZeroSCROLLS']).stdout).not.toMatch(/^1\. ZeroSCROLLS/m);
    expect(shammie(['daily', '--date', '2025-01-01']).stdout).toContain(
      'Paper of the day, 2025-01-01',
    );
    expect(shammie(['random']).status).toBe(0);
  });

  it('answers the chat grammar line by line from standard input', () => {
    const { status, stdout } = shammie(['chat'], 'help\ncite LIMA mla\nlong context\n');
    expect(status).toBe(0);
    expect(stdout).toContain('search');
    expect(stdout).toContain('LIMA');
  });

  it('exits 1 with a one-line message on bad input', () => {
    const empty = shammie(['search', '   ']);
    expect(empty.status).toBe(1);
    expect(empty.stderr.trim().split('\n')).toHaveLength(1);
    expect(shammie(['paper', 'quantum chromodynamics lattice']).status).toBe(1);
    expect(shammie(['daily', '--date', '2024-02-30']).status).toBe(1);
    expect(shammie(['cite', 'LIMA', '--format', 'chicago']).status).toBe(1);
  });

  it('exits 2 on a missing or empty corpus', () => {
    const dir = mkdtempSync(join(tmpdir(), 'shammie-empty-'));
    expect(shammie(['search', 'x', '--corpus', join(dir, 'missing')]).status).toBe(2);
    expect(shammie(['search', 'x', '--corpus', dir]).status).toBe(2);
  });

  it('prints usage with --help', () => {
    const { status, stdout } = shammie(['--help']);
    expect(status).toBe(0);
    expect(stdout).toContain('search');
    expect(stdout).toContain('chat');
  });
});
