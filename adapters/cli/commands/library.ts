import { LIBRARY_SOURCES } from '../../library/library-store.ts';
import { type LibrarySummary, librarySummary } from '../../library/library-summary.ts';
import type { CliCommand } from '../cli-context.ts';
import { openCliLibrary } from '../open-cli-library.ts';
import { printable } from '../render-text.ts';

/** `shammie library`: how many papers there are by source, the last additions, how to export. */
export const libraryCommand: CliCommand = (program, cli) => {
  program
    .command('library')
    .description("the library's size by source and its last additions")
    .action(async () => {
      const files = await cli.files();
      const library = openCliLibrary(cli.io.env, { create: false });
      try {
        const summary = librarySummary({ store: library.store, files });
        cli.out(cli.json() ? JSON.stringify(summary, null, 2) : libraryText(summary));
      } finally {
        library.close();
      }
    });
};

/** The summary as terminal text (titles made printable: they come from outside services). */
export function libraryText(summary: LibrarySummary): string {
  const bySource = LIBRARY_SOURCES.map((source) => `${source} ${summary.bySource[source]}`).join(
    ', ',
  );
  const lines = [
    `${summary.total} ${summary.total === 1 ? 'paper' : 'papers'}: ${summary.files} from the corpus files, ${summary.library} added to the library (${bySource}).`,
  ];
  if (summary.removed > 0) lines.push(`${summary.removed} removed (add one again to undo).`);
  if (summary.recent.length > 0) {
    lines.push('', 'Last additions:');
    for (const paper of summary.recent) {
      const who = paper.addedBy === undefined ? '' : ` by ${paper.addedBy}`;
      const where = paper.platform === undefined ? '' : ` (${paper.platform})`;
      const when = new Date(paper.addedAt).toISOString().slice(0, 10);
      const ref = paper.arxiv ?? paper.doi ?? paper.id;
      lines.push(`  ${printable(ref)}  ${printable(paper.title)} — ${when}${who}${where}`);
    }
  }
  lines.push('', `Export everything: ${summary.exportHint}`);
  return lines.join('\n');
}
