import type { Paper } from '../types.ts';
import { escapeBibtex, escapeBibtexTitle } from './bibtex-escape.ts';
import { citationKey } from './citation-key.ts';
import { type PersonName, parseName } from './parse-name.ts';
import { plainText } from './plain-text.ts';
import { publicationOf } from './venue-kind.ts';

/**
 * A BibTeX entry for a paper, under the source's own citation key when it has one: `@inproceedings`
 * (with `booktitle`) for conference papers,
 * `@article` (with `journal`) for journal papers, `@misc` for preprints and anything else; for an
 * arXiv paper also `eprint` and `archivePrefix = {arXiv}` (`primaryClass` is left out because the
 * corpus does not record the category). Authors are `Last, First and Last, First`, text fields are
 * escaped for LaTeX, and `doi`/`url` are written verbatim as biblatex and the url package expect.
 */
export function toBibtex(paper: Paper): string {
  const publication = publicationOf(paper);
  const type =
    publication.kind === 'conference'
      ? 'inproceedings'
      : publication.kind === 'journal'
        ? 'article'
        : 'misc';
  // A preprint server other than arXiv has no eprint convention: it is named in howpublished.
  const containerField =
    type === 'inproceedings'
      ? 'booktitle'
      : type === 'article'
        ? 'journal'
        : publication.arxiv
          ? undefined
          : 'howpublished';
  const fields: Array<[string, string | undefined]> = [
    ['author', bibtexAuthors(paper.authors)],
    ['title', escapeBibtexTitle(plainText(paper.title))],
    [containerField ?? '', containerField && texOf(publication.container)],
    ['volume', texOf(paper.volume)],
    ['number', texOf(paper.number)],
    ['pages', texOf(paper.pages)],
    ['year', publication.year === undefined ? undefined : String(publication.year)],
    ['doi', verbatim(paper.doi)],
    ['eprint', verbatim(publication.arxiv)],
    ['archivePrefix', publication.arxiv ? 'arXiv' : undefined],
    ['url', verbatim(paper.url)],
  ];
  const body = fields
    .filter((f): f is [string, string] => f[1] !== undefined && f[1] !== '')
    .map(([name, value]) => `  ${name} = {${value}}`)
    .join(',\n');
  return `@${type}{${entryKey(paper)},\n${body}\n}`;
}

/** A key BibTeX can read: no spaces, braces, quotes, commas, `#`, `%`, `=` or backslashes. */
const USABLE_KEY = /^[^\s{}(),"#%'=\\~]+$/u;

/** The source's own key when it has a usable one (a BibTeX corpus' label), else a generated one. */
function entryKey(paper: Paper): string {
  const own = paper.citationKey?.trim();
  return own && USABLE_KEY.test(own) ? own : citationKey(paper);
}

/** `Zhou, Chunting and van der Berg, Jan and King, Jr., Martin Luther`. */
function bibtexAuthors(authors: readonly string[]): string | undefined {
  const names = authors
    .map((author) => bibtexName(parseName(plainText(author))))
    .filter((name) => name !== '');
  return names.length > 0 ? names.join(' and ') : undefined;
}

function bibtexName(name: PersonName): string {
  // A one-word name or organisation is braced so BibTeX never splits or abbreviates it.
  if (name.literal) return `{${escapeBibtex(name.literal)}}`;
  const last = [name.particle, name.family].filter(Boolean).map((p) => escapeBibtex(p!));
  const parts = [last.join(' ')];
  if (name.suffix) parts.push(escapeBibtex(name.suffix));
  if (name.given) parts.push(escapeBibtex(name.given));
  else if (name.suffix) parts.push('');
  return parts.join(', ');
}

function texOf(text: string | undefined): string | undefined {
  return text === undefined ? undefined : escapeBibtex(plainText(text));
}

/** URLs and DOIs are verbatim fields; only characters that would break the entry are encoded. */
function verbatim(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  return value
    .trim()
    .replace(/[{}\s\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}
