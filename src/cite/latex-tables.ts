/**
 * The LaTeX spellings of accents, letters and symbols that turn up in paper titles and author
 * names, shared by the reader (`plainText`) and the writer (`escapeBibtex`).
 */

/** Accent commands written with a symbol: `\'e`, `\"{o}`. */
export const SYMBOL_ACCENTS: Record<string, string> = {
  "'": '\u0301',
  '`': '\u0300',
  '^': '\u0302',
  '"': '\u0308',
  '~': '\u0303',
  '=': '\u0304',
  '.': '\u0307',
};

/** Accent commands written with a letter: `\v{s}`, `\c c`. */
export const LETTER_ACCENTS: Record<string, string> = {
  u: '\u0306',
  v: '\u030C',
  H: '\u030B',
  c: '\u0327',
  d: '\u0323',
  r: '\u030A',
  k: '\u0328',
  b: '\u0331',
};

/** Letters LaTeX writes as commands. */
export const LETTER_COMMANDS: Record<string, string> = {
  ss: 'ß',
  ae: 'æ',
  AE: 'Æ',
  oe: 'œ',
  OE: 'Œ',
  aa: 'å',
  AA: 'Å',
  o: 'ø',
  O: 'Ø',
  l: 'ł',
  L: 'Ł',
  i: 'ı',
  j: 'ȷ',
};

/** Symbols LaTeX writes as commands, and the Greek letters that turn up in titles. */
export const SYMBOL_COMMANDS: Record<string, string> = {
  textbackslash: '\\',
  textasciitilde: '~',
  textasciicircum: '^',
  textless: '<',
  textgreater: '>',
  textbar: '|',
  textendash: '–',
  textemdash: '—',
  ldots: '…',
  dots: '…',
  textquotedblleft: '“',
  textquotedblright: '”',
  LaTeX: 'LaTeX',
  TeX: 'TeX',
  times: '×',
  alpha: 'α',
  beta: 'β',
  gamma: 'γ',
  delta: 'δ',
  epsilon: 'ε',
  varepsilon: 'ε',
  zeta: 'ζ',
  eta: 'η',
  theta: 'θ',
  kappa: 'κ',
  lambda: 'λ',
  mu: 'μ',
  pi: 'π',
  rho: 'ρ',
  sigma: 'σ',
  tau: 'τ',
  phi: 'φ',
  chi: 'χ',
  psi: 'ψ',
  omega: 'ω',
  Delta: 'Δ',
  Sigma: 'Σ',
  Omega: 'Ω',
};
