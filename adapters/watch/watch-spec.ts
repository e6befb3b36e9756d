/**
 * What a watch asks for, parsed from `watch add …` (Slack, `shammie chat`) or from Discord's
 * separate options into one spec, with every problem named at once.
 *
 * Text syntax (any order): `cs.CL stat.ML "long context" retrieval author:"Omer Levy" -vision
 * -"image generation" count:5 at 08:00 Europe/Paris crosslists:off quiet`.
 */

import { canonicalZone, parseTime } from '../scheduler/schedule.ts';
import { categoryName, closestCategories, knownCategory } from '../sources/arxiv-taxonomy.ts';

/** A watch as stored: validated categories and terms, and what its post does. */
export interface WatchSpec {
  /** arXiv codes as arXiv writes them (`cs.CL`), at least one. */
  categories: string[];
  keywords: string[];
  phrases: string[];
  authors: string[];
  /** Words and phrases that keep a paper out. */
  exclude: string[];
  /** Include papers cross-listed from other categories. */
  crossLists: boolean;
  /** Papers a post, 1–{@link MAX_COUNT}. */
  count: number;
  /** When nothing matched: stay quiet (true) or post a short note saying so (false). */
  quiet: boolean;
}

/** The schedule part as typed; validated with `daily subscribe`'s rules by the caller. */
export interface ScheduleText {
  time?: string;
  timezone?: string;
}

/** Papers a post when the watch does not say. */
export const DEFAULT_COUNT = 5;
/** Most papers one post may hold (a post of more is not read). */
export const MAX_COUNT = 10;
/** Most categories one watch may name. */
export const MAX_CATEGORIES = 10;
/** Most keywords, phrases, authors and exclusions together. */
export const MAX_TERMS = 50;
/** Longest single term (a phrase or an author name). */
export const MAX_TERM_LENGTH = 100;
/** Longest `watch add` text read at all. */
export const MAX_SPEC_TEXT = 4_000;

/** The example every refusal shows. */
export const WATCH_EXAMPLE =
  'watch add cs.CL stat.ML "long context" retrieval author:"Omer Levy" -vision count:5 at 08:00 Europe/Paris';

/** The pieces of a watch before validation (text and Discord options both end up here). */
export interface WatchParts {
  categories: string[];
  keywords: string[];
  phrases: string[];
  authors: string[];
  exclude: string[];
  crossLists?: string | boolean;
  count?: string | number;
  quiet?: string | boolean;
  schedule: ScheduleText;
  /** Words no rule reads (`count:lots`, `foo:bar`). */
  unknown: string[];
}

export type ParsedWatch = { spec: WatchSpec; schedule: ScheduleText } | { problems: string[] };

function emptyParts(): WatchParts {
  return {
    categories: [],
    keywords: [],
    phrases: [],
    authors: [],
    exclude: [],
    schedule: {},
    unknown: [],
  };
}

/** One token: its `key:` prefix (lower case, may be empty), its value, and whether quoted. */
interface Token {
  key: string;
  negated: boolean;
  value: string;
  quoted: boolean;
}

