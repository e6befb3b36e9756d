import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lines, shammie } from './run-shammie.ts';

describe('the shammie commands', () => {
  it('searches the bundled corpus and prints ranked papers', async () => {
    const { status, stdout } = await shammie(['search', 'long', 'context']);
    expect(status).toBe(0);
    expect(stdout).toMatch(/^\d+ papers? for “long context”/);
    expect(stdout).toContain('1. ');
  });

  it('prints every paper up to --limit, more than a chat page, and no page count', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shammie-cli-'));
    const corpus = join(dir, 'papers.jsonl');
    const papers = Array.from({ length: 14 }, (_, i) => ({
      title: `Sparse attention study ${i + 1}`,
      authors: ['Ada Lovelace'],
      year: 2020 + (i % 4),
      abstract: `We study sparse attention in transformers, variant ${i + 1}.`,
    }));
    writeFileSync(corpus, papers.map((p) => JSON.stringify(p)).join('\n'));
    const all = await shammie(['search', 'sparse attention', '--limit', '12', '--corpus', corpus]);
    expect(all.status).toBe(0);
    expect(all.stdout).toMatch(/^Showing 12 of 14 papers for “sparse attention”\n/);
    expect(all.stdout).toContain('\n12. Sparse attention study');
    expect(all.stdout).not.toContain('page 1 of');
    const two = await shammie(['search', 'sparse attention', '--limit', '2', '--corpus', corpus]);
    expect(two.stdout).toMatch(/^Showing 2 of 14 papers for “sparse attention”\n/);
    expect(two.stdout).not.toContain('page 1 of');
  });

  it('prints JSON with --json', async () => {
    const { status, stdout } = await shammie(['search', 'LIMA', '--json', '--limit', '1']);
    expect(status).toBe(0);
    const parsed = JSON.parse(stdout);
    expect(parsed.hits[0].paper.arxiv).toBe('2305.11206');
  });

  it('writes TREC run lines in batch mode', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shammie-cli-'));
    const queries = join(dir, 'q.jsonl');
    writeFileSync(
      queries,
      '{"id":"q1","text":"long context"}\n{"id":"q2","text":"image captions"}\n',
    );
    const { status, stdout } = await shammie([
      'search',
      '--queries',
      queries,
      '--limit',
      '3',
      '--format',
      'trec',
    ]);
    expect(status).toBe(0);
    const run = lines(stdout);
    expect(run).toHaveLength(6);
    expect(run[0]).toMatch(/^q1 Q0 \S+ 1 -?\d+\.\d+ shammie$/);
  });

  it('writes one TL;DR per paper in batch mode', async () => {
    const { status, stdout } = await shammie(['tldr', '--format', 'jsonl']);
    expect(status).toBe(0);
    const tldrs = lines(stdout).map((l) => JSON.parse(l));
    expect(tldrs).toHaveLength(10);
    expect(tldrs.every((l) => typeof l.id === 'string' && l.tldr.length > 20)).toBe(true);
  });

  it('shows, summarizes, cites and finds papers similar to one', async () => {
    expect((await shammie(['paper', 'megalodon'])).stdout).toContain('Megalodon');
    expect((await shammie(['summary', 'LIMA'])).stdout).toContain('TL;DR');
    expect((await shammie(['cite', '2305.11206', '--format', 'apa'])).stdout).toContain('(2023)');
    expect((await shammie(['similar', 'ZeroSCROLLS'])).stdout).not.toMatch(/^1\. ZeroSCROLLS/m);
    expect((await shammie(['daily', '--date', '2025-01-01'])).stdout).toContain(
      'Paper of the day, 2025-01-01',
    );
    expect((await shammie(['random'])).status).toBe(0);
  });

  it('answers the chat grammar line by line from standard input', async () => {
    const { status, stdout } = await shammie(['chat'], {
      input: 'help\ncite LIMA mla\nlong context\n',
    });
    expect(status).toBe(0);
    expect(stdout).toContain('search');
    expect(stdout).toContain('LIMA');
  });

  it('exits 1 with a one-line message on bad input', async () => {
    const empty = await shammie(['search', '   ']);
    expect(empty.status).toBe(1);
    expect(lines(empty.stderr)).toHaveLength(1);
    expect((await shammie(['paper', 'quantum chromodynamics lattice'])).status).toBe(1);
    expect((await shammie(['daily', '--date', '2024-02-30'])).status).toBe(1);
    expect((await shammie(['cite', 'LIMA', '--format', 'chicago'])).status).toBe(1);
  });

  it('exits 2 on a missing or empty corpus', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shammie-empty-'));
    expect((await shammie(['search', 'x', '--corpus', join(dir, 'missing')])).status).toBe(2);
    expect((await shammie(['search', 'x', '--corpus', dir])).status).toBe(2);
  });

  it('prints usage with --help', async () => {
    const { status, stdout } = await shammie(['--help']);
    expect(status).toBe(0);
    expect(stdout).toContain('search');
    expect(stdout).toContain('chat');
  });
});
