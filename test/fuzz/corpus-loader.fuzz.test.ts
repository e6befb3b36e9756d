/**
 * The corpus loader on hostile files written to a temporary folder: real corpus files (the
 * test fixtures and the bundled corpus) truncated, overwritten with binary, given unbalanced
 * braces, duplicated, re-encoded, or carrying a line longer than the loader reads. Loading
 * reports what it skipped, keeps every good paper beside it, and never hangs or throws anything
 * but its documented errors.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isShammieError, type LoadedCorpus, loadCorpus, type Paper } from '../../src/index.ts';
import { fixture } from '../corpus/fixture-path.ts';
import { fuzz } from './fuzz-settings.ts';

const KB = 1024;
const MB = 1024 * KB;

/** Real corpus files the mutations start from, with the extension that names their format. */
const SEEDS: Array<{ name: string; bytes: Buffer }> = [
  ...['bibtex/arxiv.bib', 'bibtex/dblp.bib', 'bibtex/google-scholar.bib', 'bibtex/zotero.bib'],
  ...['json/papers.json', 'json/papers.jsonl', 'json/wrapped.json', 'mixed/seed.txt'],
  ...['malformed/bad-lines.jsonl', 'malformed/broken.bib'],
].map((path) => ({ name: path.split('/').pop() as string, bytes: readFileSync(fixture(path)) }));
SEEDS.push({
  name: 'omer-levy-papers.jsonl',
  bytes: readFileSync(new URL('../../corpus/omer-levy-papers.jsonl', import.meta.url)),
});

/** Papers every folder also holds, which must survive whatever sits beside them. */
const GOOD: Paper[] = [
  {
    id: 'good-zebra-1',
    title: 'Zebra quokka sentinel: a paper that must load',
    abstract: 'Sentinel abstract one. It is plain and valid.',
    authors: ['Ada Sentinel'],
    year: 2020,
  },
  {
    id: 'good-zebra-2',
    title: 'Quokka zebra lighthouse: another paper that must load',
    abstract: 'Sentinel abstract two. Also plain and valid.',
    authors: ['Bo Sentinel'],
    year: 2021,
  },
];
const GOOD_FILE = `${GOOD.map((p) => JSON.stringify(p)).join('\n')}\n`;

/** One way of damaging a file's bytes. */
type Mutation = (bytes: Buffer) => Buffer;

const at = (fraction: number, bytes: Buffer) => Math.floor(fraction * bytes.length);
const fraction = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fraction.map(
    (f): Mutation =>
      (b) =>
        b.subarray(0, at(f, b)),
  ),
  fc.tuple(fraction, fc.uint8Array({ minLength: 1, maxLength: 2000 })).map(
    ([f, junk]): Mutation =>
      (b) =>
        Buffer.concat([b.subarray(0, at(f, b)), Buffer.from(junk), b.subarray(at(f, b))]),
  ),
  fc
    .tuple(fraction, fc.constantFrom('{', '}', '[', ']', '"', '\\', '@', ',', '\n'), fc.nat(5000))
    .map(
      ([f, ch, n]): Mutation =>
        (b) =>
          Buffer.concat([
            b.subarray(0, at(f, b)),
            Buffer.from(ch.repeat(n + 1)),
            b.subarray(at(f, b)),
          ]),
    ),
  fc.tuple(fraction, fraction).map(
    ([f, g]): Mutation =>
      (b) => {
        const [from, to] = [at(Math.min(f, g), b), at(Math.max(f, g), b)];
        return Buffer.concat([b.subarray(0, to), b.subarray(from, to), b.subarray(to)]);
      },
  ),
  fc.constant<Mutation>((b) => Buffer.concat([b, b])),
  fc.constantFrom<Mutation>(
    (b) => Buffer.from(`\ufeff${b.toString('utf8')}`, 'utf16le'),
    (b) => Buffer.from(b.toString('utf8'), 'utf16le'),
    (b) => Buffer.from(b.toString('utf8'), 'utf16le').swap16(),
    (b) => Buffer.from(b.toString('utf8'), 'latin1'),
    (b) => Buffer.from(b.toString('utf8').replace(/\n/g, '\r\n')),
    (b) => Buffer.from(b.toString('utf8').replace(/\n/g, '\r')),
    (b) => Buffer.from(b.toString('utf8').replace(/ /g, '\u0000')),
  ),
  fc
    .tuple(
      fraction,
      fc.integer({ min: 100 * KB, max: 1.5 * MB }),
      fc.constantFrom('a', '{', ' ', 'é', '😀', '\\'),
    )
    .map(
      ([f, size, ch]): Mutation =>
        (b) =>
          Buffer.concat([
            b.subarray(0, at(f, b)),
            Buffer.from(ch.repeat(Math.ceil(size / Buffer.byteLength(ch)))),
            b.subarray(at(f, b)),
          ]),
    ),
  fc.uint8Array({ minLength: 0, maxLength: 4000 }).map(
    (junk): Mutation =>
      () =>
        Buffer.from(junk),
  ),
);

