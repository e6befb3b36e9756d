/**
 * A paper from a service's record, as the library stores it — the one place that decides which
 * of a record's fields a library paper keeps, and which records cannot be added at all.
 */

import type { ArxivRecord } from '../sources/arxiv-record.ts';
import type { DoiRecord } from '../sources/resolve-doi.ts';
import type { LibraryActor, LibrarySource, NewLibraryPaper } from './library-store.ts';

/** Why an arXiv record cannot be added (a sentence for the user), or undefined when it can. */
export function unusableArxivRecord(record: ArxivRecord): string | undefined {
  if (record.withdrawn) {
    return `arXiv ${record.arxiv} has been withdrawn by its authors, so it was not added.`;
  }
  if (record.abstract === '' || record.title === '') {
    return `arXiv has no abstract for ${record.arxiv}, so it was not added.`;
  }
  return undefined;
}

/** Why a DOI record cannot be added (a sentence for the user), or undefined when it can. */
export function unusableDoiRecord(record: DoiRecord): string | undefined {
  if (record.abstract === '') {
    return `Neither Crossref nor OpenAlex has an abstract for ${record.doi}, so it was not added.`;
  }
  if (record.title === '') {
    return `Crossref has no title for ${record.doi}, so it was not added.`;
  }
  return undefined;
}

/**
 * An arXiv paper to store. When a DOI named it, the DOI, venue and (with a venue) year of the
 * published version are kept with arXiv's title, abstract and authors.
 */
export function arxivPaper(
  record: ArxivRecord,
  source: LibrarySource,
  actor: LibraryActor,
  doiRecord?: DoiRecord,
): NewLibraryPaper {
  const doi = doiRecord?.doi ?? record.doi;
  const venue = doiRecord?.venue ?? record.journalRef;
  const year = doiRecord?.venue ? (doiRecord.year ?? record.year) : record.year;
  return {
    id: record.arxiv,
    arxiv: record.arxiv,
    title: record.title,
    abstract: record.abstract,
    authors: record.authors,
    url: record.url,
    ...(doi ? { doi } : {}),
    ...(venue ? { venue } : {}),
    ...(year !== undefined ? { year } : {}),
    source,
    ...actor,
  };
}

/** A paper known only by its DOI, to store. */
export function doiPaper(
  record: DoiRecord,
  source: LibrarySource,
  actor: LibraryActor,
): NewLibraryPaper {
  return {
    id: record.doi,
    doi: record.doi,
    title: record.title,
    abstract: record.abstract,
    authors: record.authors,
    url: record.url,
    ...(record.venue ? { venue: record.venue } : {}),
    ...(record.year !== undefined ? { year: record.year } : {}),
    source,
    ...actor,
  };
}

/** The actor fields of a user and place, leaving out what is unknown. */
export function actorOf(
  who?: string,
  where?: { platform: string; channel?: string },
): LibraryActor {
  const actor: LibraryActor = {};
  if (who !== undefined) actor.by = who;
  if (where?.platform !== undefined) actor.platform = where.platform;
  if (where?.channel !== undefined) actor.channel = where.channel;
  return actor;
}
