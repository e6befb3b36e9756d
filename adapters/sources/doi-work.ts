/**
 * What the DOI services (Crossref, OpenAlex) have in common: the fields Shammie keeps of a work
 * registered under a DOI, and the one request both make for it (`GET` a work by DOI, with the
 * polite pool's `mailto`, none when the service does not know the DOI).
 */

import type { z } from 'zod';
import type { PoliteHttp } from './polite-http.ts';
import { isServiceError, serviceError } from './service-error.ts';

/** A work found by DOI, its fields cleaned (each service adds what only it knows). */
export interface DoiWork {
  doi: string;
  title: string;
  authors: string[];
  /** Plain text of the abstract, when the service has one. */
  abstract?: string;
  year?: number;
  /** Publication date as precise as the service has it (YYYY, YYYY-MM or YYYY-MM-DD). */
  published?: string;
  /** Journal, proceedings or book title. */
  venue?: string;
  /** The service's work type (journal-article, proceedings-article, posted-content…). */
  type?: string;
  /** The arXiv paper that is the same work (its preprint), when the service links one. */
  arxiv?: string;
  /** `https://doi.org/<doi>`. */
  url: string;
}

/** What a DOI service's client is built with. */
export interface DoiServiceOptions {
  /** A client whose base URL is the service's API. */
  http: PoliteHttp;
  /** Sent as `mailto` for the polite pool. */
  contactEmail?: string;
}

/** A DOI for a URL path: each part percent-encoded, the slashes kept (`10.1145/3442188.3445922`). */
export function encodeDoiPath(doi: string): string {
  return doi.split('/').map(encodeURIComponent).join('/');
}

/**
 * The service's answer at `path` read with `schema`; undefined when the service says it has no
 * such work (404). An answer of another shape is a `BAD_RESPONSE` ServiceError.
 */
export async function getWork<Schema extends z.ZodTypeAny>(
  options: DoiServiceOptions,
  path: string,
  schema: Schema,
): Promise<z.infer<Schema> | undefined> {
  const { http } = options;
  let body: unknown;
  try {
    body = await http.getJson(path, { query: { mailto: options.contactEmail } });
  } catch (error) {
    if (isServiceError(error) && error.code === 'NOT_FOUND') return undefined;
    throw error;
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw serviceError('BAD_RESPONSE', http.service);
  return parsed.data;
}
