import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load-corpus.ts';
import { isShammieError } from '../../src/errors.ts';
import { fixture } from './fixture-path.ts';

describe('loadCorpus on a directory', () => {
  it('walks it recursively in name order, merges duplicates and skips hidden and unknown files', async () => {
    const root = fixture('mixed');
    const { papers, problems } = await loadCorpus(root);
    expect(problems).toEqual([
      {
        file: join(root, 'README.md'),
        message: 'not a corpus file (use .txt, .bib, .bibtex, .json, .jsonl, .ndjson): skipped',
      },
    ]);
    expect(papers).toEqual([
      {
        id: '2408.11039',
        title: 'Transfusion: Predict the Next Token and Diffuse Images with One Multi-Modal Model',
        abstract:
          'We introduce Transfusion, a recipe for training a multi-modal model over discrete and continuous data.',
        authors: ['Chunting Zhou', 'Lili Yu', 'Arun Babu'],
        year: 2024,
        venue: 'ICLR 2025',
        url: 'http://arxiv.org/abs/2408.11039',
        arxiv: '2408.11039',
        doi: '10.48550/arxiv.2408.11039',
        citationKey: 'zhou_transfusion_2024',
        collection: 'library',
      },
      {
        id: 'lima',
        title: 'LIMA: Less Is More for Alignment',
        abstract:
          'LIMA demonstrates remarkably strong performance — learning to follow specific response formats from only a handful of examples.',
        authors: ['Chunting Zhou', 'Omer Levy'],
        year: 2023,
        collection: 'more',
      },
    ]);
  });

  it('loads every file of the fixtures, reporting the malformed ones without failing', async () => {
    const { papers, problems } = await loadCorpus(fixture(''));
    expect(papers.length).toBeGreaterThan(10);
    const files = new Set(problems.map((problem) => problem.file));
    expect(files).toContain(fixture('malformed/binary.jsonl'));
    expect(files).toContain(fixture('malformed/empty.jsonl'));
    expect(files).toContain(fixture('malformed/garbage.txt'));
    expect(files).toContain(fixture('malformed/broken.bib'));
    expect(files).toContain(fixture('malformed/bad-lines.jsonl'));
    const binary = problems.find((problem) => problem.file === fixture('malformed/binary.jsonl'));
    expect(binary?.message).toBe('binary file, not text: skipped');
    const empty = problems.find((problem) => problem.file === fixture('malformed/empty.jsonl'));
    expect(empty?.message).toBe('empty file');
  });

  it('gives the same papers in the same order every time', async () => {
    const first = await loadCorpus(fixture(''));
    const second = await loadCorpus(fixture(''));
    expect(second).toEqual(first);
  });
});

describe('loadCorpus errors', () => {
  let scratch: string;
  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'shammie-corpus-'));
  });
  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  it('throws BAD_CORPUS naming a path that does not exist', async () => {
    const missing = join(scratch, 'nowhere');
    const error = await loadCorpus(missing).catch((caught: unknown) => caught);
    expect(isShammieError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'BAD_CORPUS' });
    expect((error as Error).message).toBe(
      `Cannot read the corpus at ${missing}: no such file or directory`,
    );
  });

  it('throws EMPTY_CORPUS for an empty directory', async () => {
    const empty = join(scratch, 'empty');
    await mkdir(empty);
    await expect(loadCorpus(empty)).rejects.toMatchObject({
      code: 'EMPTY_CORPUS',
      message: `No papers in ${empty}: the folder holds no corpus files (.txt, .bib, .bibtex, .json, .jsonl, .ndjson)`,
    });
  });

  it('throws EMPTY_CORPUS naming the first problem when nothing loads', async () => {
    await expect(loadCorpus(fixture('malformed/empty.jsonl'))).rejects.toMatchObject({
      code: 'EMPTY_CORPUS',
      message: `No papers in ${fixture('malformed/empty.jsonl')}: ${fixture('malformed/empty.jsonl')}: empty file`,
    });
    await expect(loadCorpus(fixture('malformed/binary.jsonl'))).rejects.toMatchObject({
      code: 'EMPTY_CORPUS',
    });
  });

  it('guesses the format of a file given directly from its content', async () => {
    const noExtension = join(scratch, 'papers');
    await writeFile(
      noExtension,
      '{"id": "x1", "title": "T", "abstract": "Sniffed as JSON Lines."}\n',
    );
    const { papers } = await loadCorpus(noExtension);
    expect(papers.map((paper) => paper.id)).toEqual(['x1']);
    const bib = join(scratch, 'refs.data');
    await writeFile(bib, '@article{k, title={Sniffed}, abstract={As BibTeX.}}\n');
    expect((await loadCorpus(bib)).papers[0]!.title).toBe('Sniffed');
  });

  it('reads text that is not UTF-8 as Windows-1252', async () => {
    const latin = join(scratch, 'latin.bib');
    await writeFile(
      latin,
      Buffer.from('@article{k, title={Caf\xe9 cr\xe8me}, abstract={Old file.}}\n', 'latin1'),
    );
    expect((await loadCorpus(latin)).papers[0]!.title).toBe('Café crème');
  });
});

