import { describe, expect, it } from 'vitest';
import { parseBibtex } from '../../src/corpus/bibtex-format.ts';
import { loadCorpus } from '../../src/corpus/load-corpus.ts';
import { fixture } from './fixture-path.ts';

describe('BibTeX as Zotero exports it', () => {
  it('reads titles, "Last, First" authors, accents, the arXiv note and the DOI', async () => {
    const { papers, problems } = await loadCorpus(fixture('bibtex/zotero.bib'));
    expect(problems).toEqual([]);
    const [lima, tokenizer] = papers;
    expect(lima).toMatchObject({
      id: '2305.11206',
      title: 'LIMA: Less Is More for Alignment',
      authors: ['Chunting Zhou', 'Pengfei Liu', 'Puxin Xu', 'Srini Iyer', 'Omer Levy'],
      year: 2023,
      arxiv: '2305.11206',
      doi: '10.48550/arxiv.2305.11206',
      url: 'http://arxiv.org/abs/2305.11206',
    });
    expect(lima!.venue).toBeUndefined();
    expect(lima!.abstract).toMatch(/^Large language models are trained in two stages/);
    expect(lima!.abstract).toContain('training LIMA, a 65B parameter LLaMa language model');
    expect(tokenizer).toEqual({
      id: '10.18653/v1/2021.cafe-1.3',
      title: "Schrödinger's Tokenizer: Naïve Segmentation in Français and Español",
      abstract:
        'We segment words in French and Spanish with a budget of O(n log n) operations and α ≤ 0.5, reaching 95% accuracy – a gain of 3 points.',
      authors: ['Jörg Müller', 'René François', 'María de la Cruz', 'Søren Østergaard'],
      year: 2021,
      venue: 'Proceedings of the Workshop on Café Linguistics',
      url: 'https://doi.org/10.18653/v1/2021.cafe-1.3',
      doi: '10.18653/v1/2021.cafe-1.3',
      citationKey: 'muller_schrodinger_2021',
      pages: '12–20',
      collection: 'zotero',
    });
  });
});

describe('BibTeX as arXiv exports it', () => {
  it('reads eprint with archivePrefix, without version, and old-style ids', async () => {
    const { papers } = await loadCorpus(fixture('bibtex/arxiv.bib'));
    expect(papers.map(({ id, arxiv, url, year }) => ({ id, arxiv, url, year }))).toEqual([
      {
        id: '2404.08801',
        arxiv: '2404.08801',
        url: 'https://arxiv.org/abs/2404.08801',
        year: 2024,
      },
      {
        id: 'hep-th/9901001',
        arxiv: 'hep-th/9901001',
        url: 'https://arxiv.org/abs/hep-th/9901001',
        year: 1999,
      },
    ]);
    expect(papers[0]!.authors).toHaveLength(10);
    expect(papers[0]!.authors[0]).toBe('Xuezhe Ma');
    expect(papers[1]!.authors).toEqual(['Edward Witten']);
  });
});

