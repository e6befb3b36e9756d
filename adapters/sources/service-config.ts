/**
 * Where the paper services live and who to tell them we are: read from a plain environment
 * object (callers pass `process.env`), with the public services as defaults. A bad value is
 * named (never echoed) in a ConfigError, every problem at once.
 */

import { z } from 'zod';
import { ConfigError } from '../shared/config.ts';

/** The public endpoints, used when the environment names none. */
export const DEFAULT_SERVICE_BASES = {
  /** The arXiv API's query endpoint. */
  arxivApiUrl: 'https://export.arxiv.org/api/query',
  /** arXiv's OAI-PMH endpoint (its help page names the current one). */
  arxivOaiUrl: 'https://oaipmh.arxiv.org/oai',
  /** arXiv's RSS feeds; the category is appended. */
  arxivRssUrl: 'https://rss.arxiv.org/rss/',
  /** Crossref's REST API; `/works/{doi}` is appended. */
  crossrefApiUrl: 'https://api.crossref.org',
  /** OpenAlex's API; `/works/…` is appended. */
  openalexApiUrl: 'https://api.openalex.org',
} as const;

/** The environment variables read here. */
export const SERVICE_KEYS = [
  'ARXIV_API_URL',
  'ARXIV_OAI_URL',
  'ARXIV_RSS_URL',
  'CROSSREF_API_URL',
  'OPENALEX_API_URL',
  'SHAMMIE_CONTACT_EMAIL',
] as const;

export interface ServiceConfig {
  arxivApiUrl: string;
  arxivOaiUrl: string;
  arxivRssUrl: string;
  crossrefApiUrl: string;
  openalexApiUrl: string;
  /** Sent in the User-Agent and as `mailto` to Crossref and OpenAlex, when set. */
  contactEmail?: string;
}

const blankIsUnset = (value: unknown) =>
  typeof value === 'string' && value.trim() === ''
    ? undefined
    : typeof value === 'string'
      ? value.trim()
      : value;

const httpUrl = z.preprocess(
  blankIsUnset,
  z
    .string()
    .refine((value) => {
      try {
        const url = new URL(value);
        return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
      } catch {
        return false;
      }
    }, 'must be an http(s) URL')
    .optional(),
);

const schema = z.object({
  ARXIV_API_URL: httpUrl,
  ARXIV_OAI_URL: httpUrl,
  ARXIV_RSS_URL: httpUrl,
  CROSSREF_API_URL: httpUrl,
  OPENALEX_API_URL: httpUrl,
  SHAMMIE_CONTACT_EMAIL: z.preprocess(
    blankIsUnset,
    z.string().email('must be an e-mail address').optional(),
  ),
});

/** Reads the service bases and contact address from `env` (see the module comment). */
export function loadServiceConfig(
  env: Readonly<Record<string, string | undefined>>,
): ServiceConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`),
    );
  }
  const e = parsed.data;
  const config: ServiceConfig = {
    arxivApiUrl: e.ARXIV_API_URL ?? DEFAULT_SERVICE_BASES.arxivApiUrl,
    arxivOaiUrl: e.ARXIV_OAI_URL ?? DEFAULT_SERVICE_BASES.arxivOaiUrl,
    arxivRssUrl: e.ARXIV_RSS_URL ?? DEFAULT_SERVICE_BASES.arxivRssUrl,
    crossrefApiUrl: e.CROSSREF_API_URL ?? DEFAULT_SERVICE_BASES.crossrefApiUrl,
    openalexApiUrl: e.OPENALEX_API_URL ?? DEFAULT_SERVICE_BASES.openalexApiUrl,
  };
  if (e.SHAMMIE_CONTACT_EMAIL) config.contactEmail = e.SHAMMIE_CONTACT_EMAIL;
  return config;
}