/**
 * Splits text into tokens: `word`, `"a phrase"`, `key:value`, `key:"a value"`, `-word`,
 * `-"a phrase"`. Straight and curly quotes both work; an unclosed quote runs to the end.
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /(-?)(?:([A-Za-z]+):)?(?:["“”]([^"“”]*)["“”]?|(\S+))/g;
  for (const match of text.slice(0, MAX_SPEC_TEXT).matchAll(pattern)) {
    const quoted = match[3] !== undefined;
    const value = (quoted ? match[3]! : match[4]!).replace(/\s+/g, ' ').trim();
    if (value === '' && !match[2]) continue;
    tokens.push({ key: (match[2] ?? '').toLowerCase(), negated: match[1] === '-', value, quoted });
  }
  return tokens;
}

const CATEGORY_SHAPE = /^[a-z]+(?:-[a-z]+)?\.[A-Za-z]+(?:-[A-Za-z]+)?$/i;

/** Reads `watch add` text into parts (see the module comment). */
export function partsFromText(text: string): WatchParts {
  const parts = emptyParts();
  const tokens = tokenize(text);
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i]!;
    const { key, value, quoted, negated } = token;
    const lower = value.toLowerCase();
    if (negated && key === '') {
      if (value !== '') parts.exclude.push(value);
      continue;
    }
    switch (key) {
      case 'author':
      case 'authors':
      case 'by':
        parts.authors.push(...(quoted ? [value] : value.split(',')).filter((v) => v.trim()));
        continue;
      case 'cat':
      case 'category':
        parts.categories.push(value);
        continue;
      case 'not':
      case 'exclude':
        parts.exclude.push(value);
        continue;
      case 'count':
      case 'top':
        parts.count = value;
        continue;
      case 'crosslists':
      case 'crosslist':
      case 'cross':
        parts.crossLists = value;
        continue;
      case 'quiet':
        parts.quiet = value;
        continue;
      case 'at':
      case 'time':
        parts.schedule.time = value;
        continue;
      case 'tz':
      case 'zone':
      case 'timezone':
        parts.schedule.timezone = value;
        continue;
      case '':
        break;
      default:
        // `http://…` or `arXiv:2401.1` are keywords; an unknown `word:` is reported.
        if (/^\d/.test(value) || value.startsWith('//')) break;
        parts.unknown.push(`${key}:${value}`);
        continue;
    }
    if (quoted) {
      if (value !== '') parts.phrases.push(value);
    } else if (lower === 'at' && tokens[i + 1]?.key === '') {
      parts.schedule.time = tokens[i + 1]!.value;
      i += 1;
    } else if (parseTime(value)) {
      parts.schedule.time = value;
    } else if (lower === 'quiet') {
      parts.quiet = true;
    } else if (value.includes('/') && canonicalZone(value)) {
      parts.schedule.timezone = value;
    } else if (lower === 'utc') {
      parts.schedule.timezone = 'UTC';
    } else if (CATEGORY_SHAPE.test(value) || (value.includes('-') && knownCategory(value))) {
      parts.categories.push(value);
    } else {
      parts.keywords.push(value);
    }
  }
  return parts;
}

