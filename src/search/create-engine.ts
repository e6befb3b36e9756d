import { citePaper } from '../cite/cite-paper.ts';
import { dailyPaper } from '../daily/daily-pick.ts';
import type {
  CitationFormat,
  CorpusStats,
  Digest,
  Engine,
  SearchHit,
  SearchOptions,
  SearchResult,
  Summary,
  YearRange,
} from '../engine-types.ts';
import { ShammieError } from '../errors.ts';
import { corpusStats } from '../stats.ts';
import { summarizeAbstract } from '../summary/summarize.ts';
import type { Paper } from '../types.ts';
import { expandWithFeedback, FEEDBACK_DOCS } from './feedback.ts';
import {
  buildIndex,
  buildIndexSteps,
  DEFAULT_BM25F,
  documentFrequency,
  type InvertedIndex,
} from './inverted-index.ts';
import { buildNameIndex, type NameIndex } from './name-index.ts';
import { createPaperDirectory } from './paper-directory.ts';
import {
  type NamedCandidate,
  nameAmong,
  PAPER_PREFIX,
  paperIdentity,
  readReference,
  withoutCitationFiller,
} from './paper-reference.ts';
import {
  hasContent,
  MAX_QUERY_LENGTH,
  type ParsedQuery,
  parseQuery,
  parseYearRange,
} from './query-parser.ts';
import { createVocabulary, queryTerms, SHORT_QUERY_TERMS } from './query-terms.ts';
import { createScorer, docsWithAll, type RankedDocs, topK, type WeightedTerm } from './scorer.ts';
import {
  decodeSnapshot,
  encodeSnapshot,
  indexFromParts,
  partsFromJson,
  partsToJson,
  snapshotParts,
} from './snapshot.ts';
import { makeSnippet } from './snippet.ts';
import { suggestDocs } from './suggest.ts';
import { analyze, plainWords } from './text-analysis.ts';

export { MAX_QUERY_LENGTH };

/** Hits per search unless asked otherwise. */
export const DEFAULT_SEARCH_LIMIT = 10;
/** Distinctive terms of a paper used to find similar ones. */
export const SIMILAR_TERMS = 25;
/** Papers a topic's random pick is drawn from. */
export const RANDOM_TOPIC_POOL = 20;
/**
 * Papers holding every word of a quoted phrase are checked for the words' order up to this
 * many (exact totals); beyond, only those good enough to be shown are (a common phrase in a
 * huge corpus would otherwise re-read tens of thousands of abstracts per query).
 */
export const PHRASE_CHECK_ALL = 2000;
/**
 * A reference's best matches whose identity is checked: among them, one alone must hold every
 * word of the reference for it to name a paper (papers holding them all in their titles rank
 * near the top, so a few dozen suffice).
 */
export const LOOKUP_CANDIDATES = 50;
/** Papers a "no paper matches …" answer suggests. */
export const NOT_FOUND_SUGGESTIONS = 3;

/** Builds the engine over a corpus (the index is built once, here). */
export function createEngine(papers: readonly Paper[]): Engine {
  return engineOver(papers, buildIndex(papers, DEFAULT_BM25F), buildNameIndex(papers));
}

/** What a stepwise build reports and how it lets other work run. */
export interface BuildOptions {
  /** Called with the papers indexed so far and the total, as the build goes. */
  onProgress?: (done: number, total: number) => void;
  /** Awaited between steps so that other work runs, e.g. `() => new Promise(setImmediate)`. */
  pause?: () => Promise<void>;
}

/** Builds the engine in steps, reporting progress and pausing between them. */
export async function buildEngine(
  papers: readonly Paper[],
  options: BuildOptions = {},
): Promise<Engine> {
  const steps = buildIndexSteps(papers, DEFAULT_BM25F);
  for (;;) {
    const step = steps.next();
    if (step.done) {
      await options.pause?.();
      const names = buildNameIndex(papers);
      await options.pause?.();
      const engine = engineOver(papers, step.value, names);
      options.onProgress?.(papers.length, papers.length);
      return engine;
    }
    // Two passes over the papers: half a step of progress each.
    options.onProgress?.(Math.min(papers.length, Math.floor(step.value / 2)), papers.length);
    await options.pause?.();
  }
}

