import { corpusLookupOf } from '../../library/corpus-lookup.ts';
import type { RemoveResult } from '../../library/remove-paper.ts';
import { removePaperByRef } from '../../library/remove-paper.ts';
import type { CliCommand } from '../cli-context.ts';
import { EXIT_BAD_INPUT, ExitError } from '../exit-status.ts';
import { openCliLibrary } from '../open-cli-library.ts';
import { printable } from '../render-text.ts';
import { cliUser } from './add.ts';

/**
 * `shammie remove REF`: hides a paper (a corpus file's too); `shammie add REF` undoes it. A
 * reference no paper answers to exits 1 with a `shammie:` line.
 */
export const removeCommand: CliCommand = (program, cli) => {
  program
    .command('remove')
    .description('remove (hide) a paper; add it again to undo')
    .argument('<ref>', 'arXiv id or URL, DOI, or id')
    .action(async (ref: string) => {
      const files = await cli.files();
      const library = openCliLibrary(cli.io.env, { create: true });
      let result: ReturnType<typeof removePaperByRef>;
      try {
        result = removePaperByRef(ref, {
          store: library.store,
          inCorpus: corpusLookupOf(files),
          who: cliUser(cli.io.env),
          where: { platform: 'cli' },
          now: () => cli.io.now().getTime(),
        });
      } finally {
        library.close();
      }
      const { paper: _paper, ...json } = result;
      const done = result.status === 'removed' || result.status === 'already-removed';
      if (cli.json()) cli.out(JSON.stringify(json, null, 2));
      else if (done) cli.out(removeText(result));
      if (!done) throw new ExitError(result.message, EXIT_BAD_INPUT);
    });
};

/** What happened, the paper, and how to undo it (titles made printable: they come from outside). */
export function removeText(result: RemoveResult): string {
  if (result.status !== 'removed' && result.status !== 'already-removed') {
    return `${result.status}: ${printable(result.ref)} — ${printable(result.message)}`;
  }
  return `${result.status}: ${printable(result.id ?? result.ref)}  ${printable(result.title ?? '')}\n${result.message}`;
}
