/**
 * The LaTeX spellings of accents, letters and symbols that turn up in paper titles and author
 * names, shared by the reader (`plainText`) and the writer (`escapeBibtex`). The characters come
 * from the corpus reader's tables; citations use the subset that LaTeX prints without extra
 * packages, in this order (the writer reverses them: the last command of a character wins).
 */
import { ACCENTS, SYMBOLS } from '../corpus/latex-symbols.ts';

/** Accent commands written with a symbol: `\'e`, `\"{o}`. */
export const SYMBOL_ACCENTS = pick(ACCENTS, `' \` ^ " ~ = .`);

/** Accent commands written with a letter: `\v{s}`, `\c c`. */
export const LETTER_ACCENTS = pick(ACCENTS, 'u v H c d r k b');

/** Letters LaTeX writes as commands. */
export const LETTER_COMMANDS = pick(SYMBOLS, 'ss ae AE oe OE aa AA o O l L i j');

/** Symbols LaTeX writes as commands, and the Greek letters that turn up in titles. */
export const SYMBOL_COMMANDS: Record<string, string> = {
  ...pick(
    SYMBOLS,
    'textbackslash textasciitilde textasciicircum textless textgreater textbar textendash ' +
      'textemdash ldots dots textquotedblleft textquotedblright LaTeX TeX times alpha beta gamma ' +
      'delta epsilon varepsilon zeta eta theta kappa lambda mu pi rho sigma tau phi chi psi ' +
      'omega Delta Sigma Omega',
  ),
  // Citations have always read and written \phi as φ (U+03C6); the corpus reader shows LaTeX's
  // glyph, ϕ (U+03D5).
  phi: 'φ',
};

/** The entries of `table` with these space-separated names, in that order. */
function pick(table: Readonly<Record<string, string>>, names: string): Record<string, string> {
  return Object.fromEntries(names.split(' ').map((name) => [name, table[name] as string]));
}
