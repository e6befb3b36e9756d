import { Option } from 'commander';
import { type SearchRequest, searchPage } from '../../../src/index.ts';
import { batchSearch } from '../batch-search.ts';
import type { CliCommand } from '../cli-context.ts';
import { EXIT_BAD_INPUT, ExitError } from '../exit-status.ts';

/** Largest `--limit`. */
export const MAX_LIMIT = 1000;

interface SearchOptions {
  limit: number;
  author?: string;
  year?: string;
  queries?: string;
  format?: 'trec' | 'jsonl';
}

/** `shammie search [query…]`: ranked papers, as text, JSON, or a batch run over a file. */
export const searchCommand: CliCommand = (program, cli) => {
  program
    .command('search')
    .description('ranked papers for a query (filters: author:NAME, year:2023..2024, "phrases")')
    .argument('[query...]', 'what to look for')
    .option('--limit <n>', 'how many papers', parseCount, 10)
    .option('--author <name>', 'only papers by this author')
    .option('--year <range>', 'only papers of this year or range, e.g. 2023..2024')
    .option('--queries <file>', 'batch mode: a JSON Lines file of {"id","text"} queries')
    .addOption(new Option('--format <format>', 'batch output format').choices(['trec', 'jsonl']))
    .action(async (words: string[], options: SearchOptions) => {
      const engine = await cli.engine();
      if (options.queries) {
        const run = await batchSearch(engine, {
          file: options.queries,
          limit: options.limit,
          format: options.format ?? 'trec',
          warn: cli.say,
        });
        cli.io.stdout.write(run);
        return;
      }
      const filters = {
        ...(options.author ? { author: options.author } : {}),
        ...(options.year ? { year: options.year } : {}),
      };
      const query = words.join(' ');
      if (cli.json()) {
        const result = engine.search(query, { limit: options.limit, ...filters });
        const hits = result.hits.map((h, i) => ({ rank: i + 1, score: h.score, paper: h.paper }));
        cli.out(JSON.stringify({ query, total: result.total, hits }, null, 2));
        return;
      }
      // The request carries the option filters too, so the heading can say what was filtered.
      const request: SearchRequest = { query, limit: options.limit, ...filters };
      // A terminal prints every paper up to --limit at once: one page, so no "page 1 of N".
      cli.print({ ...searchPage(engine, request, 0, MAX_LIMIT), pageCount: 1 });
    });
};

function parseCount(value: string): number {
  const n = /^\d{1,10}$/.test(value) ? Number(value) : Number.NaN;
  if (!(n >= 1 && n <= MAX_LIMIT)) {
    // Not commander's InvalidArgumentError: its wording repeats the flag ("option '--limit <n>'
    // argument 'abc' is invalid."); this one reaches the error mapping as it is.
    throw new ExitError(
      `--limit must be a whole number from 1 to ${MAX_LIMIT}, not “${value}”`,
      EXIT_BAD_INPUT,
    );
  }
  return n;
}
