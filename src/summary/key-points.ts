import type { KeyPoint, KeyPointKind } from '../engine-types.ts';
import {
  BACKGROUND,
  BOILERPLATE,
  CONTRIBUTION,
  countCues,
  FINDING,
  FIRST_PERSON,
  HYPOTHESIS,
  METHOD,
  OUTCOME,
} from './cue-phrases.ts';
import { pointClause } from './point-clause.ts';
import type { SentenceInfo } from './sentence-scores.ts';
import { analyzeText } from './summary-terms.ts';
import { trimSentence } from './trim-sentence.ts';

/** A summary never lists more key points than this. */
export const MAX_KEY_POINTS = 4;

/**
 * At most one key point per this many sentences of the abstract: a summary of a short abstract
 * that lists a point for most of its sentences is the abstract again.
 */
const SENTENCES_PER_POINT = 2;

/**
 * The TL;DR and key points together hold at most this share of the abstract's words: a summary
 * is read instead of the abstract, so it must be much shorter than it.
 */
export const MAX_SUMMARY_SHARE = 0.4;

/** Cue words counted per kind, at most: beyond a few, more words mean a longer sentence, not a clearer one. */
const CUE_CAP = 4;

/** Cues that a sentence states a gap: a contrast, a lack or a difficulty. */
const GAP =
  /\b(?:however|but|unfortunately|yet|despite|although|challeng\w*|difficult\w*|lack\w*|limit\w*|shortcoming\w*|drawback\w*|suffer\w*|fail\w*|problem\w*|issue\w*|bottleneck\w*|costly|expensive|remains?|open question|unclear|little is known|struggl\w*|hard|inaccessible|underperform\w*)\b/g;

const count = (pattern: RegExp, text: string): number => countCues(pattern, text, CUE_CAP);

/** Fewer words than this make a fragment ("Code: …"), not a point. */
const MIN_POINT_WORDS = 5;

/** Whether a sentence says something about the paper, rather than where its code lives. */
export function isContent(info: SentenceInfo): boolean {
  return info.words >= MIN_POINT_WORDS && !BOILERPLATE.test(info.lower);
}

interface Labelled {
  info: SentenceInfo;
  kind: KeyPointKind;
  strength: number;
}

/**
 * Where the paper's own part begins: its first contribution sentence, else the TL;DR.
 * Abstracts tell background and gap before it.
 */
function contributionStart(infos: readonly SentenceInfo[], tldrIndex: number): number {
  const contribution = infos.find((info) => CONTRIBUTION.test(info.lower));
  return Math.min(contribution?.index ?? tldrIndex, tldrIndex);
}

/**
 * The kind a sentence most likely is, from its cues and which side of the contribution it sits,
 * or undefined when it is none of the three (a conjecture, an aside): such a sentence is no point.
 */
function label(info: SentenceInfo, start: number): Labelled | undefined {
  const text = info.lower;
  const ownVoice = FIRST_PERSON.test(text);
  const gap = count(GAP, text);
  if (info.index < start && (!ownVoice || gap > 0)) {
    // Before the paper's own part: the setting and what it lacks.
    return { info, kind: 'problem', strength: 1 + gap + 0.5 * count(BACKGROUND, text) };
  }
  if (HYPOTHESIS.test(text)) return undefined;
  // A result says what came out; the main finding (the conclusion drawn) comes first.
  const result = count(OUTCOME, text) + (FINDING.test(text) ? CUE_CAP : 0);
  const method = (CONTRIBUTION.test(text) ? 2 : 0) + count(METHOD, text) + (ownVoice ? 0.5 : 0);
  // A gap stated later, outside the authors' voice and more gap than outcome, is still a problem.
  if (!ownVoice && gap >= 2 && gap > result) return { info, kind: 'problem', strength: gap };
  if (result > 0 && result >= method) return { info, kind: 'result', strength: result };
  return { info, kind: 'method', strength: method };
}

/** The strongest unchosen point of a kind; the later one on ties for problems (the gap comes last). */
function strongest(
  items: Labelled[],
  kind: KeyPointKind,
  taken: Set<number>,
): Labelled | undefined {
  let best: Labelled | undefined;
  for (const item of items) {
    if (item.kind !== kind || taken.has(item.info.index)) continue;
    const better =
      best === undefined ||
      item.strength > best.strength ||
      (kind === 'problem' && item.strength === best.strength);
    if (better) best = item;
  }
  return best;
}

/** What each kind's clause must keep: the cue that makes it that kind. */
const CARRIES: Record<KeyPointKind, RegExp | undefined> = {
  problem: GAP,
  method: undefined,
  result: OUTCOME,
};

/** A point as shown: without its opening connective, cut to the clause that carries it. */
function pointText(item: Labelled): string {
  return pointClause(trimSentence(item.info.text), {
    carries: CARRIES[item.kind],
    participles: true,
  });
}

/** How much room the key points have, in words. */
export interface PointBudget {
  /** Words of the whole abstract. */
  abstractWords: number;
  /** Words the TL;DR already takes. */
  tldrWords: number;
}

/**
 * Up to four key points, labelled problem, method or result, in abstract order: one per two
 * sentences of the abstract at most, and together with the TL;DR within `MAX_SUMMARY_SHARE` of
 * the abstract's words. Each is cut to the clause that carries it. The main result comes first,
 * then the problem, then the method; the TL;DR's own sentence is left out (the points add to it).
 */
export function keyPoints(
  infos: readonly SentenceInfo[],
  tldrIndex: number,
  budget: PointBudget,
): KeyPoint[] {
  const start = contributionStart(infos, tldrIndex);
  const labelled = infos
    .filter((info) => info.index !== tldrIndex && isContent(info))
    .map((info) => label(info, start))
    .filter((item): item is Labelled => item !== undefined);
  const most = Math.min(MAX_KEY_POINTS, Math.floor(infos.length / SENTENCES_PER_POINT));
  let room = Math.floor(MAX_SUMMARY_SHARE * budget.abstractWords) - budget.tldrWords;
  const taken = new Set<number>();
  const chosen: Array<{ index: number; point: KeyPoint }> = [];
  const take = (item: Labelled | undefined): void => {
    if (item === undefined || chosen.length >= most) return;
    taken.add(item.info.index);
    const text = pointText(item);
    const words = analyzeText(text).words;
    // A point that does not fit is passed over; a shorter one of another kind may still fit.
    if (words > room) return;
    room -= words;
    chosen.push({ index: item.info.index, point: { kind: item.kind, text } });
  };
  take(strongest(labelled, 'result', taken));
  take(strongest(labelled, 'problem', taken));
  take(strongest(labelled, 'method', taken));
  // Then whatever is left, strongest first, while there is room.
  for (let more = strongestOfAll(labelled, taken); more !== undefined; ) {
    take(more);
    more = chosen.length < most ? strongestOfAll(labelled, taken) : undefined;
  }
  chosen.sort((a, b) => a.index - b.index);
  return chosen.map((c) => c.point);
}

/** The strongest unchosen method or result. */
function strongestOfAll(items: Labelled[], taken: Set<number>): Labelled | undefined {
  const method = strongest(items, 'method', taken);
  const result = strongest(items, 'result', taken);
  if (result === undefined) return method;
  return method === undefined || result.strength >= method.strength ? result : method;
}
