import { createRequire } from 'node:module';
import type { Paper } from '../types.ts';
import { type PersonName, parseName } from './parse-name.ts';
import { plainText, typographicApostrophes } from './plain-text.ts';
import { publicationOf } from './venue-kind.ts';

/** The slice of `@citation-js/core` used here (the package ships no types). */
interface CitationJsCore {
  plugins: {
    output: {
      format(name: 'bibliography', data: CslItem[], options: Record<string, string>): string;
    };
  };
}

/** A CSL-JSON item, as citeproc reads it. */
interface CslItem {
  id: string;
  type: 'article' | 'article-journal' | 'paper-conference';
  title: string;
  author?: Array<Record<string, string>>;
  issued?: { 'date-parts': number[][] };
  'container-title'?: string;
  publisher?: string;
  number?: string;
  volume?: string;
  issue?: string;
  page?: string;
  DOI?: string;
  URL?: string;
}

/** Options for citation-js' CSL plugin: its bundled APA 7 template, plain text, US English. */
const APA_OPTIONS = { template: 'apa', format: 'text', lang: 'en-US' } as const;

let core: CitationJsCore | undefined;

/**
 * citation-js is CommonJS: it is loaded with `require` (the same module instance an ESM `import`
 * would share) once, on first use, and its CSL plugin registers itself with the core.
 */
function citationJs(): CitationJsCore {
  if (!core) {
    const require = createRequire(import.meta.url);
    core = require('@citation-js/core') as CitationJsCore;
    require('@citation-js/plugin-csl');
  }
  return core;
}

/**
 * An APA 7 reference (plain text) through citation-js' citeproc engine and its bundled `apa`
 * style: authors `Zhou, C., Liu, P., & Le Scao, T.`, `(n.d.)` without a year, the title first
 * without authors, a preprint as `(arXiv:2305.11206). arXiv.`, the DOI (as a link) before the URL.
 * Deterministic: no access date is ever given, so no "Retrieved …" line appears.
 */
export function toApa(paper: Paper): string {
  return citationJs()
    .plugins.output.format('bibliography', [toCsl(paper)], APA_OPTIONS)
    .trim();
}

function toCsl(paper: Paper): CslItem {
  const publication = publicationOf(paper);
  const item: CslItem = {
    id: paper.id,
    type:
      publication.kind === 'conference'
        ? 'paper-conference'
        : publication.kind === 'journal'
          ? 'article-journal'
          : 'article',
    title: typographicApostrophes(plainText(paper.title)),
  };
  const authors = paper.authors.map((a) =>
    cslName(parseName(typographicApostrophes(plainText(a)))),
  );
  const named = authors.filter((a) => Object.keys(a).length > 0);
  if (named.length > 0) item.author = named;
  if (publication.year !== undefined) item.issued = { 'date-parts': [[publication.year]] };
  if (publication.kind === 'preprint') {
    if (publication.container) item.publisher = publication.container;
    if (publication.arxiv) item.number = `arXiv:${publication.arxiv}`;
  } else if (publication.container) {
    item['container-title'] = plainText(publication.container);
  }
  if (paper.volume) item.volume = plainText(paper.volume);
  if (paper.number) item.issue = plainText(paper.number);
  if (paper.pages) item.page = plainText(paper.pages);
  if (paper.doi) item.DOI = paper.doi;
  if (paper.url) item.URL = paper.url;
  return item;
}

function cslName(name: PersonName): Record<string, string> {
  if (name.literal) return { literal: name.literal };
  const csl: Record<string, string> = {};
  if (name.family) csl.family = name.family;
  if (name.given) csl.given = name.given;
  if (name.particle) csl['non-dropping-particle'] = name.particle;
  if (name.suffix) csl.suffix = name.suffix;
  return csl;
}