describe('loadCorpus with injected file access', () => {
  /** A tiny in-memory file system: paths ending in "/" are folders. */
  function memoryFs(files: Record<string, string>) {
    const isDir = (path: string) => Object.keys(files).some((name) => name.startsWith(`${path}/`));
    return {
      readFile: async (path: string) => {
        const content = files[path];
        if (content === undefined) throw Object.assign(new Error('missing'), { code: 'ENOENT' });
        return content;
      },
      readdir: async (path: string) => [
        ...new Set(
          Object.keys(files)
            .filter((name) => name.startsWith(`${path}/`))
            .map((name) => name.slice(path.length + 1).split('/')[0]!),
        ),
      ],
      stat: async (path: string) => {
        if (files[path] === undefined && !isDir(path)) {
          throw Object.assign(new Error('missing'), { code: 'ENOENT' });
        }
        return {
          isFile: () => files[path] !== undefined,
          isDirectory: () => isDir(path),
          size: files[path]?.length ?? 0,
        };
      },
    };
  }

  it('reads through the injected functions, in code-unit name order', async () => {
    const io = memoryFs({
      '/c/b.jsonl': '{"id": "b", "title": "B", "abstract": "Second file."}',
      '/c/A.txt': 'Group\nAbstract:First file.',
      '/c/sub/a.json': '[{"id": "s", "title": "S", "abstract": "In a sub folder."}]',
    });
    const { papers } = await loadCorpus('/c', io);
    expect(papers.map((paper) => paper.title)).toEqual(['First file', 'B', 'S']);
    expect(papers[0]!.collection).toBe('Group');
  });

  it('skips a JSON document larger than the limit and says why, but streams JSON Lines of any size', async () => {
    const big = `{"title": "Big", "abstract": "${'x'.repeat(2000)}"}`;
    const io = memoryFs({
      '/c/big.json': `[${big}]`,
      '/c/big.jsonl': big,
      '/c/small.json': '[{"title": "Small", "abstract": "Fits."}]',
    });
    const { papers, problems } = await loadCorpus('/c', { ...io, maxDocumentBytes: 1000 });
    expect(papers.map((paper) => paper.title)).toEqual(['Big', 'Small']);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.file).toBe('/c/big.json');
    expect(problems[0]!.message).toMatch(
      /^file too large for a JSON document \(2 KB; the limit is 1 KB\)/,
    );
  });

  it('reports a file that cannot be read and loads the rest', async () => {
    const io = memoryFs({
      '/c/a.jsonl': '{"title": "A", "abstract": "Readable."}',
      '/c/b.jsonl': 'locked',
    });
    const failing = {
      ...io,
      readFile: async (path: string) => {
        if (path === '/c/b.jsonl') throw Object.assign(new Error('denied'), { code: 'EACCES' });
        return io.readFile(path);
      },
    };
    const { papers, problems } = await loadCorpus('/c', failing);
    expect(papers).toHaveLength(1);
    expect(problems).toEqual([{ file: '/c/b.jsonl', message: 'cannot read: permission denied' }]);
  });
});
