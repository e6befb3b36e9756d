import { DISCOURSE_PREFIX, DISCOURSE_PREFIX_BEFORE_WE } from './cue-phrases.ts';

/** At most this many leading phrases come off ("Finally, in this paper, we …"). */
const MAX_PREFIXES = 2;

/** A trimmed sentence keeps at least this many characters, else it stays as it was. */
const MIN_REMAINDER = 20;

/**
 * A short parenthetical after a word: an acronym's definition "(MPT)", a citation
 * "(Schlag et al., 2023)", an aside "(e.g. GPT)". Nested or long ones are left alone.
 */
const PARENTHETICAL = /\s+\([^()]{1,60}\)(?=[\s,.;:!?]|$)/g;

/**
 * Longest sentence a summary shows, in characters. Real abstract sentences stay well below it;
 * text without sentence punctuation would otherwise come back whole.
 */
export const MAX_SENTENCE_CHARS = 600;

export interface TrimOptions {
  /** Also drop short parentheticals (for a TL;DR, where brevity matters most). */
  parentheticals?: boolean;
}

/**
 * Trims leading discourse phrases ("In this paper, ", "To this end, ") off an extracted
 * sentence, optionally its short parentheticals, and capitalises what is left. Only removes
 * words, never adds any; a sentence that would lose most of itself is returned as it was.
 */
export function trimSentence(sentence: string, options: TrimOptions = {}): string {
  let text = sentence;
  let opening = false;
  for (let i = 0; i < MAX_PREFIXES; i++) {
    const match = DISCOURSE_PREFIX.exec(text) ?? DISCOURSE_PREFIX_BEFORE_WE.exec(text);
    if (match === null) break;
    const rest = text.slice(match[0].length);
    // Keep the phrase when it is most of the sentence: the remainder would not stand alone.
    if (rest.length < MIN_REMAINDER) break;
    text = rest;
    opening = true;
  }
  if (options.parentheticals === true) {
    const bare = text.replace(PARENTHETICAL, '');
    if (bare.length >= MIN_REMAINDER) text = bare;
  }
  if (text.length > MAX_SENTENCE_CHARS) text = clip(text);
  // What followed a removed opening now begins the sentence.
  return opening ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}

/** Cuts an overlong sentence at a word boundary and marks the cut with an ellipsis. */
function clip(text: string): string {
  const cut = text.lastIndexOf(' ', MAX_SENTENCE_CHARS - 1);
  // One enormous "word" (no spaces) is cut where it must be.
  let end = cut > MAX_SENTENCE_CHARS / 2 ? cut : MAX_SENTENCE_CHARS - 1;
  // Never split a surrogate pair (an emoji or a rare CJK character).
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${text.slice(0, end).trimEnd()}\u2026`;
}
