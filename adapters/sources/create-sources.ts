/**
 * Every paper-service client, built from a ServiceConfig: the one place that knows arXiv's
 * three services share arXiv's request spacing, and which client talks to which base.
 */

import packageJson from '../../package.json' with { type: 'json' };
import { ARXIV_SPACING_MS, type ArxivApi, createArxivApi } from './arxiv-api.ts';
import { type ArxivOai, createArxivOai } from './arxiv-oai.ts';
import { type ArxivRss, createArxivRss } from './arxiv-rss.ts';
import { type Crossref, createCrossref } from './crossref.ts';
import type { HostQueue } from './host-queue.ts';
import { createOpenAlex, type OpenAlex } from './openalex.ts';
import { createPoliteHttp, type PoliteHttpOptions, userAgent } from './polite-http.ts';
import { createDoiResolver, type DoiResolver } from './resolve-doi.ts';
import type { ServiceConfig } from './service-config.ts';

/** Crossref's and OpenAlex's polite pools take a few requests a second: a light spacing. */
export const SCHOLARLY_SPACING_MS = 100;

/** The queue lane all of arXiv's services share: arXiv's spacing counts every request to it. */
export const ARXIV_QUEUE_KEY = 'arxiv';

export interface Sources {
  arxiv: ArxivApi;
  oai: ArxivOai;
  rss: ArxivRss;
  crossref: Crossref;
  openalex: OpenAlex;
  dois: DoiResolver;
}

/** What tests (or a caller with other needs) may change in every client. */
export type SourcesOverrides = Partial<
  Pick<
    PoliteHttpOptions,
    'fetch' | 'timeoutMs' | 'retries' | 'backoffMs' | 'maxRetryAfterMs' | 'now' | 'random'
  >
> & {
  queue?: HostQueue;
  /** arXiv's spacing (default {@link ARXIV_SPACING_MS}); tests use a few ms. */
  arxivSpacingMs?: number;
  scholarlySpacingMs?: number;
};

/** Builds every client (see the module comment). */
export function createSources(config: ServiceConfig, overrides: SourcesOverrides = {}): Sources {
  const { arxivSpacingMs, scholarlySpacingMs, ...shared } = overrides;
  const agent = userAgent(packageJson.version, config.contactEmail);
  const http = (service: string, baseUrl: string, extra: Partial<PoliteHttpOptions>) =>
    createPoliteHttp({ service, baseUrl, userAgent: agent, ...shared, ...extra });
  const arxivHttp = (baseUrl: string) =>
    http('arXiv', baseUrl, {
      spacingMs: arxivSpacingMs ?? ARXIV_SPACING_MS,
      queueKey: ARXIV_QUEUE_KEY,
    });
  const scholarly = { spacingMs: scholarlySpacingMs ?? SCHOLARLY_SPACING_MS };
  const contact = config.contactEmail === undefined ? {} : { contactEmail: config.contactEmail };
  const crossref = createCrossref({
    http: http('Crossref', config.crossrefApiUrl, scholarly),
    ...contact,
  });
  const openalex = createOpenAlex({
    http: http('OpenAlex', config.openalexApiUrl, scholarly),
    ...contact,
  });
  return {
    arxiv: createArxivApi({ http: arxivHttp(config.arxivApiUrl) }),
    oai: createArxivOai({ http: arxivHttp(config.arxivOaiUrl) }),
    rss: createArxivRss({ http: arxivHttp(config.arxivRssUrl) }),
    crossref,
    openalex,
    dois: createDoiResolver({ crossref, openalex }),
  };
}
