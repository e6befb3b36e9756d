import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LIBRARY_SETTINGS,
  loadLibrarySettings,
} from '../../../adapters/app/library-settings.ts';
import { CONFIG_KEYS, ConfigError } from '../../../adapters/shared/config.ts';
import { SERVICE_KEYS } from '../../../adapters/sources/service-config.ts';

describe("the library's configuration", () => {
  it('is part of the keys the bot reads (so .env.example documents each one)', () => {
    expect(CONFIG_KEYS).toEqual(
      expect.arrayContaining([...SERVICE_KEYS, 'SHAMMIE_LIBRARY_EDITORS']),
    );
  });

  it('defaults to the public services and the default editors', () => {
    expect(loadLibrarySettings({})).toEqual(DEFAULT_LIBRARY_SETTINGS);
    expect(DEFAULT_LIBRARY_SETTINGS.services.arxivApiUrl).toBe(
      'https://export.arxiv.org/api/query',
    );
  });

  it('reads the bases, the contact address and the editors', () => {
    const settings = loadLibrarySettings({
      ARXIV_API_URL: 'http://127.0.0.1:9/api',
      SHAMMIE_CONTACT_EMAIL: 'ops@example.org',
      SHAMMIE_LIBRARY_EDITORS: 'add=admins;remove=nobody',
    });
    expect(settings.services.arxivApiUrl).toBe('http://127.0.0.1:9/api');
    expect(settings.services.contactEmail).toBe('ops@example.org');
    expect(settings.editors.add).toEqual({ everyone: false, admins: true, users: [] });
    expect(settings.editors.remove.everyone).toBe(false);
  });

  it('names every bad key of both readers at once, never a value', () => {
    let problems: string[] = [];
    try {
      loadLibrarySettings({
        CROSSREF_API_URL: 'ftp://secret-host',
        SHAMMIE_LIBRARY_EDITORS: 'add=',
      });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      problems = (error as ConfigError).problems;
    }
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain('CROSSREF_API_URL');
    expect(problems[1]).toContain('SHAMMIE_LIBRARY_EDITORS');
    expect(problems.join(' ')).not.toContain('secret-host');
  });
});