/** Discord's options (or any caller's separate fields) as parts. */
export function partsFromOptions(options: {
  categories?: string | undefined;
  keywords?: string | undefined;
  authors?: string | undefined;
  exclude?: string | undefined;
  crossLists?: boolean | undefined;
  count?: number | undefined;
  time?: string | undefined;
  timezone?: string | undefined;
}): WatchParts {
  const parts = emptyParts();
  const cut = (text: string | undefined) => (text ?? '').slice(0, MAX_SPEC_TEXT);
  parts.categories = cut(options.categories)
    .split(/[\s,]+/)
    .filter((c) => c !== '');
  for (const token of tokenize(cut(options.keywords))) {
    if (token.negated) parts.exclude.push(token.value);
    else if (token.quoted) parts.phrases.push(token.value);
    else parts.keywords.push(token.key ? `${token.key}:${token.value}` : token.value);
  }
  parts.authors = cut(options.authors)
    .split(/[,;]/)
    .map((a) => a.replace(/["“”]/g, '').trim())
    .filter((a) => a !== '');
  parts.exclude.push(...tokenize(cut(options.exclude)).map((t) => t.value));
  if (options.crossLists !== undefined) parts.crossLists = options.crossLists;
  if (options.count !== undefined) parts.count = options.count;
  if (options.time) parts.schedule.time = options.time;
  if (options.timezone) parts.schedule.timezone = options.timezone;
  return parts;
}

/** Validates parts into a spec, or every problem in words the user can act on. */
export function specFromParts(parts: WatchParts): ParsedWatch {
  const problems: string[] = [];
  const categories = uniqueCategories(parts.categories, problems);
  if (parts.categories.length === 0) {
    problems.push('Name at least one arXiv category to watch, such as cs.CL or stat.ML.');
  }
  const terms = {
    keywords: unique(parts.keywords),
    phrases: unique(parts.phrases),
    authors: unique(parts.authors),
    exclude: unique(parts.exclude),
  };
  const termCount = Object.values(terms).reduce((sum, list) => sum + list.length, 0);
  if (termCount > MAX_TERMS) {
    problems.push(
      `That watch has ${termCount} keywords, phrases, authors and exclusions; a watch takes at most ${MAX_TERMS}.`,
    );
  }
  const long = Object.values(terms)
    .flat()
    .find((t) => t.length > MAX_TERM_LENGTH);
  if (long) {
    problems.push(
      `"${echo(long)}" is too long: a keyword, phrase or author takes at most ${MAX_TERM_LENGTH} characters.`,
    );
  }
  const count = readCount(parts.count, problems);
  const crossLists = readSwitch(parts.crossLists, true, 'crosslists', problems);
  const quiet = readSwitch(parts.quiet, false, 'quiet', problems);
  for (const word of parts.unknown.slice(0, 3)) {
    problems.push(`"${echo(word)}" is not something a watch understands.`);
  }
  if (problems.length > 0) return { problems };
  return {
    spec: { categories, ...terms, crossLists, count, quiet },
    schedule: parts.schedule,
  };
}

/** Parses `watch add` text (see the module comment). */
export function parseWatchText(text: string): ParsedWatch {
  return specFromParts(partsFromText(text));
}

function uniqueCategories(names: readonly string[], problems: string[]): string[] {
  const found: string[] = [];
  for (const name of names) {
    const code = knownCategory(name);
    if (code) {
      if (!found.includes(code)) found.push(code);
      continue;
    }
    const near = closestCategories(name);
    const offer =
      near.length > 0
        ? ` Did you mean ${near.map((c) => `${c} (${categoryName(c)})`).join(', ')}?`
        : ' See https://arxiv.org/category_taxonomy for the list.';
    problems.push(`"${echo(name)}" is not an arXiv category.${offer}`);
  }
  if (found.length > MAX_CATEGORIES) {
    problems.push(
      `That watch names ${found.length} categories; a watch takes at most ${MAX_CATEGORIES}.`,
    );
  }
  return found;
}

function readCount(value: string | number | undefined, problems: string[]): number {
  if (value === undefined) return DEFAULT_COUNT;
  const count = typeof value === 'number' ? value : /^\d{1,3}$/.test(value) ? Number(value) : NaN;
  if (Number.isInteger(count) && count >= 1 && count <= MAX_COUNT) return count;
  problems.push(`count must be a whole number from 1 to ${MAX_COUNT} (papers a post).`);
  return DEFAULT_COUNT;
}

function readSwitch(
  value: string | boolean | undefined,
  fallback: boolean,
  name: string,
  problems: string[],
): boolean {
  if (value === undefined) return fallback;
  if (typeof value === 'boolean') return value;
  const word = value.toLowerCase();
  if (['on', 'yes', 'true', '1', ''].includes(word)) return true;
  if (['off', 'no', 'false', '0'].includes(word)) return false;
  problems.push(`${name} takes on or off.`);
  return fallback;
}

function unique(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const value of values) {
    const key = value.toLowerCase();
    if (value === '' || seen.has(key)) continue;
    seen.add(key);
    out.push(value);
  }
  return out;
}

function echo(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > 40 ? `${flat.slice(0, 39)}…` : flat;
}

/** The spec in the text syntax it can be typed in again (for `watch list`). */
export function describeSpec(spec: WatchSpec): string {
  const quote = (t: string) => (/\s/.test(t) ? `"${t}"` : t);
  return [
    ...spec.categories,
    ...spec.phrases.map((p) => `"${p}"`),
    ...spec.keywords,
    ...spec.authors.map((a) => `author:${quote(a)}`),
    ...spec.exclude.map((e) => `-${quote(e)}`),
    `count:${spec.count}`,
    ...(spec.crossLists ? [] : ['crosslists:off']),
    ...(spec.quiet ? ['quiet'] : []),
  ].join(' ');
}
