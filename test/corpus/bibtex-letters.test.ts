import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { citePaper } from '../../src/cite/cite-paper.ts';
import { plainText } from '../../src/cite/plain-text.ts';
import { parseBibtex } from '../../src/corpus/bibtex-format.ts';
import { loadCorpus } from '../../src/corpus/load-corpus.ts';
import type { Paper } from '../../src/types.ts';

/** Every LaTeX text-mode letter command and the letter it prints. */
const LETTERS: ReadonlyArray<[string, string]> = [
  ['AA', 'Å'],
  ['aa', 'å'],
  ['AE', 'Æ'],
  ['ae', 'æ'],
  ['O', 'Ø'],
  ['o', 'ø'],
  ['OE', 'Œ'],
  ['oe', 'œ'],
  ['ss', 'ß'],
  ['L', 'Ł'],
  ['l', 'ł'],
  ['i', 'ı'],
  ['j', 'ȷ'],
];

/** The ways a letter command is written inside a word: braced, with `{}`, or ended by a space. */
const FORMS = [(c: string) => `{\\${c}}`, (c: string) => `\\${c}{}`, (c: string) => `\\${c} `];

/** A one-file BibTeX corpus, loaded through the real loader (served from memory). */
async function loadBib(text: string): Promise<Paper[]> {
  const file = '/c/refs.bib';
  const { papers } = await loadCorpus('/c', {
    readFile: async () => text,
    createReadStream: () => ({
      async *[Symbol.asyncIterator]() {
        yield Buffer.from(text, 'utf8');
      },
    }),
    readdir: async () => ['refs.bib'],
    stat: async (path) => ({
      isFile: () => path === file,
      isDirectory: () => path === '/c',
      size: Buffer.byteLength(text),
    }),
  });
  return papers;
}

const entry = (author: string, title = 'A Title', extra = '') =>
  `@article{key1,\n  author = {${author}},\n  title = {${title}},\n  abstract = {An abstract.},\n  journal = {A Journal},
  year = {1965}${extra}\n}\n`;

const authorsOf = (bib: string) => parseBibtex(bib, { file: 'f.bib' }).records[0]!.authors;

describe('LaTeX letters in BibTeX names and titles', () => {
  it('keeps the letters of the names the issue lists', () => {
    expect(authorsOf(entry('{\\AA}str{\\"o}m, Karl'))).toEqual(['Karl Åström']);
    expect(authorsOf(entry('Ng, {\\AA}sa'))).toEqual(['Åsa Ng']);
    expect(authorsOf(entry('H\\aa{}kon Wium Lie'))).toEqual(['Håkon Wium Lie']);
    expect(authorsOf(entry('M\\o ller, Bj\\"{o}rn and {\\L}ukasz Kaiser'))).toEqual([
      'Björn Møller',
      'Łukasz Kaiser',
    ]);
  });

  it('keeps them in titles and abstracts, where a space after the command only ends its name', () => {
    const { records } = parseBibtex(
      entry('A, B', '{\\AA}ngstr{\\"o}m, \\OE uvre, \\o l, Stra\\ss e and \\AE{}sir'),
      { file: 'f.bib' },
    );
    expect(records[0]!.title).toBe('Ångström, Œuvre, øl, Straße and Æsir');
  });

  it('cites them in every format, BibTeX writing them back as LaTeX', async () => {
    const [paper] = await loadBib(
      entry('{\\AA}str{\\"o}m, Karl and Ng, {\\AA}sa', '{\\AA}ngstr{\\"o}m Units'),
    );
    expect(citePaper(paper!, 'bibtex')).toContain(
      '  author = {{\\AA}str{\\"o}m, Karl and Ng, {\\AA}sa},\n  title = {{\\AA}ngstr{\\"o}m Units},',
    );
    expect(citePaper(paper!, 'apa')).toBe(
      'Åström, K., & Ng, Å. (1965). Ångström Units. A Journal.',
    );
    expect(citePaper(paper!, 'mla')).toBe(
      'Åström, Karl, and Åsa Ng. "Ångström Units." A Journal, 1965.',
    );
  });

  it('reads every letter command in every form inside a family name, a given name and a title', () => {
    const word = fc.stringMatching(/^[a-z]{0,5}$/);
    fc.assert(
      fc.property(
        fc.constantFrom(...LETTERS),
        fc.constantFrom(...FORMS),
        word,
        word,
        ([command, letter], form, before, after) => {
          const written = `${before}${form(command)}${after}`;
          const shown = `${before}${letter}${after}`;
          const family = `Q${written}`;
          const { records } = parseBibtex(
            entry(`${family}, Xy${written} and Zed`, `On ${written}`),
            {
              file: 'f.bib',
            },
          );
          const record = records[0]!;
          expect(record.authors).toEqual([`Xy${shown} Q${shown}`, 'Zed']);
          expect(record.title).toBe(`On ${shown}`);
          // The citation side reads the same LaTeX the same way.
          expect(plainText(`Q${written}`)).toBe(`Q${shown}`.normalize('NFC'));
        },
      ),
      { numRuns: 200 },
    );
  });
});

