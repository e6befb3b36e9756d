/**
 * Author lists as sources write them — arrays, objects, or one string "A and B" / "A, B" /
 * "Last, First and …" — turned into names in citation order, each "First Last".
 */
import { cleanLatex } from './latex-clean.ts';

/** Placeholders for "and more authors" that are not people ("and others", "et al."). */
const NOT_A_PERSON = /^(?:others|et\.?\s*al\.?|and others|\.\.\.|…)$/i;

/** Names from any common shape of an author list; unknown shapes give an empty list. */
export function parseAuthors(value: unknown): string[] {
  if (typeof value === 'string') return splitAuthorString(value);
  if (!Array.isArray(value)) return [];
  const names: string[] = [];
  for (const item of value) {
    const name = typeof item === 'string' ? personName(item) : nameFromObject(item);
    if (name) names.push(name);
  }
  return names;
}

/**
 * One person's name for display: LaTeX cleaned, "Last, First" turned around, "Last, Jr., First"
 * handled; undefined for an empty name or a placeholder like "others".
 */
export function personName(raw: string): string | undefined {
  const name = cleanLatex(raw);
  if (name.length === 0 || NOT_A_PERSON.test(name)) return undefined;
  const parts = name.split(',').map((part) => part.trim());
  if (parts.length === 2 && parts[0] && parts[1]) return `${parts[1]} ${parts[0]}`;
  if (parts.length === 3 && parts[0] && parts[2]) {
    return [parts[2], parts[0], parts[1]].filter(Boolean).join(' ');
  }
  return name;
}

function nameFromObject(item: unknown): string | undefined {
  if (item === null || typeof item !== 'object') return undefined;
  const record = item as Record<string, unknown>;
  const text = (key: string) => (typeof record[key] === 'string' ? (record[key] as string) : '');
  const literal = text('name') || text('literal') || text('fullName') || text('full_name');
  if (literal) return personName(literal);
  const joined = [
    text('given') || text('first') || text('firstName') || text('first_name'),
    text('dropping-particle'),
    text('non-dropping-particle'),
    text('family') || text('last') || text('lastName') || text('last_name'),
    text('suffix'),
  ]
    .filter(Boolean)
    .join(' ');
  return joined ? personName(joined) : undefined;
}

function splitAuthorString(value: string): string[] {
  const text = value.trim();
  if (text.length === 0) return [];
  const parts = text.includes(';') ? text.split(';') : text.split(/\s+(?:and|&)\s+/i);
  const names: string[] = [];
  for (const part of parts) {
    for (const piece of splitCommaList(part)) {
      const name = personName(piece);
      if (name) names.push(name);
    }
  }
  return names;
}

/** Initials as written after a comma: "O.", "J. R.", "J.-P." */
const INITIALS = /^(?:\p{Lu}\.?[\s-]*)+$/u;

/**
 * "Omer Levy, Luke Zettlemoyer" is two people; "Levy, Omer" and "van der Berg, Jan" are one
 * written last name first; "Levy, O., Zettlemoyer, L." is two, each last name first.
 */
function splitCommaList(part: string): string[] {
  const pieces = part
    .split(',')
    .map((piece) => piece.trim())
    .filter(Boolean);
  if (pieces.length <= 1) return [part];
  const words = (piece: string) => piece.split(/\s+/).length;
  if (pieces.length === 2 && (words(pieces[0]!) < 2 || words(pieces[1]!) < 2)) return [part];
  const pairs = pieces.every((piece, i) =>
    i % 2 === 0 ? words(piece) <= 3 : INITIALS.test(piece),
  );
  if (pieces.length % 2 === 0 && pairs) {
    const people: string[] = [];
    for (let i = 0; i < pieces.length; i += 2) people.push(`${pieces[i]}, ${pieces[i + 1]}`);
    return people;
  }
  return pieces;
}
