import { DISCOURSE_PREFIX } from './cue-phrases.ts';

/** At most this many leading phrases come off ("Finally, in this paper, we …"). */
const MAX_PREFIXES = 2;

/**
 * Trims leading discourse phrases ("In this paper, ", "To this end, ") off an extracted
 * sentence and capitalises what is left. Only removes words, never adds any; a sentence that
 * would lose most of itself is returned as it was.
 */
export function trimSentence(sentence: string): string {
  let text = sentence;
  for (let i = 0; i < MAX_PREFIXES; i++) {
    const match = DISCOURSE_PREFIX.exec(text);
    if (match === null) break;
    const rest = text.slice(match[0].length);
    // Keep the phrase when it is most of the sentence: the remainder would not stand alone.
    if (rest.length < 20) break;
    text = rest;
  }
  if (text === sentence) return sentence;
  const first = text.charAt(0);
  return first.toUpperCase() + text.slice(1);
}