/** Accent commands and the combining mark each puts on the letter after it. */
const ACCENTS: ReadonlyArray<[string, string]> = [
  ['"', '\u0308'],
  ["'", '\u0301'],
  ['`', '\u0300'],
  ['^', '\u0302'],
  ['~', '\u0303'],
  ['=', '\u0304'],
  ['.', '\u0307'],
  ['u', '\u0306'],
  ['v', '\u030C'],
  ['H', '\u030B'],
  ['c', '\u0327'],
  ['k', '\u0328'],
  ['r', '\u030A'],
  ['d', '\u0323'],
  ['b', '\u0331'],
];

/** An accent on a letter: braced around, braced argument, or a space before the argument. */
const ACCENT_FORMS = [
  (a: string, x: string) => `{\\${a}${/[a-z]/i.test(a) ? ' ' : ''}${x}}`,
  (a: string, x: string) => `\\${a}{${x}}`,
  (a: string, x: string) => `\\${a} ${x}`,
];

describe('LaTeX accents in BibTeX names and titles', () => {
  it('reads every accent in every form the same way in names, titles and citations', () => {
    const word = fc.stringMatching(/^[a-z]{0,4}$/);
    fc.assert(
      fc.property(
        fc.constantFrom(...ACCENTS),
        fc.constantFrom(...ACCENT_FORMS),
        fc.constantFrom(...'aceginosuzAEOS'),
        word,
        ([accent, mark], form, base, after) => {
          const written = `${form(accent, base)}${after}`;
          const shown = `${base}${mark}${after}`.normalize('NFC');
          const { records } = parseBibtex(entry(`Q${written}, Xy${written}`, `On ${written}`), {
            file: 'f.bib',
          });
          expect(records[0]!.authors).toEqual([`Xy${shown} Q${shown}`]);
          expect(records[0]!.title).toBe(`On ${shown}`);
          expect(plainText(`Q${written}`)).toBe(`Q${shown}`);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('what a BibTeX corpus says about its entries', () => {
  it("keeps the entry's own key, volume, number and pages in every format", async () => {
    const [paper] = await loadBib(
      entry('Levy, Omer', 'A Title', ',\n  volume = {12},\n  number = {3},\n  pages = {101--110}'),
    );
    expect(citePaper(paper!, 'bibtex')).toBe(
      [
        '@article{key1,',
        '  author = {Levy, Omer},',
        '  title = {A Title},',
        '  journal = {A Journal},',
        '  volume = {12},',
        '  number = {3},',
        '  pages = {101--110},',
        '  year = {1965}',
        '}',
      ].join('\n'),
    );
    expect(citePaper(paper!, 'apa')).toBe('Levy, O. (1965). A Title. A Journal, 12(3), 101–110.');
    expect(citePaper(paper!, 'mla')).toBe(
      'Levy, Omer. "A Title." A Journal, vol. 12, no. 3, 1965, pp. 101–110.',
    );
  });

  it('reports a year of the wrong kind with the entry and its line', () => {
    const { records, problems } = parseBibtex(
      `\n${entry('Levy, Omer').replace('1965', 'nineteen')}`,
      {
        file: 'f.bib',
      },
    );
    expect(records[0]!.year).toBeUndefined();
    expect(problems).toEqual([
      {
        file: 'f.bib',
        line: 2,
        message: '@article{key1}: year "nineteen" is not a year: left out',
      },
    ]);
  });
});

describe('apostrophes', () => {
  it('are written one way in every plain-text format, and as LaTeX in BibTeX', () => {
    const paper: Paper = {
      id: 'x',
      title: "Don't Stop: O’Brien's Model",
      abstract: '',
      authors: ["Seán O'Brien", 'Mary D’Arcy'],
      year: 2020,
      venue: 'ACL 2020',
    };
    expect(citePaper(paper, 'apa')).toBe(
      'O’Brien, S., & D’Arcy, M. (2020). Don’t Stop: O’Brien’s Model. ACL 2020.',
    );
    expect(citePaper(paper, 'mla')).toBe(
      'O’Brien, Seán, and Mary D’Arcy. "Don’t Stop: O’Brien’s Model." ACL 2020.',
    );
    expect(citePaper(paper, 'bibtex')).toContain(
      "  author = {O'Brien, Se{\\'a}n and D'Arcy, Mary},\n  title = {Don't Stop: {O'Brien's} Model},",
    );
  });
});
