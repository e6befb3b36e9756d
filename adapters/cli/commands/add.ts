import { userInfo } from 'node:os';
import { type AddResult, addPapers, addResultJson } from '../../library/add-papers.ts';
import { corpusLookupOf } from '../../library/corpus-lookup.ts';
import { ConfigError } from '../../shared/config.ts';
import { createSources } from '../../sources/create-sources.ts';
import { loadServiceConfig } from '../../sources/service-config.ts';
import type { CliCommand, CliContext } from '../cli-context.ts';
import { EXIT_BAD_INPUT, ExitError } from '../exit-status.ts';
import { openCliLibrary } from '../open-cli-library.ts';
import { printable } from '../render-text.ts';

/**
 * `shammie add REF…`: adds papers to the library from arXiv, Crossref and OpenAlex (bases from
 * ARXIV_API_URL and the rest). One line per reference; exit 0 when each was added or already
 * there, else 1 with a `shammie:` line saying how many were not.
 */
export const addCommand: CliCommand = (program, cli) => {
  program
    .command('add')
    .description('add papers to the library (arXiv id or URL, DOI or doi.org URL)')
    .argument('<ref...>', 'arXiv id or URL, DOI or doi.org URL')
    .action(async (refs: string[]) => {
      const sources = createSources(serviceConfig(cli.io.env));
      const files = await cli.files();
      const library = openCliLibrary(cli.io.env, { create: true });
      let results: AddResult[];
      try {
        if (cli.io.stderr.isTTY) cli.io.stderr.write('shammie: fetching…\r');
        results = await addPapers(refs, {
          sources,
          store: library.store,
          who: cliUser(cli.io.env),
          where: { platform: 'cli' },
          now: () => cli.io.now().getTime(),
          inCorpus: corpusLookupOf(files),
        });
      } finally {
        if (cli.io.stderr.isTTY) cli.io.stderr.write('\x1b[2K\r');
        library.close();
      }
      cli.out(cli.json() ? JSON.stringify(results.map(addResultJson), null, 2) : addText(results));
      const missed = results.filter((r) => r.status !== 'added' && r.status !== 'already');
      if (missed.length > 0) {
        throw new ExitError(
          `${missed.length} of ${results.length} ${results.length === 1 ? 'reference was' : 'references were'} not added`,
          EXIT_BAD_INPUT,
        );
      }
    });
};

/** The service bases of the environment; a malformed one is a usage mistake (exit 1). */
export function serviceConfig(env: CliContext['io']['env']) {
  try {
    return loadServiceConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      throw new ExitError(error.problems.join('; '), EXIT_BAD_INPUT);
    }
    throw error;
  }
}

/** Who is adding: the account name, as the library records it. */
export function cliUser(env: CliContext['io']['env']): string | undefined {
  if (env.USER || env.USERNAME) return env.USER || env.USERNAME;
  try {
    return userInfo().username;
  } catch {
    return undefined;
  }
}

/** One line per reference: what happened, the paper, and why when it was not added. */
export function addText(results: readonly AddResult[]): string {
  return results
    .map((r) => {
      const ref = printable(r.arxiv ?? r.doi ?? r.ref);
      const title = r.title === undefined ? '' : `  ${printable(r.title)}`;
      const message = r.message === undefined ? '' : ` — ${printable(r.message)}`;
      return `${r.status}: ${ref}${title}${message}`;
    })
    .join('\n');
}