export interface LoadEngineOptions {
  /**
   * The caller has already made sure the papers are those the snapshot was made from (say, by a
   * hash of the corpus files stored with it): skip hashing every paper's text again.
   */
  corpusChecked?: boolean;
}

/**
 * An engine from a snapshot and the same papers: `engine.toJSON()`'s value (or its JSON
 * text), or `engine.toBytes()`'s bytes. Throws a ShammieError when the snapshot is from
 * another version, another corpus, or damaged; callers then build the engine again.
 */
export function loadEngine(
  snapshot: unknown,
  papers: readonly Paper[],
  options: LoadEngineOptions = {},
): Engine {
  const parts = snapshot instanceof Uint8Array ? decodeSnapshot(snapshot) : partsFromJson(snapshot);
  const { index, names } = indexFromParts(parts, papers, options.corpusChecked === true);
  return engineOver(papers, index, names);
}

function engineOver(papers: readonly Paper[], index: InvertedIndex, names: NameIndex): Engine {
  const directory = createPaperDirectory(papers);
  const scorer = createScorer(index);
  const vocabulary = createVocabulary(index);
  // Author words are needed only by author: filters, so they are made on first use.
  let authorWords: string[][] | undefined;
  const authorWordsOf = (doc: number): string[] => {
    authorWords ??= papers.map((p) => plainWords(p.authors.join(' ')));
    return authorWords[doc] ?? [];
  };
  const rarity = {
    docCount: index.docCount,
    frequency: (term: string): number => {
      const id = index.termIds.get(term);
      return id === undefined ? 0 : documentFrequency(index, id);
    },
  };
  const summaries = new Map<string, Summary>();
  let stats: CorpusStats | undefined;

  const paperAt = (doc: number): Paper => papers[doc] as Paper;

  function toPaper(paperOrId: Paper | string): Paper {
    return typeof paperOrId === 'string' ? resolve(paperOrId) : paperOrId;
  }

  function docOf(paper: Paper): number | undefined {
    return directory.find(paper.id);
  }

  /** Filters of a query and of the options, as one predicate over document numbers. */
  /**
   * The filters of a query as two checks over document numbers: `accept`, cheap (years,
   * authors, and holding every word of each quoted phrase), and `verify`, the phrase's word
   * order, run only on papers good enough to be shown.
   */
  function filterOf(query: ParsedQuery): {
    accept?: (doc: number) => boolean;
    verify?: (doc: number) => boolean;
  } {
    const checks: Array<(doc: number) => boolean> = [];
    const year = query.year;
    if (year) checks.push((doc) => inYears(paperAt(doc).year, year));
    for (const author of query.authors) {
      const wanted = plainWords(author);
      if (wanted.length === 0) continue;
      checks.push((doc) => {
        const words = authorWordsOf(doc);
        return wanted.every((w) =>
          words.some((a) => a === w || (w.length >= 3 && a.startsWith(w))),
        );
      });
    }
    const sequences = query.phrases.map((phrase) => analyze(phrase)).filter((s) => s.length > 0);
    let holding: Set<number> | undefined;
    if (sequences.length > 0) {
      const ids = [...new Set(sequences.flat())].map((term) => index.termIds.get(term));
      const found = ids.every((id) => id !== undefined)
        ? docsWithAll(index, ids as number[])
        : new Set<number>();
      holding = found;
      checks.push((doc) => found.has(doc));
    }
    const inOrder = (doc: number): boolean => {
      const paper = paperAt(doc);
      const text = analyze(`${paper.title}\n${paper.abstract}`);
      return sequences.every((sequence) => containsSequence(text, sequence));
    };
    let verify: ((doc: number) => boolean) | undefined;
    if (holding !== undefined) {
      if (holding.size <= PHRASE_CHECK_ALL) {
        // Few enough to check every one: the total stays exact.
        for (const doc of holding) if (!inOrder(doc)) holding.delete(doc);
      } else {
        verify = inOrder;
      }
    }
    const accept =
      checks.length === 0 ? undefined : (doc: number) => checks.every((check) => check(doc));
    return { ...(accept ? { accept } : {}), ...(verify ? { verify } : {}) };
  }

  function search(raw: string, options: SearchOptions = {}): SearchResult {
    const limit = clampInt(options.limit ?? DEFAULT_SEARCH_LIMIT, 0, 1000);
    const offset = clampInt(options.offset ?? 0, 0, Number.MAX_SAFE_INTEGER);
    const query = parseQuery(raw);
    if (options.author) query.authors.push(options.author);
    if (options.year !== undefined) query.year = yearOption(options.year);
    if (!hasContent(query)) {
      throw new ShammieError('EMPTY_QUERY', 'Type a few words to search for, e.g. “long context”.');
    }
    const { accept, verify } = filterOf(query);
    const passes = (doc: number): boolean => (!accept || accept(doc)) && (!verify || verify(doc));
    const cheap = (doc: number): boolean => !accept || accept(doc);

    // Papers named exactly (arXiv id, URL, DOI, or the whole title) come first.
    const pinned: number[] = [];
    const pin = (doc: number | undefined): void => {
      if (doc !== undefined && !pinned.includes(doc) && passes(doc)) pinned.push(doc);
    };
    for (const id of query.arxivIds) pin(directory.byArxiv(id));
    for (const doi of query.dois) pin(directory.byDoi(doi));
    if (query.text !== '') pin(directory.byTitle(query.text));

    const terms = queryTerms(query.text, index, vocabulary);
    let ranked: RankedDocs;
    if (terms.terms.length > 0) {
      const keep = (doc: number): boolean => !pinned.includes(doc) && cheap(doc);
      let weighted = terms.terms;
      if (terms.typed.length > SHORT_QUERY_TERMS) {
        // Long queries are run again with feedback terms from their first results.
        const first = topK(scorer.accumulate(weighted), FEEDBACK_DOCS, keep, verify);
        weighted = expandWithFeedback(index, weighted, first, (doc) => {
          const paper = paperAt(doc);
          return analyze(`${paper.title}\n${paper.abstract}`);
        });
      }
      ranked = topK(scorer.accumulate(weighted), offset + limit, keep, verify);
    } else if (
      query.text === '' &&
      query.phrases.length === 0 &&
      query.arxivIds.length + query.dois.length === 0
    ) {
      ranked = listByYear(accept, offset + limit, pinned);
    } else {
      ranked = { docs: [], scores: [], total: 0 };
    }
    const docs = [...pinned, ...ranked.docs].slice(offset, offset + limit);
    const topScore = (ranked.scores[0] ?? 0) + 1;
    const isMatch = (term: string): boolean => terms.matched.has(term);
    const hits: SearchHit[] = docs.map((doc) => {
      const p = pinned.indexOf(doc);
      const paper = paperAt(doc);
      const score =
        p >= 0 ? topScore + (pinned.length - p) : (ranked.scores[ranked.docs.indexOf(doc)] ?? 0);
      return { paper, score, snippet: makeSnippet(paper.abstract || paper.title, isMatch) };
    });
    return { total: pinned.length + ranked.total, hits, offset, limit };
  }

  /** Filter-only queries ("year:2023"): every passing paper, newest first. */
  function listByYear(
    accept: ((doc: number) => boolean) | undefined,
    k: number,
    pinned: readonly number[],
  ): RankedDocs {
    const all: number[] = [];
    for (let doc = 0; doc < papers.length; doc++) {
      if (!pinned.includes(doc) && (!accept || accept(doc))) all.push(doc);
    }
    all.sort((a, b) => (paperAt(b).year ?? 0) - (paperAt(a).year ?? 0) || a - b);
    const docs = all.slice(0, k);
    return { docs, scores: docs.map(() => 0), total: all.length };
  }

  /** The paper a reference names, and the papers it comes near (for suggestions). */
  function named(text: string): NamedCandidate {
    let query: ParsedQuery;
    try {
      query = parseQuery(withoutCitationFiller(text));
    } catch {
      return { near: [] };
    }
    if (query.text === '') return { near: [] };
    const terms = queryTerms(query.text, index, vocabulary);
    if (terms.typed.length === 0) return { near: [] };
    const { accept, verify } = filterOf(query);
    const candidates = topK(scorer.accumulate(terms.terms), LOOKUP_CANDIDATES, accept, verify);
    return nameAmong(candidates.docs, terms, (doc) => paperIdentity(paperAt(doc)), rarity);
  }

  function lookup(ref: string): Paper | undefined {
    const { intent, text } = readReference(ref);
    if (intent === 'topic' || text === '' || text.length > MAX_QUERY_LENGTH) return undefined;
    const exact = directory.find(text);
    if (exact !== undefined) return paperAt(exact);
    if (intent === 'paper') {
      // Forced: the best match, whatever the words.
      try {
        return search(text, { limit: 1 }).hits[0]?.paper;
      } catch {
        return undefined;
      }
    }
    const doc = named(text).named;
    return doc === undefined ? undefined : paperAt(doc);
  }

  function resolve(ref: string): Paper {
    const { intent, text } = readReference(ref);
    if (text === '') {
      throw new ShammieError(
        'EMPTY_QUERY',
        'Which paper? Give title words, an arXiv id, a DOI or a URL.',
      );
    }
    if (text.length > MAX_QUERY_LENGTH) {
      throw new ShammieError(
        'QUERY_TOO_LONG',
        `Please name the paper in under ${MAX_QUERY_LENGTH} characters.`,
      );
    }
    if (intent === 'topic') {
      throw new ShammieError(
        'PAPER_NOT_FOUND',
        `“${shorten(ref.trim())}” asks for a topic, and this needs one paper. Use ${PAPER_PREFIX}${shorten(text)} for the best-matching paper.`,
      );
    }
    const paper = lookup(ref);
    if (paper) return paper;
    const near = named(text).near.slice(0, NOT_FOUND_SUGGESTIONS);
    const words = analyze(withoutCitationFiller(text));
    const known = words.filter((word) => index.termIds.has(word)).length;
    throw new ShammieError(
      'PAPER_NOT_FOUND',
      notFoundMessage(text, near.map(paperAt), { words: words.length, known }),
    );
  }

  function suggest(text: string, limit = 25): Paper[] {
    const n = clampInt(limit, 0, 100);
    // A forcing prefix (paper:, topic:) is not part of any title.
    const trimmed = readReference(text).text.slice(0, MAX_QUERY_LENGTH);
    if (trimmed === '') {
      return papers
        .map((paper, doc) => ({ paper, doc }))
        .sort((a, b) => (b.paper.year ?? 0) - (a.paper.year ?? 0) || a.doc - b.doc)
        .slice(0, n)
        .map((x) => x.paper);
    }
    const out: Paper[] = [];
    const add = (doc: number | undefined): void => {
      const paper = doc === undefined ? undefined : papers[doc];
      if (paper && out.length < n && !out.includes(paper)) out.push(paper);
    };
    add(directory.find(trimmed));
    for (const doc of suggestDocs(names, papers, trimmed, n)) add(doc);
    if (out.length < n && trimmed.length >= 3) {
      // Nothing starts with what was typed: a typo, or words from the abstract. Search instead.
      try {
        for (const hit of search(trimmed, { limit: n }).hits) add(directory.find(hit.paper.id));
      } catch {
        // An unsearchable text ("year:soon") simply has no suggestions.
      }
    }
    return out;
  }

  function summarize(paperOrId: Paper | string): Summary {
    const paper = toPaper(paperOrId);
    const cached = summaries.get(paper.id);
    if (cached) return cached;
    const { tldr, points } = summarizeAbstract({ title: paper.title, abstract: paper.abstract });
    const summary: Summary = { paperId: paper.id, tldr: tldr || paper.title, points };
    summaries.set(paper.id, summary);
    return summary;
  }

  function digest(topic: string, limit = 3): Digest {
    const { text } = readReference(topic);
    const result = search(text, { limit });
    return {
      topic: text,
      total: result.total,
      items: result.hits.map((hit) => ({ paper: hit.paper, tldr: summarize(hit.paper).tldr })),
    };
  }

  function random(source: () => number, topic?: string): Paper | undefined {
    const pick = <T>(items: readonly T[]): T | undefined => {
      if (items.length === 0) return undefined;
      const r = source();
      const unit = Number.isFinite(r) ? Math.min(Math.max(r, 0), 1 - Number.EPSILON) : 0;
      return items[Math.floor(unit * items.length)];
    };
    if (topic === undefined || topic.trim() === '') return pick(papers);
    return pick(search(topic, { limit: RANDOM_TOPIC_POOL }).hits.map((h) => h.paper));
  }

  function similar(paperOrId: Paper | string, limit = 5): SearchHit[] {
    const paper = toPaper(paperOrId);
    const self = docOf(paper);
    const counts = new Map<string, number>();
    for (const term of analyze(`${paper.title}\n${paper.title}\n${paper.abstract}`)) {
      counts.set(term, (counts.get(term) ?? 0) + 1);
    }
    // Distinctive terms: frequent in this paper, rare in the corpus (tf × idf).
    const distinctive: WeightedTerm[] = [];
    for (const [term, tf] of counts) {
      const id = index.termIds.get(term);
      if (id === undefined) continue;
      distinctive.push({ term: id, weight: (1 + Math.log(tf)) * (index.idf[id] ?? 0) });
    }
    distinctive.sort((a, b) => b.weight - a.weight || a.term - b.term);
    const top = distinctive.slice(0, SIMILAR_TERMS);
    const norm = top[0]?.weight ?? 1;
    const terms = top.map((t) => ({ term: t.term, weight: t.weight / norm }));
    const matched = new Set(top.map((t) => index.terms[t.term] ?? ''));
    const ranked = topK(
      scorer.accumulate(terms),
      clampInt(limit, 0, 100),
      (doc) => doc !== self && paperAt(doc).id !== paper.id,
    );
    return ranked.docs.map((doc, i) => {
      const hit = paperAt(doc);
      return {
        paper: hit,
        score: ranked.scores[i] ?? 0,
        snippet: makeSnippet(hit.abstract || hit.title, (t) => matched.has(t)),
      };
    });
  }

  function cite(paperOrId: Paper | string, format: CitationFormat = 'bibtex'): string {
    // citePaper checks the format itself (case-insensitively) and says which ones exist.
    return citePaper(toPaper(paperOrId), format);
  }

  return {
    papers,
    search,
    lookup,
    resolve,
    suggest,
    summarize,
    digest,
    random,
    daily: (date: string) => dailyPaper(papers, date),
    similar,
    cite,
    stats: () => (stats ??= corpusStats(papers)),
    toJSON: () => partsToJson(snapshotParts(index, names, papers)),
    toBytes: () => encodeSnapshot(snapshotParts(index, names, papers)),
  };
}

