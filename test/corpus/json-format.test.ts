import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJsonDocument, parseJsonLines } from '../../src/corpus/json-format.ts';
import { loadCorpus } from '../../src/corpus/load-corpus.ts';
import { fixture } from './fixture-path.ts';

describe('JSON Lines', () => {
  it('reads each line, keeping input ids and accepting common field names', async () => {
    const { papers, problems } = await loadCorpus(fixture('json/papers.jsonl'));
    expect(problems).toEqual([]);
    expect(papers).toEqual([
      {
        id: 'zs',
        title: 'ZeroSCROLLS: A Zero-Shot Benchmark for Long Text Understanding',
        abstract:
          'We introduce ZeroSCROLLS, a zero-shot benchmark for natural language understanding over long texts.',
        authors: ['Uri Shaham', 'Maor Ivgi', 'Avia Efrat', 'Jonathan Berant', 'Omer Levy'],
        year: 2023,
        venue: 'Findings of EMNLP 2023',
        url: 'https://arxiv.org/abs/2305.14196',
        arxiv: '2305.14196',
        collection: 'papers',
      },
      {
        id: '2308.06259',
        title: 'Self-Alignment with Instruction Backtranslation',
        abstract:
          'We present a scalable method to build a high quality instruction following language model.',
        authors: ['Xian Li', 'Ping Yu'],
        venue: 'ICLR 2024',
        url: 'https://arxiv.org/abs/2308.06259',
        arxiv: '2308.06259',
        collection: 'papers',
      },
    ]);
  });

  it('reports each bad line with its number while the good lines load', async () => {
    const { papers, problems } = await loadCorpus(fixture('malformed/bad-lines.jsonl'));
    expect(papers.map((paper) => paper.id)).toEqual(['ok1', 'ok2']);
    const file = fixture('malformed/bad-lines.jsonl');
    expect(problems.map(({ line }) => line)).toEqual([2, 3, 4, 5, 7]);
    expect(problems.every((problem) => problem.file === file)).toBe(true);
    expect(problems[0]!.message).toMatch(/^not valid JSON: /);
    expect(problems[1]!.message).toMatch(/^not a JSON object: \["an"/);
    expect(problems[3]!.message).toBe('no title and no abstract');
    // Binary junk is quoted back as printable characters only.
    expect(problems[4]!.message).not.toMatch(/\p{Cc}/u);
  });

  it('reports fields of the wrong type with file and line, and loads the paper without them', () => {
    const text = [
      JSON.stringify({ id: 'a', title: 'A', abstract: 'About a.', year: 'nineteen', authors: 42 }),
      JSON.stringify({ id: 'b', title: 'B', abstract: 'About b.', year: 2020, venue: { x: 1 } }),
      JSON.stringify({ id: 'c', title: 7, abstract: 'About c.', authors: ['Ada Lovelace', 3] }),
      JSON.stringify({ id: 'd', title: 'D', abstract: 'About d.', doi: null, year: '2021-05' }),
    ].join('\n');
    const { records, problems } = parseJsonLines(text, { file: 'f.jsonl' });
    expect(records.map((r) => [r.inputId, r.year, r.authors, r.venue])).toEqual([
      ['a', undefined, [], undefined],
      ['b', 2020, [], undefined],
      ['c', undefined, ['Ada Lovelace'], undefined],
      ['d', 2021, [], undefined],
    ]);
    expect(records[2]!.title).toBeUndefined();
    expect(problems).toEqual([
      {
        file: 'f.jsonl',
        line: 1,
        message: 'authors 42 is not a list of names or one string of names: left out',
      },
      { file: 'f.jsonl', line: 1, message: 'year "nineteen" is not a year: left out' },
      { file: 'f.jsonl', line: 2, message: 'venue (an object) is not text: left out' },
      { file: 'f.jsonl', line: 3, message: 'title 7 is not text: left out' },
      { file: 'f.jsonl', line: 3, message: 'author 2 3 is not a name: left out' },
    ]);
  });

  it('never throws, whatever the lines hold', () => {
    const line = fc.oneof(
      fc.string(),
      fc.json(),
      fc
        .record(
          {
            id: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
            title: fc.oneof(fc.string(), fc.integer(), fc.array(fc.string())),
            abstract: fc.oneof(fc.string(), fc.constant(null), fc.array(fc.string())),
            text: fc.string(),
            authors: fc.oneof(fc.string(), fc.array(fc.oneof(fc.string(), fc.object()))),
            year: fc.oneof(fc.string(), fc.double(), fc.integer()),
            url: fc.oneof(fc.string(), fc.webUrl()),
            arxiv: fc.string(),
            doi: fc.string(),
          },
          { requiredKeys: [] },
        )
        .map((record) => JSON.stringify(record)),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 8 }), (lines) => {
        const text = lines.join('\n');
        const { records, problems } = parseJsonLines(text, { file: 'f.jsonl' });
        const nonBlank = text.split('\n').flatMap((l, i) => (l.trim().length > 0 ? [i + 1] : []));
        // Every line is a paper or a reported problem (a paper may also have fields reported).
        const seen = [...records.map((r) => r.line), ...problems.map((p) => p.line)];
        expect(new Set(seen)).toEqual(new Set(nonBlank));
        expect(records.length).toBeLessThanOrEqual(nonBlank.length);
        for (const record of records) {
          expect(typeof record.abstract).toBe('string');
          expect(Array.isArray(record.authors)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('JSON documents', () => {
  it('reports an item field of the wrong type with its item number and line', () => {
    const text =
      '[\n  {"title": "A", "abstract": "About a."},\n  {"title": "B", "abstract": "b", "year": true}\n]';
    const { records, problems } = parseJsonDocument(text, { file: 'f.json' });
    expect(records).toHaveLength(2);
    expect(problems).toEqual([
      { file: 'f.json', line: 3, message: 'item 2: year true is not a year: left out' },
    ]);
  });

  it('reads an array: number ids become strings, "text" is the abstract, dates give years', async () => {
    const { papers, problems } = await loadCorpus(fixture('json/papers.json'));
    expect(papers).toEqual([
      {
        id: '42',
        title: 'Branch-Solve-Merge Improves Large Language Model Evaluation and Generation',
        abstract:
          'We propose Branch-Solve-Merge (BSM), a Large Language Model program for tackling challenging natural language tasks.',
        authors: ['Swarnadeep Saha', 'Omer Levy', 'Asli Celikyilmaz'],
        year: 2023,
        venue: 'NAACL 2024',
        url: 'https://arxiv.org/pdf/2310.15123v1.pdf',
        arxiv: '2310.15123',
        collection: 'papers',
      },
      {
        id: '10.1234/example.5678',
        title: 'A Paper Known by its DOI',
        abstract: 'An abstract with emphasis and a cost of O(n²).',
        authors: ['Ada Lovelace', 'Alan Turing'],
        year: 2021,
        venue: 'Journal of Examples',
        url: 'https://doi.org/10.1234/example.5678',
        doi: '10.1234/example.5678',
        collection: 'papers',
      },
    ]);
    expect(problems).toEqual([
      { file: fixture('json/papers.json'), line: 11, message: 'item 2 is not an object' },
      { file: fixture('json/papers.json'), line: 12, message: 'item 3: no title and no abstract' },
    ]);
  });

  it('reads the array held by a wrapping object', () => {
    const { records } = parseJsonDocument(
      '{"papers": [{"id": "w1", "title": "Wrapped", "abstract": "Inside."}]}',
      { file: 'w.json' },
    );
    expect(records.map((record) => record.inputId)).toEqual(['w1']);
  });

  it('reads JSON Lines saved with a .json extension', () => {
    // Written here rather than as a fixture: the linter rightly refuses it as a .json file.
    const text =
      '{"id": "l1", "title": "One", "abstract": "A."}\n{"id": "l2", "title": "Two", "abstract": "B."}\n';
    const { records, problems } = parseJsonDocument(text, { file: 'lines.json' });
    expect(problems).toEqual([]);
    expect(records.map((record) => [record.inputId, record.line])).toEqual([
      ['l1', 1],
      ['l2', 2],
    ]);
  });

  it('reports a syntax error with its line', () => {
    const { records, problems } = parseJsonDocument(
      '[\n  {"title": "A", "abstract": "x"}\n  {"title": "B"}\n]',
      {
        file: 'broken.json',
      },
    );
    expect(records).toEqual([]);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.line).toBe(3);
    expect(problems[0]!.message).toMatch(/^not valid JSON/);
  });

  it('says what it expected when the JSON holds no papers', () => {
    expect(parseJsonDocument('"just a string"', { file: 's.json' }).problems).toEqual([
      { file: 's.json', message: 'expected an array of paper objects' },
    ]);
  });
});
