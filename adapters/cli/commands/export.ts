import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { checkExportFormat, type ExportReport, exportPapers } from '../../library/export-papers.ts';
import type { CliCommand, CliContext } from '../cli-context.ts';
import { EXIT_BAD_INPUT, ExitError } from '../exit-status.ts';
import { openCliLibrary } from '../open-cli-library.ts';

/**
 * `shammie export --format jsonl|bibtex [--out FILE]`: every paper, the corpus files' and the
 * library's, removed ones left out. Without --out the papers go to stdout; with it, to FILE
 * (written whole or not at all) and a one-line report to stdout.
 */
export const exportCommand: CliCommand = (program, cli) => {
  program
    .command('export')
    .description('every paper, files and library, as JSON Lines or BibTeX')
    .option('--format <format>', 'jsonl or bibtex', 'jsonl')
    .option('--out <file>', 'write to FILE instead of stdout')
    .action(async (options: { format: string; out?: string }) => {
      const format = checkExportFormat(options.format);
      const files = await cli.files();
      const library = openCliLibrary(cli.io.env, { create: false });
      try {
        if (options.out === undefined) {
          await exportPapers({ format, files, store: library.store, out: stdoutStream(cli) });
          return;
        }
        const report = await exportToFile(options.out, (out) =>
          exportPapers({ format, files, store: library.store, out }),
        );
        cli.out(
          cli.json() ? JSON.stringify({ out: options.out, ...report }) : said(report, options.out),
        );
      } finally {
        library.close();
      }
    });
};

/** The CLI's stdout as a stream (the export writes through one). */
function stdoutStream(cli: CliContext): Writable {
  return new Writable({
    write(chunk, _encoding, done) {
      cli.io.stdout.write(String(chunk));
      done();
    },
  });
}

/**
 * Runs `write` into a file beside `path`, renamed over it once complete: an export that fails
 * halfway leaves no half-written file behind (and an older export in place).
 */
async function exportToFile(
  path: string,
  write: (out: Writable) => Promise<ExportReport>,
): Promise<ExportReport> {
  const partial = `${path}.partial-${process.pid}`;
  const out = createWriteStream(partial);
  try {
    await new Promise<void>((resolve, reject) => {
      out.once('open', () => resolve());
      out.once('error', reject);
    });
    const report = await write(out);
    out.end();
    await finished(out);
    await rename(partial, path);
    return report;
  } catch (error) {
    out.destroy();
    await rm(partial, { force: true });
    if (error instanceof Error && 'code' in error && typeof error.code === 'string') {
      throw new ExitError(`cannot write ${path}: ${error.message}`, EXIT_BAD_INPUT);
    }
    throw error;
  }
}

function said(report: ExportReport, path: string): string {
  const total = report.files + report.library;
  return `Wrote ${total} ${total === 1 ? 'paper' : 'papers'} to ${path} (${report.files} from the corpus files, ${report.library} from the library).`;
}
