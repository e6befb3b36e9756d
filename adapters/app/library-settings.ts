import { type LibraryEditors, loadLibraryEditors } from '../library/editors.ts';
import { ConfigError } from '../shared/config.ts';
import { loadServiceConfig, type ServiceConfig } from '../sources/service-config.ts';

/** What the bot's library reads from the environment. */
export interface LibrarySettings {
  /** Where arXiv, Crossref and OpenAlex live, and the contact address sent to them. */
  services: ServiceConfig;
  /** Who may add and remove papers from the chat (SHAMMIE_LIBRARY_EDITORS). */
  editors: LibraryEditors;
}

/** The public services and the default editors: a bot started without the keys. */
export const DEFAULT_LIBRARY_SETTINGS: LibrarySettings = {
  services: loadServiceConfig({}),
  editors: loadLibraryEditors({}),
};

/**
 * Reads the library's keys (ARXIV_*_URL, CROSSREF_API_URL, OPENALEX_API_URL,
 * SHAMMIE_CONTACT_EMAIL, SHAMMIE_LIBRARY_EDITORS). Their readers live with the library and the
 * service clients (adapters/shared may not import them); this names every problem of both in
 * one ConfigError, which `npm start` lists with the rest of the configuration's.
 */
export function loadLibrarySettings(
  env: Readonly<Record<string, string | undefined>>,
): LibrarySettings {
  const problems: string[] = [];
  const read = <T>(load: () => T): T | undefined => {
    try {
      return load();
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(...error.problems);
      return undefined;
    }
  };
  const services = read(() => loadServiceConfig(env));
  const editors = read(() => loadLibraryEditors(env));
  if (!services || !editors) throw new ConfigError(problems);
  return { services, editors };
}
