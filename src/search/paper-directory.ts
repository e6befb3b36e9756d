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

/** Keys to document numbers; a key several papers share keeps them all, in corpus order. */
class DocsByKey {
  private readonly map = new Map<string, number | number[]>();

  add(key: string | undefined, doc: number): void {
    if (!key) return;
    const held = this.map.get(key);
    if (held === undefined) this.map.set(key, doc);
    else if (typeof held === 'number') {
      if (held !== doc) this.map.set(key, [held, doc]);
    } else if (held[held.length - 1] !== doc) held.push(doc);
  }

  /** The first live document under a key. */
  first(key: string, isLive: (doc: number) => boolean): number | undefined {
    const held = this.map.get(key);
    if (typeof held === 'number') return isLive(held) ? held : undefined;
    return held?.find(isLive);
  }

  /** The one live document under a key, or undefined when none or several are. */
  only(key: string, isLive: (doc: number) => boolean): number | undefined {
    const held = this.map.get(key);
    if (typeof held === 'number') return isLive(held) ? held : undefined;
    const live = held?.filter(isLive) ?? [];
    return live.length === 1 ? live[0] : undefined;
  }

  /** Every live document under a key. */
  all(key: string, isLive: (doc: number) => boolean): number[] {
    const held = this.map.get(key);
    if (held === undefined) return [];
    return (typeof held === 'number' ? [held] : held).filter(isLive);
  }
}

/**
 * Exact look-ups of papers by what identifies them: id, arXiv id, DOI, URL, exact title and
 * the short name a title opens with ("LIMA: Less Is More…" → LIMA). Each key answers with the
 * first live paper holding it (corpus order), so answers are deterministic and a removed paper
 * is skipped at once; a short name two live papers share names neither. `isLive` says which
 * document numbers are live; papers added later are told with `add`.
 */
export function createPaperDirectory(
  papers: readonly Paper[],
  isLive: (doc: number) => boolean = () => true,
) {
  const byId = new DocsByKey();
  const byArxiv = new DocsByKey();
  const byDoi = new DocsByKey();
  const byUrl = new DocsByKey();
  const byTitle = new DocsByKey();
  const byShortName = new DocsByKey();
  const add = (paper: Paper, doc: number): void => {
    byId.add(paper.id, doc);
    byId.add(fold(paper.id), doc);
    byArxiv.add(paper.arxiv, doc);
    byDoi.add(paper.doi?.toLowerCase(), doc);
    byUrl.add(paper.url ? normalizeUrl(paper.url) : undefined, doc);
    byTitle.add(titleKey(paper.title), doc);
    const short = shortName(paper.title);
    byShortName.add(short === undefined ? '' : nameKey(short), doc);
  };
  papers.forEach(add);

  return {
    /** Indexes a paper added after the directory was made (its number above every other). */
    add,
    /** The document number of an exactly identified paper, or undefined. */
    find(ref: string): number | undefined {
      const text = ref.trim();
      if (text === '') return undefined;
      const direct = byId.first(text, isLive) ?? byId.first(fold(text), isLive);
      if (direct !== undefined) return direct;
      const arxiv = parseArxivId(text);
      const byArxivId = arxiv === undefined ? undefined : byArxiv.first(arxiv, isLive);
      if (byArxivId !== undefined) return byArxivId;
      const doi = parseDoi(text);
      const byDoiName = doi === undefined ? undefined : byDoi.first(doi, isLive);
      if (byDoiName !== undefined) return byDoiName;
      if (/^https?:\/\//i.test(text)) {
        const url = byUrl.first(normalizeUrl(text), isLive);
        if (url !== undefined) return url;
      }
      return byTitle.first(titleKey(text), isLive) ?? byShortName.only(nameKey(text), isLive);
    },
    byArxiv: (id: string) => byArxiv.first(id, isLive),
    byDoi: (doi: string) => byDoi.first(doi, isLive),
    /** The document number of an exact title match. */
    byTitle: (title: string) => byTitle.first(titleKey(title), isLive),
    /** The live papers whose id is exactly `id`. */
    withId: (id: string, paperAt: (doc: number) => Paper) =>
      byId.all(id, isLive).filter((doc) => paperAt(doc).id === id),
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