describe('BibTeX as DBLP exports it', () => {
  it('reads "First Last and" lists over many lines, @string macros and escaped urls', () => {
    const text = `@string{neurips = "Advances in Neural Information Processing Systems"}
@inproceedings{DBLP:conf/nips/X23,
  author       = {Yuval Kirstain and
                  Omer Levy},
  title        = {Pick-a-Pic: An Open Dataset},
  booktitle    = neurips # " 36",
  year         = {2023},
  url          = {http://papers.nips.cc/paper\\_files/paper/2023/hash/x-Abstract.html},
  abstract     = {We build Pick-a-Pic.}
}
@article{DBLP:journals/corr/abs-2305-11206,
  author       = {Chunting Zhou},
  title        = {{LIMA:} Less Is More for Alignment},
  journal      = {CoRR},
  volume       = {abs/2305.11206},
  year         = {2023},
  doi          = {10.48550/ARXIV.2305.11206},
  eprinttype    = {arXiv},
  eprint       = {2305.11206},
  abstract     = {Alignment from few examples.}
}`;
    const { records, problems } = parseBibtex(text, { file: 'dblp.bib' });
    expect(problems).toEqual([]);
    expect(records[0]).toMatchObject({
      title: 'Pick-a-Pic: An Open Dataset',
      authors: ['Yuval Kirstain', 'Omer Levy'],
      venue: 'Advances in Neural Information Processing Systems 36',
      url: 'http://papers.nips.cc/paper_files/paper/2023/hash/x-Abstract.html',
      line: 2,
    });
    expect(records[1]).toMatchObject({
      title: 'LIMA: Less Is More for Alignment',
      arxiv: '2305.11206',
      doi: '10.48550/arxiv.2305.11206',
      line: 11,
    });
    // "CoRR" only says "on arXiv", which the arXiv id says already.
    expect(records[1]!.venue).toBeUndefined();
  });

  it('drops an entry without abstract unless another entry of the same paper has one', async () => {
    const { papers, problems } = await loadCorpus(fixture('bibtex/dblp.bib'));
    expect(papers.map((paper) => paper.title)).toEqual([
      'Pick-a-Pic: An Open Dataset of User Preferences for Text-to-Image Generation',
    ]);
    expect(problems).toEqual([
      {
        file: fixture('bibtex/dblp.bib'),
        line: 3,
        message: '"LIMA: Less Is More for Alignment" has no abstract (no other entry supplies one)',
      },
    ]);
  });
});

describe('BibTeX as Google Scholar exports it', () => {
  it('finds the arXiv id in "arXiv preprint arXiv:…" and drops "others"', () => {
    const { records } = parseBibtex(
      '@article{z,\n  title={Lima: Less is more for alignment},\n  author={Zhou, Chunting and Liu, Pengfei and others},\n  journal={arXiv preprint arXiv:2305.11206},\n  year={2023}\n}',
      { file: 'scholar.bib' },
    );
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      title: 'Lima: Less is more for alignment',
      authors: ['Chunting Zhou', 'Pengfei Liu'],
      arxiv: '2305.11206',
      year: 2023,
    });
    expect(records[0]!.venue).toBeUndefined();
  });

  it('says why a file of entries without abstracts gives no papers', async () => {
    await expect(loadCorpus(fixture('bibtex/google-scholar.bib'))).rejects.toMatchObject({
      code: 'EMPTY_CORPUS',
      message: expect.stringMatching(
        /google-scholar\.bib:1: "Lima: Less is more for alignment" has no abstract/,
      ),
    });
  });
});

describe('broken BibTeX', () => {
  it('reports each bad entry with its line and loads the others', async () => {
    const file = fixture('malformed/broken.bib');
    const { papers, problems } = await loadCorpus(file);
    expect(papers.map((paper) => paper.title)).toEqual([
      'A Good Entry Before',
      'A Good Entry After',
    ]);
    expect(problems).toEqual([
      { file, line: 9, message: 'unbalanced braces: this entry never closes' },
      { file, line: 20, message: '@misc{empty}: no title and no abstract' },
      { file, line: 25, message: 'unbalanced braces: the entry closes before its last field' },
      { file, line: 35, message: expect.stringMatching(/^BibTeX syntax error: /) },
      {
        file,
        line: 30,
        message: '"A Title Without Abstract" has no abstract (no other entry supplies one)',
      },
    ]);
  });

  it('reports a file without any entry', () => {
    expect(parseBibtex('% only a comment\nand text', { file: 'c.bib' }).problems).toEqual([
      { file: 'c.bib', message: 'no BibTeX entries (@type{key, …}) found' },
    ]);
  });

  it('passes over @comment and @preamble, and reads (…)-delimited entries', () => {
    const { records, problems } = parseBibtex(
      '@comment{anything {goes} here}\n@preamble{"\\newcommand{\\x}{y}"}\n@article(p, title = {Parens}, abstract = {Delimited by parentheses.})',
      { file: 'p.bib' },
    );
    expect(problems).toEqual([]);
    expect(records.map((record) => record.title)).toEqual(['Parens']);
  });

  it('does not hang on a huge unclosed entry', () => {
    const huge = `@article{x, title = {${'word {'.repeat(200_000)}`;
    const { records, problems } = parseBibtex(huge, { file: 'huge.bib' });
    expect(records).toEqual([]);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toMatch(/too long|never closes/);
  });
});
