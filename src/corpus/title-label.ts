/**
 * A short label for a paper that came without a title, derived from its abstract: the name of
 * the method or system it introduces ("We introduce Transfusion, a recipe…" → "Transfusion"),
 * else the opening words of its first sentence.
 */

/** Longest fallback label, in characters, before it is cut at a word and given an ellipsis. */
export const MAX_LABEL_LENGTH = 80;

/** A name-like token: `Transfusion`, `ZeroSCROLLS`, `Pick-a-Pic`, `Branch-Solve-Merge`, `GPT-4`. */
const NAME = String.raw`[\p{Lu}\p{N}][\p{L}\p{N}]*(?:[-–][\p{L}\p{N}]+)*`;
/** An acronym in brackets right after a name: "Branch-Solve-Merge (BSM)". */
const ACRONYM = String.raw`(?:\s\((\p{Lu}[\p{L}\p{N}-]*)\))?`;
const INTRO_VERB =
  '(?:introduce|introduces|present|presents|propose|proposes|release|releases|develop|develops|build|builds|train|trains|training|design|designs|describe|describes|create|creates|call|term|dub|name|coin|offer|unveil|contribute)';

/** "…, named instruction backtranslation," — an explicit naming; the name may be lowercase. */
const NAMED =
  /\b(?:named|called|dubbed|termed|coined|nicknamed)\s+((?:[\p{L}\p{N}][\p{L}\p{N}-]*)(?:\s+[\p{L}\p{N}][\p{L}\p{N}-]*){0,3})\s*(?=[,.;:(]|\s(?:that|which|to|is|for|with)\b)/u;
/** "We introduce Megalodon, a …" — an introducing verb, then a name in apposition. */
const INTRODUCED = new RegExp(
  String.raw`\b${INTRO_VERB}\s+(?:the\s+|our\s+)?(${NAME})${ACRONYM}\s*(?:,|:|\s(?:as|—|–|-))\s*`,
  'u',
);
/** "training LIMA, a 65B …", "we build Pick-a-Pic, a large …" — a distinctive name in apposition. */
const APPOSITION = new RegExp(String.raw`(?:^|[\s(])(${NAME})${ACRONYM},\s+(?:a|an|the)\s`, 'u');
/** "a principled approach Altogether based on …" — a kind of contribution followed by its name. */
const KIND_THEN_NAME = new RegExp(
  String.raw`\b(?:approach|method|framework|model|system|benchmark|dataset|algorithm|technique|recipe|architecture|toolkit|library|pipeline|metric|suite|corpus|agent|language)\s+(${NAME})${ACRONYM}\s+(?:based|that|which|to|for|with|,|uses|using)\b`,
  'u',
);
/** Capitalised words that start sentences or name generic things, never a paper's own name. */
const NOT_A_NAME = new Set([
  'A',
  'An',
  'The',
  'This',
  'These',
  'That',
  'We',
  'Our',
  'It',
  'In',
  'On',
  'To',
  'For',
  'First',
  'Second',
  'Third',
  'Finally',
  'Table',
  'Figure',
  'Section',
  'Transformer',
  'Transformers',
  'LLM',
  'LLMs',
  'BERT',
  'GPT',
  'AI',
  'NLP',
  'English',
]);
/** Openings that say nothing about the paper ("In this paper, we …"). */
const EMPTY_OPENING =
  /^(?:in\s+(?:this|the\s+present)\s+(?:paper|work|study|article|note)|here|in\s+this\s+work|abstract)\s*[,:.]?\s*/i;

/**
 * A short display label for the paper whose (cleaned) abstract is `abstract`: its introduced
 * name when one can be found, else the first sentence cut to at most {@link MAX_LABEL_LENGTH}
 * characters at a word boundary, ending in "…" when cut. Empty only for an empty abstract.
 */
export function deriveTitleLabel(abstract: string): string {
  const text = abstract.replace(/\s+/g, ' ').trim();
  if (text.length === 0) return '';
  return introducedName(text) ?? openingWords(text);
}

function introducedName(text: string): string | undefined {
  const named = NAMED.exec(text);
  if (named && !NOT_A_NAME.has(named[1]!)) return capitalise(named[1]!);
  for (const pattern of [INTRODUCED, APPOSITION, KIND_THEN_NAME]) {
    const found = firstDistinctive(pattern, text, pattern !== APPOSITION);
    if (found) return found;
  }
  return undefined;
}

/**
 * The first match of `pattern` whose name is not a generic word. Without an introducing verb
 * (apposition) the name must look coined: inner capitals, digits, hyphens or all capitals.
 */
function firstDistinctive(pattern: RegExp, text: string, plainNameOk: boolean): string | undefined {
  const global = new RegExp(pattern.source, 'gu');
  for (const match of text.matchAll(global)) {
    const name = match[1]!;
    const acronym = match[2];
    if (NOT_A_NAME.has(name)) continue;
    if (!plainNameOk && !looksCoined(name)) continue;
    return acronym ? `${name} (${acronym})` : name;
  }
  return undefined;
}

function looksCoined(name: string): boolean {
  const rest = name.slice(1);
  return /[\p{Lu}\p{N}]/u.test(rest) || /[-–]/.test(name);
}

function openingWords(text: string): string {
  const opening = capitalise(text.replace(EMPTY_OPENING, ''));
  const sentence = firstSentence(opening)
    .replace(/[.!?]+$/, '')
    .trim();
  if (sentence.length <= MAX_LABEL_LENGTH) return sentence;
  const cut = sentence.slice(0, MAX_LABEL_LENGTH);
  const lastSpace = cut.lastIndexOf(' ');
  const words = lastSpace > MAX_LABEL_LENGTH / 2 ? cut.slice(0, lastSpace) : cut;
  return `${words.replace(/[\s,;:(–—-]+$/, '')}…`;
}

/** Up to the first full stop that ends a sentence (not "e.g." or "1.70"). */
function firstSentence(text: string): string {
  const end = /(?<!\b(?:e\.g|i\.e|et al|cf|vs|Fig|Eq|approx))[.!?](?=\s+[\p{Lu}\p{N}("])/u.exec(
    text,
  );
  return end ? text.slice(0, end.index + 1) : text;
}

function capitalise(text: string): string {
  const first = text[0];
  return first === undefined ? text : first.toUpperCase() + text.slice(1);
}
