import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../adapters/shared/config.ts';
import {
  DEFAULT_SERVICE_BASES,
  loadServiceConfig,
} from '../../../adapters/sources/service-config.ts';

describe('service configuration', () => {
  it('uses the public services when nothing is set (blank counts as unset)', () => {
    expect(loadServiceConfig({ ARXIV_API_URL: '  ' })).toEqual({ ...DEFAULT_SERVICE_BASES });
    expect(DEFAULT_SERVICE_BASES).toEqual({
      arxivApiUrl: 'https://export.arxiv.org/api/query',
      arxivOaiUrl: 'https://oaipmh.arxiv.org/oai',
      arxivRssUrl: 'https://rss.arxiv.org/rss/',
      crossrefApiUrl: 'https://api.crossref.org',
      openalexApiUrl: 'https://api.openalex.org',
    });
  });

  it('reads every base and the contact address', () => {
    expect(
      loadServiceConfig({
        ARXIV_API_URL: 'http://127.0.0.1:1/api/query',
        ARXIV_OAI_URL: 'http://127.0.0.1:2/oai',
        ARXIV_RSS_URL: 'http://127.0.0.1:3/rss/',
        CROSSREF_API_URL: 'http://127.0.0.1:4',
        OPENALEX_API_URL: 'http://127.0.0.1:5',
        SHAMMIE_CONTACT_EMAIL: 'lab@example.org',
      }),
    ).toEqual({
      arxivApiUrl: 'http://127.0.0.1:1/api/query',
      arxivOaiUrl: 'http://127.0.0.1:2/oai',
      arxivRssUrl: 'http://127.0.0.1:3/rss/',
      crossrefApiUrl: 'http://127.0.0.1:4',
      openalexApiUrl: 'http://127.0.0.1:5',
      contactEmail: 'lab@example.org',
    });
  });

  it('names every malformed key at once, without echoing values', () => {
    try {
      loadServiceConfig({
        ARXIV_API_URL: 'ftp://secret-host/x',
        CROSSREF_API_URL: 'nope',
        SHAMMIE_CONTACT_EMAIL: 'lab',
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems).toEqual([
        'ARXIV_API_URL must be an http(s) URL',
        'CROSSREF_API_URL must be an http(s) URL',
        'SHAMMIE_CONTACT_EMAIL must be an e-mail address',
      ]);
      expect((error as Error).message).not.toContain('secret-host');
    }
  });
});
