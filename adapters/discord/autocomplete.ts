import type { Engine, Paper } from '../../src/index.ts';
import { LIMITS } from './limits.ts';
import { plainLine } from './text.ts';

/** One autocomplete choice as Discord takes it. */
export interface Choice {
  name: string;
  value: string;
}

/**
 * The papers shown for an empty box, per engine, with the list of papers they were computed
 * from: sorting every paper by year is too slow to repeat at each keystroke on a big corpus, but
 * a paper added or removed (a new list, or the same list grown or shrunk) computes them again.
 */
const defaultsByEngine = new WeakMap<
  Engine,
  { papers: readonly Paper[]; count: number; defaults: Paper[] }
>();

/** The newest papers, for an empty box. */
function defaultPapers(engine: Engine): Paper[] {
  const { papers } = engine;
  const cached = defaultsByEngine.get(engine);
  if (cached && cached.papers === papers && cached.count === papers.length) return cached.defaults;
  const defaults = engine.suggest('', LIMITS.choices);
  defaultsByEngine.set(engine, { papers, count: papers.length, defaults });
  return defaults;
}

/** What a paper is called in an autocomplete list: "Title (2023, First Author)", one line, ≤ 100. */
export function choiceName(paper: Paper): string {
  const extra = [paper.year, paper.authors[0]].filter((x) => x !== undefined && x !== '');
  const tail = extra.length > 0 ? ` (${plainLine(extra.join(', '), 40)})` : '';
  const title = plainLine(paper.title, LIMITS.choiceName - tail.length);
  const name = (title === '' ? plainLine(paper.id, LIMITS.choiceName - tail.length) : title) + tail;
  return name.trim() === '' ? 'Untitled paper' : name;
}

/**
 * The value a choice sends back: the paper id when it fits in 100 characters (the engine
 * resolves ids), else the arXiv id or DOI; undefined when none fits.
 */
export function choiceValue(paper: Paper): string | undefined {
  for (const value of [paper.id, paper.arxiv, paper.doi]) {
    if (value && value.length <= LIMITS.choiceValue && value.trim() !== '') return value;
  }
  return undefined;
}

/**
 * Choices for a `paper` option: the engine's suggestions for what was typed; for an empty box,
 * the newest papers. Never more than 25, and never throws (an autocomplete cannot show errors).
 */
export function paperChoices(engine: Engine, typed: string): Choice[] {
  const papers =
    typed.trim() === '' ? defaultPapers(engine) : engine.suggest(typed, LIMITS.choices);
  const choices: Choice[] = [];
  const seen = new Set<string>();
  for (const paper of papers) {
    const value = choiceValue(paper);
    if (value === undefined || seen.has(value)) continue;
    seen.add(value);
    choices.push({ name: choiceName(paper), value });
    if (choices.length >= LIMITS.choices) break;
  }
  return choices;
}

/** Zones offered when the box is empty: a few common ones. */
const COMMON_ZONES = [
  'UTC',
  'Europe/London',
  'Europe/Paris',
  'Europe/Berlin',
  'America/New_York',
  'America/Chicago',
  'America/Los_Angeles',
  'Asia/Tokyo',
  'Asia/Shanghai',
  'Asia/Kolkata',
  'Australia/Sydney',
];

let allZones: string[] | undefined;

/** Choices for a `timezone` option: IANA zones containing what was typed (case-insensitive). */
export function timeZoneChoices(typed: string): Choice[] {
  allZones ??= ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')];
  const needle = typed.trim().toLowerCase().replace(/\s+/g, '_');
  const zones =
    needle === ''
      ? COMMON_ZONES
      : [
          ...allZones.filter((z) => z.toLowerCase().startsWith(needle)),
          ...allZones.filter(
            (z) => !z.toLowerCase().startsWith(needle) && z.toLowerCase().includes(needle),
          ),
        ];
  return zones.slice(0, LIMITS.choices).map((zone) => ({ name: zone, value: zone }));
}

/** Choices for whichever option is being typed; an option we don't complete gets none. */
export function autocompleteChoices(engine: Engine, option: string, typed: string): Choice[] {
  if (option === 'paper') return paperChoices(engine, typed);
  if (option === 'timezone') return timeZoneChoices(typed);
  return [];
}
