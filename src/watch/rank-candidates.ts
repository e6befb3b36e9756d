import { wordSpans } from '../search/text-analysis.ts';
import type { Paper } from '../types.ts';
import type { CandidateIndex } from './candidate-index.ts';
import { matchExplicitTerms } from './explicit-terms.ts';
import { nearestProfilePaper } from './nearest-profile-paper.ts';
import { DEFAULT_WATCH_MODEL, type ProfileModel, profileModel } from './profile-model.ts';
import { dotDense, type SparseVector } from './sparse-vector.ts';
import type { RankedCandidate, RankOptions, WatchProfile, WatchTerms } from './watch-types.ts';
import { whyText } from './why-text.ts';

/** Words of a paper named in a `similar` reason: the model's strongest terms in it. */
export const REASON_TERMS = 3;

/**
 * A paper whose cosine to its nearest profile paper reaches this is relevant without matching
 * a term. The gate is the same for every model: a model's own scores are on scales that move
 * with the size of the day and the profile (an SVM's margin), a cosine does not; the model
 * orders the papers, the gate keeps a post quiet when nothing is close to the lab's papers.
 * Chosen on the benchmark's flagged precision (docs/watches.md, "How watches rank").
 */
export const RELEVANT_COSINE = 0.2;

/**
 * Ranks the day's candidates for one channel: similarity to the channel's profile (library and
 * liked papers against disliked ones, by the model chosen) plus a weight for each of the
 * watch's keywords, phrases and authors the paper matches. Papers an excluded word or phrase
 * matches are dropped, and so are papers the profile already holds (they are not new to the
 * channel). Best first; ties keep the candidates' order. A paper is relevant when it matches
 * one of the watch's terms or its similarity is above the model's threshold; with no terms and
 * an empty profile nothing is.
 */
export function rankCandidates(
  candidates: CandidateIndex,
  terms: WatchTerms,
  profile: WatchProfile,
  options: RankOptions = {},
): RankedCandidate[] {
  const known = new Set<string>();
  for (const paper of [...profile.library, ...profile.liked, ...profile.disliked]) {
    for (const key of paperKeys(paper)) known.add(key);
  }
  const inProfile = new Set<number>();
  candidates.papers.forEach((paper, doc) => {
    if (paperKeys(paper).some((key) => known.has(key))) inProfile.add(doc);
  });

  const positivePapers = [...profile.library, ...profile.liked];
  const library = profile.library.map((p) => candidates.vectorOf(p));
  const liked = profile.liked.map((p) => candidates.vectorOf(p));
  const positives = [...library, ...liked];
  const negatives = profile.disliked.map((p) => candidates.vectorOf(p));
  const model = profileModel(
    options.model ?? DEFAULT_WATCH_MODEL,
    candidates,
    {
      library: library.filter((x) => x.terms.length > 0),
      liked: liked.filter((x) => x.terms.length > 0),
      disliked: negatives.filter((x) => x.terms.length > 0),
      excluded: inProfile,
    },
    options.tuning,
  );
  const threshold = options.threshold ?? RELEVANT_COSINE;
  const nearest = nearestProfilePaper(positives);
  const { reasons: explicit, excluded } = matchExplicitTerms(candidates, terms);

  const ranked: Array<RankedCandidate & { doc: number }> = [];
  candidates.papers.forEach((paper, doc) => {
    if (excluded.has(doc) || inProfile.has(doc)) return;
    const x = candidates.vectors[doc] as SparseVector;
    const similarity =
      positives.length + negatives.length > 0 ? dotDense(x, model.weights) + model.bias : 0;
    const matched = explicit.get(doc) ?? [];
    const reasons = matched.filter((r) => r.kind !== 'author');
    const near = positives.length > 0 ? nearest(x) : undefined;
    const close = near && near.cosine >= threshold ? near : undefined;
    if (close) {
      const closest = positivePapers[close.at] as Paper;
      reasons.push({
        kind: 'similar',
        text: closest.title,
        paperId: closest.id,
        weight: similarity,
        cosine: close.cosine,
        terms: strongestWords(candidates, model, doc),
      });
    }
    reasons.push(...matched.filter((r) => r.kind === 'author'));
    const score = similarity + matched.reduce((sum, r) => sum + r.weight, 0);
    const relevant = matched.length > 0 || close !== undefined;
    ranked.push({ doc, paper, score, relevant, reasons, why: whyText(reasons) });
  });
  ranked.sort((a, b) => b.score - a.score || a.doc - b.doc);
  return ranked.map(({ doc: _doc, ...candidate }) => candidate);
}

/** The keys a paper is known by: its id, and its arXiv id when it has one. */
function paperKeys(paper: Paper): string[] {
  return paper.arxiv ? [`id:${paper.id}`, `arxiv:${paper.arxiv}`] : [`id:${paper.id}`];
}

/**
 * The paper's words with the largest contributions to its similarity (weight × term value), as
 * written in its title or abstract (the index holds stems).
 */
function strongestWords(candidates: CandidateIndex, model: ProfileModel, doc: number): string[] {
  const x = candidates.vectors[doc] as SparseVector;
  const contributions: Array<{ term: number; value: number }> = [];
  for (let i = 0; i < x.terms.length; i++) {
    const term = x.terms[i] ?? 0;
    const value = (x.values[i] ?? 0) * (model.weights[term] ?? 0);
    if (value > 0) contributions.push({ term, value });
  }
  contributions.sort((a, b) => b.value - a.value || a.term - b.term);
  const paper = candidates.papers[doc] as Paper;
  const text = `${paper.title}\n${paper.abstract}`;
  const spans = wordSpans(text);
  const words: string[] = [];
  for (const { term } of contributions) {
    const stem = candidates.index.terms[term] ?? '';
    const span = spans.find((s) => s.terms.includes(stem));
    const word = span ? text.slice(span.start, span.end).toLowerCase() : undefined;
    if (word && !words.includes(word)) words.push(word);
    if (words.length === REASON_TERMS) break;
  }
  return words;
}