function inYears(year: number | undefined, range: YearRange): boolean {
  return year !== undefined && year >= range.from && year <= range.to;
}

function yearOption(year: number | string | YearRange): YearRange {
  if (typeof year === 'object') return year;
  const range = parseYearRange(String(year));
  if (!range) {
    throw new ShammieError('BAD_ARGUMENT', `“${year}” is not a year. Try 2023 or 2023..2024.`);
  }
  return range;
}

function containsSequence(haystack: readonly string[], needle: readonly string[]): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** A reference as quoted back to the user: one line, at most 80 characters. */
function shorten(text: string): string {
  const line = text.replace(/\s+/g, ' ');
  return line.length > 80 ? `${line.slice(0, 80)}…` : line;
}

/**
 * "No paper matches …", with the papers the reference comes near, or a hint that fits what
 * was typed: no content word at all, one word the corpus has never seen (a typo), one it has
 * only in abstracts, or several words.
 */
function notFoundMessage(
  text: string,
  near: readonly Paper[],
  terms: { words: number; known: number },
): string {
  const head = `No paper matches “${shorten(text)}”.`;
  if (near.length > 0) {
    const titles = near.map((paper) => `“${shorten(paper.title)}”`);
    const list =
      titles.length === 1 ? titles[0] : `${titles.slice(0, -1).join(', ')} or ${titles.at(-1)}`;
    return `${head} Did you mean ${list}?`;
  }
  if (terms.words === 0) return `${head} Give title words, an author, an arXiv id or a DOI.`;
  if (terms.words === 1 && terms.known === 0) {
    return `${head} Check the spelling, or search for it.`;
  }
  if (terms.words === 1) {
    return `${head} No title or author has that word; search for it to see the papers that use it.`;
  }
  return `${head} Try its title, short name, an author or its arXiv id, or search for the words.`;
}

function clampInt(value: number, min: number, max: number): number {
  if (!Number.isFinite(value)) return min;
  return Math.min(Math.max(Math.floor(value), min), max);
}
