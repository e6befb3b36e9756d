import type { Paper } from '../types.ts';
import { type PersonName, parseName } from './parse-name.ts';
import { plainText, typographicApostrophes } from './plain-text.ts';
import { publicationOf } from './venue-kind.ts';

/**
 * An MLA 9 works-cited entry (plain text):
 * `Zhou, Chunting, et al. "LIMA: Less Is More for Alignment." NeurIPS 2023, https://….`
 * One author is inverted (`Last, First.`), two are `Last, First, and First Last.`, three or more
 * `Last, First, et al.`; the title is quoted with its own quotation marks turned to single ones;
 * then the container (venue, or the preprint server), volume and issue, the year (left out when
 * the container already names it), the pages, and the DOI as a link or else the URL. URLs keep `https://` so chat
 * platforms make them clickable, as MLA allows for linked works.
 */
export function toMla(paper: Paper): string {
  const publication = publicationOf(paper);
  const container = publication.container ? plainText(publication.container) : undefined;
  const year = publication.year === undefined ? undefined : String(publication.year);
  const location = paper.doi ? `https://doi.org/${paper.doi}` : paper.url;
  const tail = [
    container,
    paper.volume && `vol. ${plainText(paper.volume)}`,
    paper.number && `no. ${plainText(paper.number)}`,
    year && !(container && new RegExp(`\\b${year}\\b`).test(container)) ? year : undefined,
    paper.pages && mlaPages(plainText(paper.pages)),
    location,
  ].filter((part): part is string => Boolean(part));

  const head = [mlaAuthors(paper.authors), mlaTitle(paper.title)].filter(Boolean).join(' ');
  return tail.length > 0 ? `${head} ${tail.join(', ')}.` : head;
}

function mlaAuthors(authors: readonly string[]): string {
  const names = authors
    .map((a) => parseName(typographicApostrophes(plainText(a))))
    .filter((n) => n.literal || n.family || n.given);
  const [first, second] = names;
  if (!first) return '';
  let text = inverted(first);
  if (names.length === 2 && second) text += `, and ${natural(second)}`;
  else if (names.length > 2) text += ', et al';
  return withPeriod(text);
}

/** "van der Berg, Jan", "King, Martin Luther, Jr.", "OpenAI". */
function inverted(name: PersonName): string {
  if (name.literal) return name.literal;
  const family = [name.particle, name.family].filter(Boolean).join(' ');
  return [family, name.given, name.suffix].filter(Boolean).join(', ');
}

/** "Jan van der Berg", "Martin Luther King Jr.". */
function natural(name: PersonName): string {
  if (name.literal) return name.literal;
  return [name.given, name.particle, name.family, name.suffix].filter(Boolean).join(' ');
}

/** `"Title."`, or `"Title?"` when the title ends with its own punctuation; inner quotes become single. */
function mlaTitle(raw: string): string {
  const title = typographicApostrophes(plainText(raw))
    .replace(/“|"(?=\p{L}|\p{N})/gu, '‘')
    .replace(/”|"/g, '’');
  if (title === '') return '';
  return /[.?!]$/.test(title) ? `"${title}"` : `"${title}."`;
}

/** "pp. 1–10" for a range, "p. 7" for one page. */
function mlaPages(pages: string): string {
  return /[-–—,]/.test(pages) ? `pp. ${pages.replace(/\s*-+\s*/g, '–')}` : `p. ${pages}`;
}

function withPeriod(text: string): string {
  return text.endsWith('.') ? text : `${text}.`;
}
