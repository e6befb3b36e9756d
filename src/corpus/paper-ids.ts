/**
 * Parsers for the two public identifiers a paper can carry — arXiv ids and DOIs — used both when
 * loading a corpus and when a user types a reference in a query.
 */

/** New-style arXiv id (since April 2007): YYMM.NNNN or YYMM.NNNNN, optional version. */
const NEW_STYLE = /^(\d{2})(0[1-9]|1[0-2])\.(\d{4,5})(?:v\d+)?$/;
/** Old-style arXiv id: archive[.SUBJECT-CLASS]/YYMMNNN, optional version. */
const OLD_STYLE = /^([a-z]+(?:-[a-z]+)?)(\.[a-z]{2})?\/(\d{2}(?:0[1-9]|1[0-2])\d{3})(?:v\d+)?$/i;
/** An arXiv landing, PDF or HTML address; the captured path is the id (maybe with `.pdf`). */
const ARXIV_URL =
  /^(?:https?:\/\/)?(?:www\.|export\.)?arxiv\.org\/(?:abs|pdf|html|format)\/([^?#\s]+?)(?:\.pdf)?\/?(?:[?#].*)?$/i;
/** The DOI prefix arXiv registers its papers under (10.48550/arXiv.2305.11206). */
const ARXIV_DOI = /^10\.48550\/arxiv\.(.+)$/i;
/** Mentions of an arXiv id inside longer text ("arXiv preprint arXiv:2305.11206", urls). */
const ARXIV_MENTION =
  /(?:arxiv\s*[:.]\s*|arxiv\.org\/(?:abs|pdf|html)\/)([a-z-]+(?:\.[a-z]{2})?\/\d{7}|\d{4}\.\d{4,5})(?:v\d+)?/i;
/** A DOI: directory indicator 10, a registrant code, a slash and a suffix without spaces. */
const DOI = /^10\.\d{4,9}\/\S+$/;
const DOI_PREFIX = /^(?:doi\s*:\s*|(?:https?:\/\/)?(?:dx\.)?doi\.org\/)/i;
const DOI_MENTION = /\b10\.\d{4,9}\/[^\s"<>{}]+/;

/**
 * The arXiv id in `text` without its version, or undefined when `text` is not an arXiv reference.
 * Accepts a bare id (`2305.11206`, `2305.11206v2`, `hep-th/9901001`), an `arXiv:` prefix, an
 * abs/pdf/html URL on arxiv.org, and arXiv's own DOI (`10.48550/arXiv.2305.11206`).
 */
export function parseArxivId(text: string): string | undefined {
  let candidate = text.trim();
  if (candidate.length === 0 || candidate.length > 200) return undefined;
  const url = ARXIV_URL.exec(candidate);
  if (url) candidate = safeDecode(url[1]!);
  else {
    const doi = parseDoi(candidate);
    const arxivDoi = doi ? ARXIV_DOI.exec(doi) : null;
    if (arxivDoi) candidate = arxivDoi[1]!;
    else candidate = candidate.replace(/^arxiv\s*:\s*/i, '');
  }
  const fresh = NEW_STYLE.exec(candidate);
  if (fresh) return `${fresh[1]}${fresh[2]}.${fresh[3]}`;
  const old = OLD_STYLE.exec(candidate);
  if (old)
    return `${old[1]!.toLowerCase()}${old[2] ? `.${old[2].slice(1).toUpperCase()}` : ''}/${old[3]}`;
  return undefined;
}

/**
 * The first arXiv id mentioned anywhere in `text` (after `arXiv:` or in an arxiv.org address),
 * without version. Bare numbers in prose are ignored: only explicit mentions count.
 */
export function findArxivId(text: string): string | undefined {
  const whole = parseArxivId(text);
  if (whole) return whole;
  const mention = ARXIV_MENTION.exec(text);
  return mention ? parseArxivId(mention[1]!) : undefined;
}

/**
 * The DOI in `text`, lower-cased and without resolver prefix, or undefined when `text` is not a
 * DOI. Accepts `10.1145/…`, `doi:10.1145/…` and `https://doi.org/10.1145/…` (also dx.doi.org).
 */
export function parseDoi(text: string): string | undefined {
  let candidate = text.trim();
  if (candidate.length === 0 || candidate.length > 500) return undefined;
  candidate = candidate.replace(DOI_PREFIX, '');
  if (candidate.includes('%')) candidate = safeDecode(candidate);
  // A DOI written at the end of a sentence or inside brackets keeps no trailing punctuation.
  candidate = candidate.replace(/[.,;:)\]}>'"]+$/, '');
  return DOI.test(candidate) ? candidate.toLowerCase() : undefined;
}

/** The first DOI mentioned anywhere in `text` (e.g. a doi.org address in a note), normalized. */
export function findDoi(text: string): string | undefined {
  const whole = parseDoi(text);
  if (whole) return whole;
  const mention = DOI_MENTION.exec(text);
  return mention ? parseDoi(mention[0]) : undefined;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
