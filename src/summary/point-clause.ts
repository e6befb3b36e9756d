/**
 * Cutting an abstract's sentence down to the clause that carries its point: abstracts pack a
 * claim, its list of components ("…, including A, B and C"), a contrast ("…, while X …") and a
 * consequence ("…, reaching 1.70") into one sentence. Rules over punctuation and a few function
 * words; only removes words.
 */

/**
 * Boundaries after which a sentence elaborates rather than states: a semicolon, a colon, a dash,
 * a list of examples or components, a contrast or concession.
 */
const ELABORATION =
  /\s*;\s+|:\s+|\s+(?:--|\u2014|\u2013)\s+|,?\s+(?:including|such as|e\.g\.|i\.e\.|namely)\s+|,\s+(?:and |but )?(?:while|whereas|although|though|unlike)\s+/g;

/**
 * ", <verb>ing …": a participle adding a consequence ("…, landing mid-way between …"). The
 * nouns that end in -ing in abstracts ("training", "learning", "reasoning") are not.
 */
const PARTICIPLE = /,\s+(?:and\s+)?([a-z]+ing)\s+/g;

const ING_NOUNS = new Set([
  'training',
  'pretraining',
  'finetuning',
  'learning',
  'modeling',
  'modelling',
  'reasoning',
  'understanding',
  'processing',
  'embedding',
  'encoding',
  'decoding',
  'setting',
  'settings',
  'sampling',
  'scaling',
  'planning',
  'ranking',
  'computing',
  'string',
  'thing',
  'nothing',
  'something',
  'everything',
  'during',
  'according',
  'regarding',
  'being',
  'clustering',
  'labeling',
  'labelling',
  'parsing',
  'matching',
  'tuning',
  'pooling',
  'masking',
  'prompting',
  'captioning',
  'answering',
  'forecasting',
]);

/** Short asides in brackets: definitions "(MPT)", citations, "(e.g. GPT)", "(1)". */
const PARENTHETICAL = /\s*\([^()]{0,120}\)(?=[\s,.;:!?]|$)/g;

/** A clause keeps at least this many words; a shorter head is no statement. */
export const MIN_CLAUSE_WORDS = 6;

const wordCount = (text: string): number => text.split(/\s+/).filter((w) => w !== '').length;

/** Where a sentence may be cut: the start of each elaboration, in order. */
function cutPoints(text: string, participles: boolean): number[] {
  const at = new Set<number>();
  for (const match of text.matchAll(ELABORATION)) at.add(match.index);
  if (participles) {
    for (const match of text.matchAll(PARTICIPLE)) {
      if (!ING_NOUNS.has(match[1]!)) at.add(match.index);
    }
  }
  return [...at].sort((a, b) => a - b);
}

export interface ClauseOptions {
  /**
   * Cues of what the point is about (a result's "outperforms", a gap's "lacks"): the cut falls
   * after the first phrase holding one, so the claim is kept even when it comes second.
   */
  carries?: RegExp;
  /** Also cut at participles (", landing …"); for key points, where brevity matters most. */
  participles?: boolean;
}

/**
 * The sentence without its bracketed asides, cut before the first elaboration that follows the
 * phrase carrying the point. A cut that would leave fewer than `MIN_CLAUSE_WORDS` words is not
 * made. The result ends with the sentence's own terminator (a period when it was cut).
 */
export function pointClause(sentence: string, options: ClauseOptions = {}): string {
  const bare = sentence.replace(PARENTHETICAL, '');
  const text = wordCount(bare) >= MIN_CLAUSE_WORDS ? bare : sentence;
  const cuts = cutPoints(text, options.participles === true);
  let cueAt = -1;
  if (options.carries !== undefined) {
    const flags = options.carries.flags.replace('g', '');
    cueAt = new RegExp(options.carries.source, flags).exec(text.toLowerCase())?.index ?? -1;
  }
  for (const cut of cuts) {
    if (cut < cueAt) continue;
    const head = text.slice(0, cut).replace(/[\s,;:]+$/, '');
    if (wordCount(head) < MIN_CLAUSE_WORDS) continue;
    return `${head}.`;
  }
  return text;
}
