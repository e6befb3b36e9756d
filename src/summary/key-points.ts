import type { KeyPoint, KeyPointKind } from '../engine-types.ts';
import {
  BACKGROUND,
  BOILERPLATE,
  CONTRIBUTION,
  FIRST_PERSON,
  METHOD,
  RESULT,
} from './cue-phrases.ts';
import type { SentenceInfo } from './sentence-scores.ts';
import { trimSentence } from './trim-sentence.ts';

/** A summary never lists more key points than this. */
export const MAX_KEY_POINTS = 4;

/** Abstracts of at least this many sentences may get a fourth point. */
const LONG_ABSTRACT = 6;

/** Cue words counted per kind, at most: beyond a few, more words mean a longer sentence, not a clearer one. */
const CUE_CAP = 4;

/** Cues that a sentence states a gap: a contrast, a lack or a difficulty. */
const GAP =
  /\b(?:however|but|unfortunately|yet|despite|although|challeng\w*|difficult\w*|lack\w*|limit\w*|shortcoming\w*|drawback\w*|suffer\w*|fail\w*|problem\w*|issue\w*|bottleneck\w*|costly|expensive|remains?|open question|unclear|little is known|struggl\w*|hard|inaccessible|underperform\w*)\b/g;

/** Numbers in a sentence: measurements, nearly always results. */
const NUMBER = /\d/;

function count(pattern: RegExp, text: string): number {
  pattern.lastIndex = 0;
  let n = 0;
  while (n < CUE_CAP && pattern.exec(text) !== null) n++;
  pattern.lastIndex = 0;
  return n;
}

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

/** The kind a sentence most likely is, from its cues and which side of the contribution it sits. */
function label(info: SentenceInfo, start: number): Labelled {
  const text = info.lower;
  const ownVoice = FIRST_PERSON.test(text);
  const gap = count(GAP, text);
  if (info.index < start && (!ownVoice || gap > 0)) {
    // Before the paper's own part: the setting and what it lacks.
    return { info, kind: 'problem', strength: 1 + gap + 0.5 * count(BACKGROUND, text) };
  }
  const result = count(RESULT, text) + (NUMBER.test(text) ? 1 : 0);
  const method = (CONTRIBUTION.test(text) ? 2 : 0) + count(METHOD, text) + (ownVoice ? 0.5 : 0);
  // A gap stated later, outside the authors' voice and with no result, is still a problem.
  if (!ownVoice && gap >= 2 && result === 0) return { info, kind: 'problem', strength: gap };
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

/**
 * Two to four key points (fewer for very short abstracts), labelled problem, method or result,
 * in abstract order. The TL;DR's own sentence is left out: the points add to it.
 */
export function keyPoints(infos: readonly SentenceInfo[], tldrIndex: number): KeyPoint[] {
  const start = contributionStart(infos, tldrIndex);
  const labelled = infos
    .filter((info) => info.index !== tldrIndex && isContent(info))
    .map((info) => label(info, start));
  const taken = new Set<number>();
  const chosen: Labelled[] = [];
  const take = (item: Labelled | undefined): void => {
    if (item === undefined || chosen.length >= MAX_KEY_POINTS) return;
    taken.add(item.info.index);
    chosen.push(item);
  };
  // One of each kind first, then a second method or result when the abstract is long enough.
  take(strongest(labelled, 'problem', taken));
  take(strongest(labelled, 'method', taken));
  take(strongest(labelled, 'result', taken));
  if (infos.length >= LONG_ABSTRACT) {
    const method = strongest(labelled, 'method', taken);
    const result = strongest(labelled, 'result', taken);
    take(
      result !== undefined && (method === undefined || result.strength > method.strength)
        ? result
        : method,
    );
  }
  chosen.sort((a, b) => a.info.index - b.info.index);
  return chosen.map((item) => ({ kind: item.kind, text: trimSentence(item.info.text) }));
}
