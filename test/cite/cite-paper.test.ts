import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { citePaper } from '../../src/cite/cite-paper.ts';
import { ShammieError } from '../../src/errors.ts';
import type { Paper } from '../../src/types.ts';
import { braceDepthOk } from './tex-braces.ts';

const paper = (overrides: Partial<Paper> = {}): Paper => ({
  id: '2305.11206',
  title: 'LIMA: Less Is More for Alignment',
  abstract: 'Large language models are trained in two stages.',
  authors: ['Chunting Zhou', 'Pengfei Liu', 'Puxin Xu'],
  year: 2023,
  venue: 'NeurIPS 2023',
  arxiv: '2305.11206',
  url: 'https://arxiv.org/abs/2305.11206',
  ...overrides,
});

describe('citePaper: BibTeX', () => {
  it('writes a conference paper as @inproceedings with a stable key and arXiv fields', () => {
    expect(citePaper(paper(), 'bibtex')).toBe(
      [
        '@inproceedings{zhou2023lima,',
        '  author = {Zhou, Chunting and Liu, Pengfei and Xu, Puxin},',
        '  title = {{LIMA}: Less Is More for Alignment},',
        '  booktitle = {NeurIPS 2023},',
        '  year = {2023},',
        '  eprint = {2305.11206},',
        '  archivePrefix = {arXiv},',
        '  url = {https://arxiv.org/abs/2305.11206}',
        '}',
      ].join('\n'),
    );
  });

  it('writes an arXiv-only paper as @misc with eprint and no primaryClass', () => {
    const text = citePaper(paper({ venue: undefined }), 'bibtex');
    expect(text).toMatch(/^@misc\{zhou2023lima,\n/);
    expect(text).toContain('  eprint = {2305.11206},\n  archivePrefix = {arXiv},');
    expect(text).not.toContain('primaryClass');
    expect(text).not.toContain('howpublished');
  });

  it('writes a journal paper as @article with its journal and DOI', () => {
    const text = citePaper(
      paper({
        venue: 'Nature Human Behaviour',
        doi: '10.1038/s41562-023-01234-x',
        arxiv: undefined,
        url: undefined,
      }),
      'bibtex',
    );
    expect(text).toMatch(/^@article\{zhou2023lima,\n/);
    expect(text).toContain('  journal = {Nature Human Behaviour},');
    expect(text).toContain('  doi = {10.1038/s41562-023-01234-x}');
    expect(text).not.toContain('eprint');
  });

  it('keeps particles and compound family names in "Last, First" order', () => {
    const text = citePaper(
      paper({ authors: ['Jan van der Berg', 'Teven Le Scao', 'Martin Luther King Jr.', 'OpenAI'] }),
      'bibtex',
    );
    expect(text).toContain(
      '  author = {van der Berg, Jan and Le Scao, Teven and King, Jr., Martin Luther and {OpenAI}},',
    );
    expect(text).toMatch(/^@inproceedings\{vanderberg2023lima,/);
  });

  it('escapes special characters and accented letters in every text field', () => {
    const text = citePaper(
      paper({
        title: 'Café & Crème: 100% of $5 for #1_x ~ ^ \\ "quoted"',
        authors: ['Jérôme Łukasz Müller'],
        venue: 'Proceedings of R&D Conference',
      }),
      'bibtex',
    );
    expect(text).toContain('  author = {M{\\"u}ller, J{\\\'e}r{\\^o}me {\\L}ukasz},');
    expect(text).toContain(
      "  title = {Caf{\\'e} \\& Cr{\\`e}me: 100\\% of \\$5 for \\#1\\_x \\textasciitilde{} \\textasciicircum{} \\textbackslash{} ``quoted''},",
    );
    expect(text).toContain('  booktitle = {Proceedings of R\\&D Conference},');
    expect(text).toMatch(/^@inproceedings\{muller2023cafe,/);
  });

  it('cleans LaTeX leftovers in titles before escaping them again', () => {
    const text = citePaper(
      paper({ title: 'On \\emph{Tiny} {BERT}s: $O(n^2)$ is {\\"u}ber' }),
      'bibtex',
    );
    // Written in sentence case ("is", "über"), so the capitalised "Tiny" is protected too.
    expect(text).toContain(
      '  title = {On {Tiny} {BERTs}: {O(n\\textasciicircum{}2}) is {\\"u}ber},',
    );
    expect(text).toMatch(/\{zhou2023tiny,/);
  });

  it('keeps escaped braces as braces but drops protective ones', () => {
    expect(citePaper(paper({ title: 'The \\{0,1\\} {Knapsack}' }), 'bibtex')).toContain(
      '  title = {The \\{0,1\\} Knapsack},',
    );
    expect(citePaper(paper({ title: 'The \\{0,1\\} {Knapsack}' }), 'mla')).toContain(
      '"The {0,1} Knapsack."',
    );
  });

  it('leaves out what is unknown and still gives a usable key', () => {
    expect(
      citePaper(
        paper({ authors: [], year: undefined, venue: undefined, arxiv: undefined, url: undefined }),
        'bibtex',
      ),
    ).toBe('@misc{lima,\n  title = {{LIMA}: Less Is More for Alignment}\n}');
  });

  it('keeps balanced braces and a plain ASCII key whatever the metadata', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 40 }),
        fc.array(fc.string({ unit: 'binary', maxLength: 20 }), { maxLength: 4 }),
        fc.option(fc.string({ maxLength: 20 }), { nil: undefined }),
        (title, authors, venue) => {
          const text = citePaper(paper({ title, authors, venue }), 'bibtex');
          expect(text).toMatch(/^@(inproceedings|article|misc)\{[a-z0-9]+,\n/);
          expect(braceDepthOk(text.slice(text.indexOf(',') + 1, -1))).toBe(true);
        },
      ),
    );
  });
});

describe('citePaper: APA', () => {
  it('lists every author with initials, "&" before the last', () => {
    expect(citePaper(paper(), 'apa')).toBe(
      'Zhou, C., Liu, P., & Xu, P. (2023). LIMA: Less Is More for Alignment. NeurIPS 2023. https://arxiv.org/abs/2305.11206',
    );
  });

  it('cites an arXiv preprint with its identifier and the server as publisher', () => {
    expect(citePaper(paper({ venue: undefined, authors: ['Teven Le Scao'] }), 'apa')).toBe(
      'Le Scao, T. (2023). LIMA: Less Is More for Alignment (arXiv:2305.11206). arXiv. https://arxiv.org/abs/2305.11206',
    );
  });

  it('handles two authors, particles and the DOI link', () => {
    expect(
      citePaper(
        paper({
          authors: ['Jan van der Berg', 'Hugo De Vries'],
          venue: 'Nature',
          doi: '10.1038/xyz',
        }),
        'apa',
      ),
    ).toBe(
      'van der Berg, J., & De Vries, H. (2023). LIMA: Less Is More for Alignment. Nature. https://doi.org/10.1038/xyz',
    );
  });

  it('puts the title first and "(n.d.)" when author and year are unknown', () => {
    expect(
      citePaper(
        paper({ authors: [], year: undefined, venue: undefined, arxiv: undefined, url: undefined }),
        'apa',
      ),
    ).toBe('LIMA: Less Is More for Alignment. (n.d.).');
  });

  it('is deterministic and never adds an access date', () => {
    const first = citePaper(paper({ title: 'Another Title' }), 'apa');
    expect(citePaper(paper({ title: 'Another Title' }), 'apa')).toBe(first);
    expect(first).not.toMatch(/Retrieved|Accessed/i);
  });

  it('gives the latest data even for a reused paper id', () => {
    expect(citePaper(paper({ title: 'First' }), 'apa')).toContain('First.');
    expect(citePaper(paper({ title: 'Second' }), 'apa')).toContain('Second.');
  });
});

describe('citePaper: MLA', () => {
  it('cites three or more authors as "et al." and skips a year the venue already names', () => {
    expect(citePaper(paper(), 'mla')).toBe(
      'Zhou, Chunting, et al. "LIMA: Less Is More for Alignment." NeurIPS 2023, https://arxiv.org/abs/2305.11206.',
    );
  });

  it('cites one author inverted and an arXiv preprint with its year', () => {
    expect(citePaper(paper({ authors: ['Teven Le Scao'], venue: undefined }), 'mla')).toBe(
      'Le Scao, Teven. "LIMA: Less Is More for Alignment." arXiv, 2023, https://arxiv.org/abs/2305.11206.',
    );
  });

  it('cites two authors as "Last, First, and First Last"', () => {
    expect(
      citePaper(
        paper({ authors: ['Jan van der Berg', 'Quoc V. Le'], venue: 'Nature', doi: '10.1038/xyz' }),
        'mla',
      ),
    ).toBe(
      'van der Berg, Jan, and Quoc V. Le. "LIMA: Less Is More for Alignment." Nature, 2023, https://doi.org/10.1038/xyz.',
    );
  });

  it('keeps a title’s own question mark and turns its quotation marks single', () => {
    expect(
      citePaper(
        paper({ title: 'Is "Attention" All You Need?', authors: ['Martin Luther King Jr.'] }),
        'mla',
      ),
    ).toBe(
      'King, Martin Luther, Jr. "Is ‘Attention’ All You Need?" NeurIPS 2023, https://arxiv.org/abs/2305.11206.',
    );
  });

  it('starts with the title when there is no author', () => {
    expect(
      citePaper(
        paper({ authors: [], year: undefined, venue: undefined, arxiv: undefined, url: undefined }),
        'mla',
      ),
    ).toBe('"LIMA: Less Is More for Alignment."');
  });
});

describe('citePaper: formats', () => {
  it('accepts format names in any case', () => {
    expect(citePaper(paper(), 'BibTeX')).toBe(citePaper(paper(), 'bibtex'));
    expect(citePaper(paper(), ' APA ')).toBe(citePaper(paper(), 'apa'));
  });

  it('uses BibTeX when no format is given', () => {
    expect(citePaper(paper())).toMatch(/^@inproceedings\{/);
  });

  it('refuses an unknown format with BAD_FORMAT and the list of formats', () => {
    expect(() => citePaper(paper(), 'chicago')).toThrow(ShammieError);
    try {
      citePaper(paper(), 'chicago');
    } catch (error) {
      expect(error).toMatchObject({
        code: 'BAD_FORMAT',
        message: 'Citation formats: bibtex, apa, mla.',
      });
    }
  });

  it('never throws for any title, authors or venue, in any format', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 40 }),
        fc.array(fc.string({ unit: 'binary', maxLength: 20 }), { maxLength: 4 }),
        fc.option(fc.string({ maxLength: 20 }), { nil: undefined }),
        fc.constantFrom('bibtex', 'apa', 'mla'),
        (title, authors, venue, format) => {
          expect(typeof citePaper(paper({ title, authors, venue }), format)).toBe('string');
        },
      ),
      { numRuns: 60 },
    );
  });
});
