import type { Paper } from '../types.ts';
import { fullFamily, parseName } from './parse-name.ts';
import { plainText } from './plain-text.ts';
import { publicationOf } from './venue-kind.ts';

/** Title words a citation key skips, as Google Scholar and arXiv do ("The Temporal …" → "temporal"). */
const KEY_STOPWORDS = new Set([
  'a',
  'an',
  'and',
  'are',
  'as',
  'at',
  'by',
  'do',
  'does',
  'for',
  'from',
  'how',
  'in',
  'is',
  'of',
  'on',
  'the',
  'to',
  'what',
  'when',
  'why',
  'with',
]);

/** Letters that do not decompose into an ASCII base plus marks. */
const ASCII_LETTERS: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};

/** Lower-case ASCII letters and digits only: "Łódź" → "lodz", "van der Berg" → "vanderberg". */
export function asciiFold(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[ßæœøłđðþı]/g, (c) => ASCII_LETTERS[c] ?? '')
    .replace(/[^a-z0-9]/g, '');
}

/**
 * A stable BibTeX key: the first author's family name (with particles), the year the paper is
 * cited by (its venue's, see `publicationOf`) and the first title word that is not a stop word,
 * ASCII-folded and lower-cased, e.g. `zhou2023lima`, `vanderberg2021deep`. Missing parts are left out; a paper with nothing usable gets `paper`
 * plus its folded id.
 */
export function citationKey(paper: Paper): string {
  const first = paper.authors[0];
  const author = first ? asciiFold(fullFamily(parseName(plainText(first)))) : '';
  const words = plainText(paper.title)
    .split(/[^\p{L}\p{N}]+/u)
    .map(asciiFold)
    .filter((w) => w.length > 0);
  const word = words.find((w) => !KEY_STOPWORDS.has(w)) ?? words[0] ?? '';
  const key = `${author}${publicationOf(paper).year ?? ''}${word}`;
  return /[a-z]/.test(key) ? key : `paper${key}${asciiFold(paper.id)}`;
}
