/**
 * LaTeX as it appears in titles and abstracts (arXiv, BibTeX exports) turned into plain Unicode
 * text for display: `$O(n^2)$` → `O(n²)`, `\emph{x}` → `x`, `{\"u}` → `ü`, `--` → `–`.
 * Text that is not LaTeX passes through untouched apart from whitespace: prose like "$10" stays.
 */
import {
  ACCENTS,
  DOUBLE_STRUCK,
  DROPPED_WITH_ARGUMENT,
  LETTER_COMMANDS,
  PASS_THROUGH,
  SUBSCRIPTS,
  SUPERSCRIPTS,
  SYMBOLS,
} from './latex-symbols.ts';

/** Bare commands that print nothing (sizing, spacing, font switches, delimiters' size). */
const SILENT = new Set([
  'left',
  'right',
  'big',
  'Big',
  'bigg',
  'Bigg',
  'bigl',
  'bigr',
  'Bigl',
  'Bigr',
  'middle',
  'displaystyle',
  'textstyle',
  'scriptstyle',
  'limits',
  'nolimits',
  'noindent',
  'newblock',
  'par',
  'centering',
  'em',
  'bf',
  'it',
  'rm',
  'sf',
  'tt',
  'sc',
  'sl',
  'up',
  'normalfont',
  'small',
  'footnotesize',
  'scriptsize',
  'tiny',
  'normalsize',
  'large',
  'Large',
  'LARGE',
  'huge',
  'Huge',
  'relax',
  'protect',
  'xspace',
  'ignorespaces',
  'unskip',
  'nobreak',
  'hfill',
  'smallskip',
  'medskip',
  'bigskip',
  'linebreak',
  'newline',
  'allowbreak',
]);
/** The spaces of `\s` above Latin-1 (below it: tab to carriage return, space, U+00A0). */
const WIDE_SPACE = /[\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/;
/** Where the scanner must look closer; everything between two matches is copied as is. */
const SPECIAL = /[\\{}$~`^_]|--|''|https?:\/\/|www\./g;
/** Deeper nesting than this is flattened rather than walked, so no input can exhaust the stack. */
const MAX_DEPTH = 40;
/** Longest inline formula considered math; a farther `$` belongs to something else. */
const MAX_MATH_LENGTH = 400;
const URL_START = /https?:\/\/|www\./y;
const URL_BODY = /[^\s{}\\]+/y;
const LETTERS = /[A-Za-z]+/y;

/**
 * `text` cleaned of LaTeX markup for display, with whitespace collapsed to single spaces.
 * Never throws; unknown commands keep their braced argument and otherwise disappear.
 */
export function cleanLatex(text: string): string {
  if (!mayHoldMarkup(text)) return collapseSpaces(text);
  try {
    return collapseSpaces(render(text, false, 0));
  } catch {
    // A last resort for input no test foresaw: loading goes on with the markup blanked out.
    return collapseSpaces(flatten(text));
  }
}

/** Text with every command name, brace and dollar replaced by a space. */
function flatten(text: string): string {
  return text.replace(/\\[A-Za-z]+|[\\{}$]/g, ' ');
}

/** Runs of whitespace become one space; the ends are trimmed. */
export function collapseSpaces(text: string): string {
  // Most text is already clean; testing first spares a replace per space on 100,000 abstracts.
  if (!hasIrregularSpace(text)) return text.trim();
  return text.replace(/\s+/g, ' ').trim();
}

/*
 * The two tests below run on every title and abstract of a corpus. Each `includes` of one
 * character is a native scan several times faster than a regular expression with a character
 * class or alternatives over the same text (measured on 200,000 abstracts); a class of
 * characters above U+00FF costs nothing on the (common) one-byte strings.
 */

/** Strings that may start LaTeX markup (or are the `--` and `''` ligatures). */
const MARKUP_STARTS = ['\\', '$', '{', '}', '~', '`', '--', "''"];
/** Whitespace other than single spaces below U+0100 (the wider spaces are {@link WIDE_SPACE}). */
const IRREGULAR_SPACES = ['  ', '\n', '\t', '\r', '\v', '\f', '\u00a0'];

/** Whether text holds a character that may start LaTeX markup (or a `--` or `''` ligature). */
function mayHoldMarkup(text: string): boolean {
  for (const start of MARKUP_STARTS) if (text.includes(start)) return true;
  return false;
}

/** Whether text holds whitespace other than single spaces: tabs, newlines, runs, Unicode spaces. */
function hasIrregularSpace(text: string): boolean {
  for (const space of IRREGULAR_SPACES) if (text.includes(space)) return true;
  return WIDE_SPACE.test(text);
}

interface Piece {
  text: string;
  end: number;
}

function render(src: string, math: boolean, depth: number): string {
  if (depth > MAX_DEPTH) return flatten(src);
  // The text so far is `out` (never ending in white space) followed by `gap` (white space only):
  // a dropped `\cite{…}` takes the space before it by clearing `gap`, and the character before
  // a `~` is known without reading back from `out`. Both keep long hostile input linear.
  let out = '';
  let gap = '';
  let last = '';
  const append = (text: string) => {
    const body = text.trimEnd();
    if (body.length === 0) {
      gap += text;
      return;
    }
    out += gap + body;
    gap = text.slice(body.length);
    last = body[body.length - 1]!;
  };
  let quoteOpen = false;
  let i = 0;
  while (i < src.length) {
    // Safe to share: nested calls happen only after this match has been read.
    SPECIAL.lastIndex = i;
    const next = SPECIAL.exec(src);
    const at = next ? next.index : src.length;
    if (at > i) {
      append(src.slice(i, at));
      i = at;
      if (!next) break;
    }
    const ch = src[i]!;
    if (ch === '\\') {
      const piece = command(src, i, math, depth);
      if (piece.text === DROP) gap = '';
      else append(piece.text);
      i = piece.end;
    } else if (ch === '{') {
      const group = readGroup(src, i);
      append(render(group.text, math, depth + 1));
      i = group.end;
    } else if (ch === '}') {
      i += 1;
    } else if (ch === '$') {
      if (math) {
        i += 1;
        continue;
      }
      const span = findMath(src, i);
      if (span) {
        append(render(span.text, true, depth + 1));
        i = span.end;
      } else {
        append('$');
        i += 1;
      }
    } else if (math && (ch === '^' || ch === '_')) {
      const arg = readArgument(src, i + 1);
      append(script(render(arg.text, true, depth + 1), ch === '^' ? SUPERSCRIPTS : SUBSCRIPTS, ch));
      i = arg.end;
    } else if (ch === '~') {
      // A tie (`Fig.~2`, `et~al.`) is a space; a tilde before a number ("~10%") is "about".
      const before = gap.length > 0 ? gap : last || undefined;
      const after = src[i + 1];
      const tie =
        math ||
        (before !== undefined && /\S/.test(before) && after !== undefined && /\S/.test(after));
      append(tie ? ' ' : '~');
      i += 1;
    } else if (ch === '-' && !math && src[i + 1] === '-') {
      const em = src[i + 2] === '-';
      append(em ? '—' : '–');
      i += em ? 3 : 2;
    } else if (ch === '`' && !math) {
      const double = src[i + 1] === '`';
      append(double ? '“' : '‘');
      if (double) quoteOpen = true;
      i += double ? 2 : 1;
    } else if (ch === "'" && !math && quoteOpen && src[i + 1] === "'") {
      append('”');
      quoteOpen = false;
      i += 2;
    } else if ((ch === 'h' || ch === 'w') && !math && startsUrl(src, i)) {
      // Addresses are copied verbatim: `~` and `--` inside them are part of the address.
      URL_BODY.lastIndex = i;
      const url = URL_BODY.exec(src)![0];
      append(url);
      i += url.length;
    } else {
      append(ch);
      i += 1;
    }
  }
  return out + gap;
}

/** Marker for a command that vanishes with its argument (`\cite{…}`): the space before goes too. */
const DROP = '\u0000drop';

function command(src: string, start: number, math: boolean, depth: number): Piece {
  LETTERS.lastIndex = start + 1;
  const word = LETTERS.exec(src);
  // Accents of accents (`\'\'\'…`) nest without braces: past the depth limit a command is
  // dropped rather than followed, so no input can exhaust the stack.
  if (depth > MAX_DEPTH) return { text: '', end: start + 1 + (word ? word[0].length : 1) };
  if (!word) return controlSymbol(src, start, math, depth);
  const name = word[0];
  let end = start + 1 + name.length;
  if (name in ACCENTS) return accent(src, end, ACCENTS[name]!, math, depth);
  if (name === 'url') {
    const arg = readArgument(src, end);
    return { text: arg.text, end: arg.end };
  }
  if (name === 'href') {
    const target = readArgument(src, end);
    const label = readArgument(src, target.end);
    const shown = render(label.text, math, depth + 1);
    return { text: shown.trim() ? shown : target.text, end: label.end };
  }
  if (name === 'frac' || name === 'dfrac' || name === 'tfrac') {
    const top = readArgument(src, end);
    const bottom = readArgument(src, top.end);
    const a = render(top.text, true, depth + 1).trim();
    const b = render(bottom.text, true, depth + 1).trim();
    return { text: `${operand(a)}/${operand(b)}`, end: bottom.end };
  }
  if (name === 'sqrt') {
    end = skipOptional(src, end);
    const arg = readArgument(src, end);
    return { text: `√${operand(render(arg.text, true, depth + 1).trim())}`, end: arg.end };
  }
  if (name === 'mathbb' || name === 'mathbbm') {
    const arg = readArgument(src, end);
    const letters = render(arg.text, true, depth + 1);
    return { text: [...letters].map((c) => DOUBLE_STRUCK[c] ?? c).join(''), end: arg.end };
  }
  if (name === 'textcolor' || name === 'colorbox') {
    const colour = readArgument(src, end);
    const arg = readArgument(src, colour.end);
    return { text: render(arg.text, math, depth + 1), end: arg.end };
  }
  if (name === 'color') return { text: '', end: readArgument(src, end).end };
  if (DROPPED_WITH_ARGUMENT.has(name)) {
    end = skipOptional(src, end);
    end = skipOptional(src, end);
    return { text: DROP, end: readArgument(src, end).end };
  }
  if (PASS_THROUGH.has(name)) {
    const arg = readArgument(src, end);
    return { text: render(arg.text, math, depth + 1), end: arg.end };
  }
  const symbol = SYMBOLS[name];
  if (symbol !== undefined) {
    // `\ss{}` and `{\o}` are whole letters; an empty group after a symbol only ends the name.
    if (src.startsWith('{}', end)) end += 2;
    // As in TeX, the spaces after a letter's name only end the name: `\OE uvre` is "Œuvre".
    else if (!math && LETTER_COMMANDS.has(name)) while (src[end] === ' ') end += 1;
    return { text: symbol, end };
  }
  if (SILENT.has(name)) return { text: '', end };
  if (src[end] === '{') {
    const group = readGroup(src, end);
    return { text: render(group.text, math, depth + 1), end: group.end };
  }
  // An unknown operator in math reads best as its name; in prose an unknown macro is noise.
  return { text: math ? name : '', end };
}

/**
 * What a control symbol other than an accent prints: spaces (`\\`, `\,`, `\ `) a space, the
 * invisible ones (`\!`, `\-`, `\@`) nothing, `\|` a double bar; `\( … \)` and `\[ … \]` only
 * switch to math, whose content is rendered where it stands. Any other prints its character.
 */
const CONTROL_SYMBOLS: ReadonlyMap<string, string> = new Map([
  ...[...'\\,;:> \n\t'].map((c) => [c, ' '] as const),
  ...[...'!/-@()[]'].map((c) => [c, ''] as const),
  ['|', '‖'],
]);

function controlSymbol(src: string, start: number, math: boolean, depth: number): Piece {
  const next = src[start + 1];
  const end = start + 2;
  if (next === undefined) return { text: '', end: start + 1 };
  const mark = ACCENTS[next];
  if (mark !== undefined && !(math && (next === '^' || next === '~'))) {
    return accent(src, end, mark, math, depth);
  }
  return { text: CONTROL_SYMBOLS.get(next) ?? next, end };
}

function accent(src: string, start: number, mark: string, math: boolean, depth: number): Piece {
  let i = start;
  // TeX skips spaces before an accent's argument: `\c c` (the space also ends the name), `\" o`.
  while (src[i] === ' ') i += 1;
  let base: string;
  let end: number;
  if (src[i] === '{') {
    const group = readGroup(src, i);
    base = render(group.text, math, depth + 1);
    end = group.end;
  } else if (src[i] === '\\') {
    const piece = command(src, i, math, depth + 1);
    base = piece.text === DROP ? '' : piece.text;
    end = piece.end;
  } else if (i < src.length) {
    base = src[i]!;
    end = i + 1;
  } else {
    return { text: '', end: i };
  }
  // Accents sit on a dotted i or j (`\'{\i}` is í).
  base = base.replace(/^ı/, 'i').replace(/^ȷ/, 'j');
  const first = [...base][0];
  if (first === undefined) return { text: '', end };
  return { text: `${first}${mark}${base.slice(first.length)}`.normalize('NFC'), end };
}

/** A braced group starting at `start` (which holds `{`); an unclosed group runs to the end. */
function readGroup(src: string, start: number): Piece {
  let depth = 0;
  for (let i = start; i < src.length; i += 1) {
    const ch = src[i];
    if (ch === '\\') i += 1;
    else if (ch === '{') depth += 1;
    else if (ch === '}') {
      depth -= 1;
      if (depth === 0) return { text: src.slice(start + 1, i), end: i + 1 };
    }
  }
  return { text: src.slice(start + 1), end: src.length };
}

/** A command's argument: a braced group, one command, or one character (after spaces). */
function readArgument(src: string, start: number): Piece {
  let i = start;
  while (src[i] === ' ' || src[i] === '\n') i += 1;
  if (i >= src.length) return { text: '', end: i };
  if (src[i] === '{') return readGroup(src, i);
  if (src[i] === '\\') {
    LETTERS.lastIndex = i + 1;
    const word = LETTERS.exec(src);
    const length = word ? word[0].length + 1 : 2;
    return { text: src.slice(i, i + length), end: i + length };
  }
  const codePoint = src.codePointAt(i)!;
  const length = codePoint > 0xffff ? 2 : 1;
  return { text: src.slice(i, i + length), end: i + length };
}

/** Longest optional argument (`\sqrt[3]`, `\cite[p. 4]`) looked for; a farther `]` is not its end. */
const MAX_OPTIONAL_LENGTH = 200;

function skipOptional(src: string, start: number): number {
  if (src[start] !== '[') return start;
  // A bounded look: searching the whole text for every `[` would make long input quadratic.
  const close = src.slice(start, start + MAX_OPTIONAL_LENGTH).indexOf(']');
  return close === -1 ? start : start + close + 1;
}

/**
 * The inline math span opening at `start` (`$…$` or `$$…$$`), or undefined when this `$` is
 * prose. As in Pandoc, an opening `$` is followed by a non-space, a closing one follows a
 * non-space and is not followed by a digit, and it is the very next `$` — so "$10 and $20" is
 * money, not math. Spans longer than a formula ever is in an abstract are not math either.
 */
function findMath(src: string, start: number): Piece | undefined {
  if (src[start + 1] === '$') {
    const close = src.indexOf('$$', start + 2);
    return close === -1 ? undefined : { text: src.slice(start + 2, close), end: close + 2 };
  }
  const first = src[start + 1];
  if (first === undefined || /\s/.test(first)) return undefined;
  const limit = Math.min(src.length, start + MAX_MATH_LENGTH);
  for (let i = start + 1; i < limit; i += 1) {
    const ch = src[i];
    if (ch === '\\') {
      i += 1;
      continue;
    }
    if (ch !== '$') continue;
    // Only the very next `$` can close; if it cannot, the opening one was prose.
    if (/\s/.test(src[i - 1]!) || /[0-9]/.test(src[i + 1] ?? '')) return undefined;
    return { text: src.slice(start + 1, i), end: i + 1 };
  }
  return undefined;
}

/** `x^{2}` → `x²` when every character has a Unicode form, else `x^(…)` / `x_i`. */
function script(content: string, table: Readonly<Record<string, string>>, sign: string): string {
  const trimmed = content.trim();
  if (trimmed === '⊤') return table === SUPERSCRIPTS ? 'ᵀ' : `${sign}⊤`;
  const chars = [...trimmed];
  if (chars.length > 0 && chars.every((c) => table[c] !== undefined)) {
    return chars.map((c) => table[c]).join('');
  }
  return `${sign}${operand(trimmed)}`;
}

/** Brackets around a compound operand so `\frac{a+b}{2}` reads `(a+b)/2`. */
function operand(text: string): string {
  return /^[\p{L}\p{N}.]*$/u.test(text) ? text : `(${text})`;
}

function startsUrl(src: string, i: number): boolean {
  const before = src[i - 1];
  if (before !== undefined && /[\p{L}\p{N}]/u.test(before)) return false;
  URL_START.lastIndex = i;
  return URL_START.test(src);
}
