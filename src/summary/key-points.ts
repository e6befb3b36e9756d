import type { KeyPoint, KeyPointKind } from '../engine-types.ts';
import { BACKGROUND, CONTRIBUTION, FIRST_PERSON, METHOD, RESULT, STUDY } from './cue-phrases.ts';
import type { SentenceInfo } from './sentence-scores.ts';
import { trimSentence } from './trim-sentence.ts';

/** A summary never lists more key points than this. */
export const MAX_KEY_POINTS = 4;

/** Cue words counted per kind, at most; beyond a few, more words mean a longer sentence, not a clearer one. */
const CUE_CAP = 4;

/** Cues that a sentence states the problem: a contrast, a gap or a difficulty. */
const PROBLEM_TURN =
  /\b(?:however|but|unfortunately|yet|despite|although|challeng\w*|difficult\w*|lack\w*|limit\w*|suffer\w*|fail\w*|problem\w*|issue\w*|bottleneck|costly|expensive|remains?|open question|unclear|little is known|struggl\w*|hard)\b/g;

/** A first-person finding: "we show", "we find", "we demonstrate". */
const FINDING = /\b(?:show|demonstrat|find|found|prove)/;

function count(pattern: RegExp, text: string): number {
  pattern.lastIndex = 0;
  let n = 0;
  while (n < CUE_CAP && pattern.exec(text) !== null) n++;
  pattern.lastIndex = 0;
  return n;
}

interface Labelled {
  info: SentenceInfo;
  kind: KeyPointKind;
  strength: number;
}

/** The kind a sentence most looks like, and how strongly. */
function label(info: SentenceInfo, total: number): Labelled {
  const text = info.lower;
  const ownVoice = FIRST_PERSON.test(text);
  const early = info.index < Math.max(1, Math.ceil(total / 3));
  const problem =
    count(PROBLEM_TURN, text) +
    (ownVoice ? 0 : 0.5 * count(BACKGROUND, text)) +
    (early && !ownVoice ? 1 : 0);
  const method =
    (CONTRIBUTION.test(text) ? 2 : 0) + 0.5 * count(METHOD, text) + (ownVoice ? 0.5 : 0);
  const result = count(RESULT, text) + (STUDY.test(text) && FINDING.test(text) ? 1 : 0);
  if (problem >= method && problem >= result) return { info, kind: 'problem', strength: problem };
  if (method >= result) return { info, kind: 'method', strength: method };
  return { info, kind: 'result', strength: result };
}

function strongest(
  items: Labelled[],
  kind: KeyPointKind,
  taken: Set<number>,
): Labelled | undefined {
  let best: Labelled | undefined;
  for (const item of items) {
    if (item.kind !== kind || item.strength <= 0 || taken.has(item.info.index)) continue;
    if (best === undefined || item.strength > best.strength) best = item;
  }
  return best;
}

/**
 * Two to four key points (fewer for very short abstracts), labelled problem, method or result,
 * in abstract order. The TL;DR's own sentence is left out: the points add to it.
 */
export function keyPoints(infos: readonly SentenceInfo[], tldrIndex: number): KeyPoint[] {
  const labelled = infos
    .filter((info) => info.index !== tldrIndex)
    .map((info) => label(info, infos.length));
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
  if (infos.length >= 6)
    take(strongest(labelled, 'method', taken) ?? strongest(labelled, 'result', taken));
  // Short abstracts whose sentences all look alike still get two points where they can.
  for (const item of labelled) {
    if (chosen.length >= 2) break;
    if (!taken.has(item.info.index)) take(item);
  }
  chosen.sort((a, b) => a.info.index - b.info.index);
  return chosen.map((item) => ({ kind: item.kind, text: trimSentence(item.info.text) }));
}
