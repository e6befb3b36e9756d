/**
 * An author's name split the way citation styles need it. `literal` is set instead of the
 * other parts for a one-word name (an organisation, a mononym) that must not be inverted.
 */
export interface PersonName {
  /** Given names, as written: "Chunting", "Martin Luther", "Po-Yao". */
  given?: string;
  /** Particles that belong in front of the family name: "van der", "de la". */
  particle?: string;
  /** Family name without the particle: "Berg", "Le Scao". */
  family?: string;
  /** "Jr.", "III". */
  suffix?: string;
  /** A name that is cited as written ("OpenAI"). */
  literal?: string;
}

/**
 * Lower-case particles (the BibTeX "von part"): any lower-case word between the given names and
 * the family name is one, but these are also recognised when they start the family name.
 */
const LOWER_PARTICLES = new Set([
  'da',
  'dal',
  'das',
  'de',
  'degli',
  'dei',
  'del',
  'della',
  'dello',
  'den',
  'der',
  'des',
  'di',
  'do',
  'dos',
  'du',
  'la',
  'le',
  'ten',
  'ter',
  'van',
  'von',
  'zu',
]);

/**
 * Capitalised words that, before the last word, are part of a compound family name rather than a
 * middle name ("Teven Le Scao", "Hugo De Vries", "Jean-Claude Van Damme"). Kept short on purpose:
 * a longer list would swallow real middle names.
 */
const CAPITALISED_PARTICLES = new Set([
  'Da',
  'Das',
  'De',
  'Del',
  'Della',
  'Der',
  'Des',
  'Di',
  'Dos',
  'Du',
  'La',
  'Le',
  'Van',
  'Von',
]);

const SUFFIX = /^(?:jr\.?|sr\.?|ii|iii|iv)$/i;

/**
 * Splits an author's name, "First Last" (the corpus' convention) or "Last, First" /
 * "Last, Jr., First" (BibTeX's), into its parts.
 *
 * Compound family names survive: lower-case particles go to `particle` ("Jan van der Berg" →
 * particle "van der", family "Berg"); a capitalised particle before the last word stays in the
 * family name ("Teven Le Scao" → family "Le Scao"). A first word is never a particle ("Le Hou" →
 * given "Le"), and a one-word name is a `literal`.
 */
export function parseName(raw: string): PersonName {
  const name = raw.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (name.includes(',')) return parseInverted(name);
  const words = name.split(' ').filter((w) => w.length > 0);
  if (words.length === 0) return {};
  if (words.length === 1) return { literal: words[0]! };

  let suffix: string | undefined;
  if (words.length > 2 && SUFFIX.test(words.at(-1)!)) suffix = words.pop();

  // Family name: the last word, plus capitalised particles directly in front of it.
  let familyStart = words.length - 1;
  while (familyStart > 1 && CAPITALISED_PARTICLES.has(words[familyStart - 1]!)) familyStart--;
  // Particle: the run of lower-case words in front of the family name (never the first word).
  let particleStart = familyStart;
  while (particleStart > 1 && isLowerParticle(words[particleStart - 1]!)) particleStart--;

  const result: PersonName = {
    given: words.slice(0, particleStart).join(' '),
    family: words.slice(familyStart).join(' '),
  };
  if (particleStart < familyStart)
    result.particle = words.slice(particleStart, familyStart).join(' ');
  if (suffix) result.suffix = suffix;
  return result;
}

function isLowerParticle(word: string): boolean {
  return LOWER_PARTICLES.has(word) || /^\p{Ll}+$/u.test(word);
}

/** "van der Berg, Jan", "King, Jr., Martin Luther". */
function parseInverted(name: string): PersonName {
  const parts = name.split(',').map((p) => p.trim());
  const last = parts[0] ?? '';
  const suffix = parts.length > 2 ? parts[1] : undefined;
  const given = parts.length > 2 ? parts.slice(2).join(' ') : (parts[1] ?? '');
  const words = last.split(' ').filter((w) => w.length > 0);
  if (words.length === 0) return given ? { literal: given } : {};
  // Leading lower-case words of the last part are the particle ("van der Berg").
  let familyStart = 0;
  while (familyStart < words.length - 1 && /^\p{Ll}/u.test(words[familyStart]!)) familyStart++;
  const result: PersonName = { family: words.slice(familyStart).join(' ') };
  if (given) result.given = given;
  if (familyStart > 0) result.particle = words.slice(0, familyStart).join(' ');
  if (suffix) result.suffix = suffix;
  if (!given && familyStart === 0 && !suffix) return { literal: result.family! };
  return result;
}

/** The family name with its particle, as it is sorted and cited: "van der Berg", "Le Scao". */
export function fullFamily(name: PersonName): string {
  if (name.literal) return name.literal;
  return [name.particle, name.family].filter(Boolean).join(' ');
}
