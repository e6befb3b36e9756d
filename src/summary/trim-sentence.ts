import { DISCOURSE_PREFIX } from './cue-phrases.ts';

/** At most this many leading phrases come off ("Finally, in this paper, we …"). */
const MAX_PREFIXES = 2;

/** A trimmed sentence keeps at least this many characters, else it stays as it was. */
const MIN_REMAINDER = 20;

/**
 * A short parenthetical after a word: an acronym's definition "(MPT)", a citation
 * "(Schlag et al., 2023)", an aside "(e.g. GPT)". Nested or long ones are left alone.
 */
const PARENTHETICAL = /\s+\([^()]{1,60}\)(?=[\s,.;:!?]|$)/g;

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
  for (let i = 0; i < MAX_PREFIXES; i++) {
    const match = DISCOURSE_PREFIX.exec(text);
    if (match === null) break;
    const rest = text.slice(match[0].length);
    // Keep the phrase when it is most of the sentence: the remainder would not stand alone.
    if (rest.length < MIN_REMAINDER) break;
    text = rest;
  }
  if (options.parentheticals === true) {
    const bare = text.replace(PARENTHETICAL, '');
    if (bare.length >= MIN_REMAINDER) text = bare;
  }
  if (text === sentence) return sentence;
  return text.charAt(0).toUpperCase() + text.slice(1);
}
