import { createSources } from '../../sources/create-sources.ts';
import { announcementOf, rankAnnouncement } from '../../watch/watch-preview.ts';
import { partsFromText, specFromParts } from '../../watch/watch-spec.ts';
import type { CliCommand } from '../cli-context.ts';
import { EXIT_BAD_INPUT, ExitError } from '../exit-status.ts';
import { printable } from '../render-text.ts';
import { serviceConfig } from './add.ts';

/** Papers `watch preview` prints unless told otherwise. */
const DEFAULT_PREVIEW_LIMIT = 20;

/**
 * `shammie watch preview --category CAT [--keywords …] [--date D] [--limit N]`: ranks a day's
 * arXiv announcement as a watch would, with the local library as its profile, without posting.
 * `--json` prints `[{"arxiv","title","score","why"}]`, best first.
 */
export const watchCommand: CliCommand = (program, cli) => {
  const watch = program.command('watch').description("arXiv watches: preview a day's ranking");
  watch
    .command('preview')
    .description("rank a day's arXiv announcement as a watch would, without posting")
    .requiredOption('--category <cat>', 'an arXiv category, such as cs.CL')
    .option('--keywords <text>', 'keywords, "quoted phrases", author:NAME, -excluded words')
    .option('--date <date>', 'the announcement date, YYYY-MM-DD (default: the latest)')
    .option('--limit <n>', `papers to print (default ${DEFAULT_PREVIEW_LIMIT})`)
    .option('--crosslists <on|off>', 'include cross-listed papers (default on)')
    .action(
      async (options: {
        category: string;
        keywords?: string;
        date?: string;
        limit?: string;
        crosslists?: string;
      }) => {
        const parts = partsFromText(options.keywords ?? '');
        parts.categories = [options.category];
        if (options.crosslists !== undefined) parts.crossLists = options.crosslists;
        const parsed = specFromParts(parts);
        if ('problems' in parsed) throw new ExitError(parsed.problems.join(' '), EXIT_BAD_INPUT);
        if (options.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(options.date)) {
          throw new ExitError('--date takes YYYY-MM-DD', EXIT_BAD_INPUT);
        }
        const limit = Number(options.limit ?? DEFAULT_PREVIEW_LIMIT);
        if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
          throw new ExitError('--limit takes a whole number from 1 to 1000', EXIT_BAD_INPUT);
        }
        const { spec } = parsed;
        const sources = createSources(serviceConfig(cli.io.env), cli.io.sources);
        const library = (await cli.engine()).papers;
        const category = spec.categories[0]!;
        const day = await announcementOf(sources, category, options.date, cli.io.now().getTime());
        const { ranked, total } = rankAnnouncement(spec, day.items, library);
        const shown = ranked.slice(0, limit);
        if (cli.json()) {
          const rows = shown.map((c) => ({
            arxiv: c.paper.arxiv ?? c.paper.id,
            title: c.paper.title,
            score: Math.round(c.score * 1e4) / 1e4,
            why: c.why,
          }));
          cli.out(JSON.stringify(rows, null, 2));
          return;
        }
        if (total === 0) {
          cli.out(`No announcement of ${category} for ${day.date}: nothing to rank.`);
          return;
        }
        const lines = [`${category} · ${day.date} — ${total} announced, best first:`];
        shown.forEach((c, i) => {
          const mark = c.relevant ? '' : ' (below the line a post shows)';
          lines.push(
            `${i + 1}. ${c.paper.arxiv ?? c.paper.id}  ${c.score.toFixed(3)}  ${printable(c.paper.title)}${mark}`,
          );
          if (c.why) lines.push(`   why: ${printable(c.why)}`);
        });
        cli.out(lines.join('\n'));
      },
    );
};
