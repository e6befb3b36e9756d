import { parseArxivId, parseDoi } from '../corpus/paper-ids.ts';
import type { Paper } from '../types.ts';
import { shortName } from './paper-reference.ts';
import { fold, plainWords } from './text-analysis.ts';

/** Folded title words joined by single spaces: the key of an exact-title match. */
export function titleKey(title: string): string {
  return plainWords(title).join(' ');
}

/** Folded words of a short name run together: "Pick-a-Pic", "pick a pic" → "pickapic". */
function nameKey(name: string): string {
  return plainWords(name).join('');
}

/**
 * Exact look-ups of papers by what identifies them: id, arXiv id, DOI, URL, exact title and
 * the short name a title opens with ("LIMA: Less Is More…" → LIMA). Each map keeps the first
 * paper per key (corpus order), so answers are deterministic; a short name two papers share
 * names neither.
 */
export function createPaperDirectory(papers: readonly Paper[]) {
  const byId = new Map<string, number>();
  const byArxiv = new Map<string, number>();
  const byDoi = new Map<string, number>();
  const byUrl = new Map<string, number>();
  const byTitle = new Map<string, number>();
  const byShortName = new Map<string, number>();
  const sharedNames = new Set<string>();
  const keep = (map: Map<string, number>, key: string | undefined, doc: number): void => {
    if (key && !map.has(key)) map.set(key, doc);
  };
  papers.forEach((paper, doc) => {
    keep(byId, paper.id, doc);
    keep(byId, fold(paper.id), doc);
    keep(byArxiv, paper.arxiv, doc);
    keep(byDoi, paper.doi?.toLowerCase(), doc);
    keep(byUrl, paper.url ? normalizeUrl(paper.url) : undefined, doc);
    keep(byTitle, titleKey(paper.title), doc);
    const short = shortName(paper.title);
    const key = short === undefined ? '' : nameKey(short);
    if (key !== '' && byShortName.has(key)) sharedNames.add(key);
    keep(byShortName, key, doc);
  });
  for (const key of sharedNames) byShortName.delete(key);

  return {
    /** The document number of an exactly identified paper, or undefined. */
    find(ref: string): number | undefined {
      const text = ref.trim();
      if (text === '') return undefined;
      const direct = byId.get(text) ?? byId.get(fold(text));
      if (direct !== undefined) return direct;
      const arxiv = parseArxivId(text);
      if (arxiv !== undefined && byArxiv.has(arxiv)) return byArxiv.get(arxiv);
      const doi = parseDoi(text);
      if (doi !== undefined && byDoi.has(doi)) return byDoi.get(doi);
      if (/^https?:\/\//i.test(text)) {
        const url = byUrl.get(normalizeUrl(text));
        if (url !== undefined) return url;
      }
      return byTitle.get(titleKey(text)) ?? byShortName.get(nameKey(text));
    },
    byArxiv: (id: string) => byArxiv.get(id),
    byDoi: (doi: string) => byDoi.get(doi),
    /** The document number of an exact title match. */
    byTitle: (title: string) => byTitle.get(titleKey(title)),
  };
}

function normalizeUrl(url: string): string {
  return url
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\/(www\.)?/, '')
    .replace(/[/#?]+$/, '');
}

export type PaperDirectory = ReturnType<typeof createPaperDirectory>;
