import {
  LETTER_ACCENTS,
  LETTER_COMMANDS,
  SYMBOL_ACCENTS,
  SYMBOL_COMMANDS,
} from './latex-tables.ts';

/** ASCII characters that mean something to BibTeX or LaTeX, written so they print as themselves. */
const ASCII_SPECIALS: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\{',
  '}': '\\}',
  '&': '\\&',
  '%': '\\%',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
  // In LaTeX's default font encoding "<" and ">" print as "¡" and "¿".
  '<': '\\textless{}',
  '>': '\\textgreater{}',
};

/** Typographic punctuation in its traditional LaTeX spelling. */
const PUNCTUATION: Record<string, string> = {
  '“': '``',
  '”': "''",
  '‘': '`',
  '’': "'",
  '–': '--',
  '—': '---',
  '…': '\\ldots{}',
  '\u00A0': '~',
};

/** Combining mark → accent command, and Unicode letter/symbol → command, reversed from the tables. */
const MARK_TO_ACCENT = new Map<string, { command: string; letter: boolean }>([
  ...Object.entries(SYMBOL_ACCENTS).map(
    ([command, mark]) => [mark, { command, letter: false }] as const,
  ),
  ...Object.entries(LETTER_ACCENTS).map(
    ([command, mark]) => [mark, { command, letter: true }] as const,
  ),
]);
const LETTERS = new Map(Object.entries(LETTER_COMMANDS).map(([command, char]) => [char, command]));
const SYMBOLS = new Map(
  Object.entries(SYMBOL_COMMANDS)
    .filter(([command, char]) => /^[a-zA-Z]+$/.test(command) && /^[\u0370-\u03FF×]$/u.test(char))
    .map(([command, char]) => [char, command]),
);
// Marks that sit below the letter leave the dot of i and j alone.
const BELOW_MARKS = new Set(['\u0327', '\u0323', '\u0328', '\u0331']);

/**
 * Escapes plain text for a braced BibTeX field value: LaTeX specials (`& % $ # _ { } ~ ^ \`),
 * straight and curly quotes, dashes, accented Latin letters (`é` → `{\'e}`, `ø` → `{\o}`) and
 * Greek letters (`$\alpha$`), so that LaTeX prints exactly the given text whatever the bibliography
 * style or input encoding. Characters with no LaTeX spelling (CJK, for one) stay as UTF-8.
 */
export function escapeBibtex(text: string, previousChar = ' '): string {
  let out = '';
  let previous = previousChar;
  for (const char of text.normalize('NFC')) {
    out += escapeChar(char, previous);
    previous = char;
  }
  return out;
}

function escapeChar(char: string, previous: string): string {
  if (char === '"') {
    // Straight double quotes become LaTeX's opening or closing quote by position.
    return /[\s([{\-–—/]/.test(previous) ? '``' : "''";
  }
  const special = ASCII_SPECIALS[char] ?? PUNCTUATION[char];
  if (special !== undefined) return special;
  if (char.charCodeAt(0) < 0x80) return char;
  const letter = LETTERS.get(char);
  if (letter !== undefined) return `{\\${letter}}`;
  const symbol = SYMBOLS.get(char);
  if (symbol !== undefined) return `$\\${symbol}$`;
  return accentedLetter(char) ?? char;
}

/** `é` → `{\'e}`, `í` → `{\'\i}`, `š` → `{\v{s}}`, `ệ` → `{\^{\d{e}}}`; undefined when not a Latin letter with known marks. */
function accentedLetter(char: string): string | undefined {
  const [base, ...marks] = [...char.normalize('NFD')];
  if (!base || marks.length === 0 || !/^[A-Za-z]$/.test(base)) return undefined;
  const accents = marks.map((mark) => MARK_TO_ACCENT.get(mark));
  if (accents.some((a) => a === undefined)) return undefined;
  const dotless = (base === 'i' || base === 'j') && marks.some((m) => !BELOW_MARKS.has(m));
  let inner = dotless ? `\\${base}` : base;
  for (const accent of accents) {
    const { command, letter } = accent!;
    const simple = inner.length === 1 || inner === '\\i' || inner === '\\j';
    inner = letter || !simple ? `\\${command}{${inner}}` : `\\${command}${inner}`;
  }
  return `{${inner}}`;
}

/**
 * Escapes a title and wraps the words whose capitals must survive a bibliography style that
 * lower-cases titles, the usual BibTeX practice: acronyms and names written in mixed case
 * (`{LIMA}`, `{ZeroSCROLLS}`, `{GPT-4}`, `{3D}`, `{Pick-a-Pic}`) always; in a title written in
 * sentence case also every other capitalised word after the first (its capitals are names).
 * Ordinary words of a title-case title, compounds like "Multi-Modal" included, stay unprotected.
 */
export function escapeBibtexTitle(title: string): string {
  let out = '';
  let previous = ' ';
  const emit = (raw: string, guard = false) => {
    if (raw === '') return;
    const escaped = escapeBibtex(raw, previous);
    out += guard ? `{${escaped}}` : escaped;
    previous = raw.at(-1)!;
  };
  const tokens = title.normalize('NFC').split(/(\s+)/);
  const sentenceCase = isSentenceCase(tokens);
  let first = true;
  for (const token of tokens) {
    // Leading and trailing punctuation stays outside the braces ("{LIMA}:").
    const [, before = '', word = '', after = ''] =
      /^([^\p{L}\p{N}]*)(.*?)([^\p{L}\p{N}]*)$/su.exec(token) ?? [];
    emit(before);
    emit(word, hasMixedCase(word) || (sentenceCase && !first && /^\p{Lu}/u.test(word)));
    emit(after);
    if (word !== '') first = false;
  }
  return out;
}

/**
 * Capitals that are not just title case: a capital after the first character of a part
 * ("LIMA", "t-SNE", "3D", "iPhone"), or a hyphenated name mixing capitalised and lower-case
 * parts ("Pick-a-Pic", "Text-to-Image").
 */
function hasMixedCase(word: string): boolean {
  const parts = word.split('-').filter((part) => part !== '');
  if (parts.some((part) => /^.+\p{Lu}/u.test(part))) return true;
  return (
    parts.slice(1).some((part) => /^\p{Lu}/u.test(part)) &&
    parts.some((part) => /^\p{Ll}/u.test(part))
  );
}

/** Words title case leaves in lower case; any other lower-case word marks sentence case. */
const MINOR_WORDS = new Set(
  'a an and as at but by for from in into nor of off on onto or out over per so than the to up upon via vs with yet'.split(
    ' ',
  ),
);

function isSentenceCase(tokens: readonly string[]): boolean {
  return tokens.some((token) => /^\p{Ll}{2,}$/u.test(token) && !MINOR_WORDS.has(token));
}