const hostileFile = fc.record({
  seed: fc.constantFrom(...SEEDS),
  mutations: fc.array(mutation, { minLength: 1, maxLength: 3 }),
  /** Sometimes the damaged file is named for another format than its content. */
  rename: fc.option(fc.constantFrom('.json', '.jsonl', '.bib', '.txt', '.ndjson'), {
    nil: undefined,
  }),
});

let root: string;
let cases = 0;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'shammie-fuzz-corpus-'));
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

/** A fresh folder holding the given files. */
function folder(files: Record<string, Buffer | string>): string {
  cases += 1;
  const dir = join(root, `case-${cases}`);
  mkdirSync(dir);
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

/** Loads a corpus; the documented ShammieErrors come back as their code, anything else throws. */
async function load(path: string): Promise<LoadedCorpus | { code: string }> {
  try {
    return await loadCorpus(path);
  } catch (error) {
    if (isShammieError(error) && ['EMPTY_CORPUS', 'BAD_CORPUS'].includes(error.code)) {
      expect(error.message.trim()).not.toBe('');
      return { code: error.code };
    }
    throw error;
  }
}

/** Every paper the loader hands out has the shape the engine relies on. */
function expectWellFormed(corpus: LoadedCorpus, dir: string): void {
  const ids = corpus.papers.map((p) => p.id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const paper of corpus.papers) {
    expect(typeof paper.id).toBe('string');
    expect(paper.id.trim()).not.toBe('');
    expect(typeof paper.title).toBe('string');
    expect(typeof paper.abstract).toBe('string');
    expect(Array.isArray(paper.authors)).toBe(true);
    for (const author of paper.authors) expect(typeof author).toBe('string');
    if (paper.year !== undefined) expect(Number.isInteger(paper.year)).toBe(true);
  }
  for (const problem of corpus.problems) {
    expect(problem.file.startsWith(dir)).toBe(true);
    expect(problem.message.trim()).not.toBe('');
    if (problem.line !== undefined) expect(problem.line).toBeGreaterThanOrEqual(1);
  }
}

/** The damaged file a generated recipe makes. */
function damaged(file: {
  seed: { name: string; bytes: Buffer };
  mutations: Mutation[];
  rename?: string | undefined;
}): { name: string; bytes: Buffer } {
  const bytes = file.mutations.reduce((b, m) => m(b), file.seed.bytes);
  const name = file.rename ? file.seed.name.replace(/\.[^.]+$/, file.rename) : file.seed.name;
  return { name: `damaged-${name}`, bytes };
}

describe('loading hostile corpus files', () => {
  it('keeps every good paper beside a damaged file, and reports instead of throwing', async () => {
    await fc.assert(
      fc.asyncProperty(hostileFile, async (file) => {
        const bad = damaged(file);
        const dir = folder({ 'good.jsonl': GOOD_FILE, [bad.name]: bad.bytes });
        const corpus = await load(dir);
        expect('papers' in corpus).toBe(true);
        if (!('papers' in corpus)) return;
        expectWellFormed(corpus, dir);
        const ids = corpus.papers.map((p) => p.id);
        for (const good of GOOD) expect(ids).toContain(good.id);
      }),
      fuzz(500),
    );
  });

  it('loads a damaged file on its own, or says why not with EMPTY_CORPUS', async () => {
    await fc.assert(
      fc.asyncProperty(hostileFile, async (file) => {
        const bad = damaged(file);
        const dir = folder({ [bad.name]: bad.bytes });
        const corpus = await load(join(dir, bad.name));
        if ('papers' in corpus) expectWellFormed(corpus, dir);
        else expect(corpus.code).toBe('EMPTY_CORPUS');
      }),
      fuzz(400),
    );
  });

  it('merges a file loaded twice (every id duplicated) into one copy of each paper', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...SEEDS), async (seed) => {
        const once = await load(folder({ [seed.name]: seed.bytes }));
        const twice = await load(
          folder({ [`a-${seed.name}`]: seed.bytes, [`b-${seed.name}`]: seed.bytes }),
        );
        if (!('papers' in once) || !('papers' in twice)) {
          expect(once).toEqual(twice);
          return;
        }
        expect(twice.papers.map((p) => p.id).sort()).toEqual(once.papers.map((p) => p.id).sort());
      }),
      fuzz(30),
    );
  });

  // The 50 MB single line, in each format; line formats skip it unread, document
  // formats refuse the entry. Written once per run (a few seconds), not per case.
  it.each([
    ['line.jsonl', () => `{"title":"${'a'.repeat(50 * MB)}`],
    ['line.txt', () => `Abstract: ${'word '.repeat(10 * MB)}`],
    ['line.bib', () => `@article{x, title={${'{'.repeat(50 * MB)}}`],
    ['line.json', () => `["${'a'.repeat(50 * MB)}`],
  ])('reports a 50 MB single line in %s and keeps the good papers', async (name, make) => {
    const dir = folder({ 'good.jsonl': GOOD_FILE, [name]: make() });
    const corpus = await load(dir);
    expect('papers' in corpus).toBe(true);
    if (!('papers' in corpus)) return;
    expect(corpus.papers.map((p) => p.id).sort()).toEqual(GOOD.map((p) => p.id).sort());
    expect(corpus.problems.some((p) => p.file.endsWith(name))).toBe(true);
    rmSync(dir, { recursive: true, force: true });
  });
});
