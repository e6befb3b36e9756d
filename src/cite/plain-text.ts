import {
  LETTER_ACCENTS,
  LETTER_COMMANDS,
  SYMBOL_ACCENTS,
  SYMBOL_COMMANDS,
} from './latex-tables.ts';

// Escaped braces and dollars survive brace and math stripping as private-use placeholders.
const OPEN = '\uE000';
const CLOSE = '\uE001';
const DOLLAR = '\uE002';

// The accented letter may itself be accented already (`\~{\^e}` → `ẽ̂`), hence \p{L} inside braces.
const SYMBOL_ACCENT = /\\(['`^"~=.])\s*(?:\{\s*(\\?\p{L})\s*\}|(\\?[A-Za-z]))/gu;
const LETTER_ACCENT = /\\([uvHcdrkb])(?:\s*\{\s*(\\?\p{L})\s*\}|\s+(\\?[A-Za-z]))/gu;

/**
 * Turns a title or name that may still carry LaTeX leftovers (`\emph{…}`, `{\'e}`, `$x_1$`,
 * protective braces, `\&`) into plain Unicode text, so every citation format starts from the
 * same clean string. Unescaped braces are read as LaTeX grouping (`{BERT}`) and dropped; escaped
 * ones (`\{0,1\}`) stay. Text without LaTeX comes back unchanged apart from whitespace.
 */
export function plainText(input: string): string {
  let text = input.normalize('NFC');
  if (/[\\{}$]|``|''/.test(text)) text = stripLatex(text);
  return text.replace(/\s+/g, ' ').trim().normalize('NFC');
}

/**
 * Straight single quotes as typographic ones, the style citeproc gives APA, so every plain-text
 * citation writes "O’Brien" and "Don’t" alike: an apostrophe (after a letter or digit, or
 * before a year's digits: ’90s) is ’; a quote opening before a word is ‘.
 */
export function typographicApostrophes(text: string): string {
  return text.replace(/'/g, (_, at: number) => {
    const before = text[at - 1] ?? ' ';
    const after = text[at + 1] ?? ' ';
    return /[\p{L}\p{N}.,!?)]/u.test(before) || /\d/.test(after) ? '’' : '‘';
  });
}

function stripLatex(input: string): string {
  let text = input
    .replace(/\\([{}])/g, (_, brace: string) => (brace === '{' ? OPEN : CLOSE))
    .replace(/\\\$/g, DOLLAR)
    .replace(/\\([&%#_])/g, '$1');
  text = applyAccents(text)
    // Inline math: keep its content ("$O(n^2)$" → "O(n^2)"); a lone "$5" is left alone.
    .replace(/\$(?!\s)([^$]*?[^\s$\\])\$/g, '{$1}')
    .replace(/\\([A-Za-z]+)(?:\{\})?(\s?)/g, (_, name: string, space: string) => {
      // TeX eats the space after a command name; a word-like symbol keeps it for readability.
      if (Object.hasOwn(LETTER_COMMANDS, name)) return LETTER_COMMANDS[name]!;
      if (Object.hasOwn(SYMBOL_COMMANDS, name)) return SYMBOL_COMMANDS[name]! + space;
      // Formatting and unknown commands: drop the command, keep its argument.
      return space;
    })
    .replace(/``/g, '“')
    .replace(/''/g, '”')
    .replace(/---/g, '—')
    .replace(/--/g, '–');
  text = text.replace(/[{}]/g, '');
  return text.replaceAll(OPEN, '{').replaceAll(CLOSE, '}').replaceAll(DOLLAR, '$');
}

/** Replaces accent commands until none is left, innermost first for nested ones. */
function applyAccents(input: string): string {
  let text = input;
  for (let previous = ''; previous !== text; ) {
    previous = text;
    text = text
      .replace(SYMBOL_ACCENT, (_, accent: string, a?: string, b?: string) =>
        accented(a ?? b ?? '', SYMBOL_ACCENTS[accent]!),
      )
      .replace(LETTER_ACCENT, (_, accent: string, a?: string, b?: string) =>
        accented(a ?? b ?? '', LETTER_ACCENTS[accent]!),
      );
  }
  return text;
}

function accented(letter: string, mark: string): string {
  // Accents go on the dotted letter (`\'\i` → í) or on a letter command (`\'{\o}` → ǿ).
  const command = letter.slice(1);
  const base =
    letter === '\\i' || letter === '\\j'
      ? command
      : letter.startsWith('\\') && Object.hasOwn(LETTER_COMMANDS, command)
        ? LETTER_COMMANDS[command]!
        : letter.replace('\\', '');
  return `${base}${mark}`.normalize('NFC');
}
