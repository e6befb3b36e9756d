import { Option } from 'commander';
import type { CliCommand } from '../cli-context.ts';

/** `shammie tldr`: batch mode, one JSON line `{"id","tldr"}` per paper of the corpus. */
export const tldrCommand: CliCommand = (program, cli) => {
  program
    .command('tldr')
    .description('batch mode: the TL;DR of every paper')
    .addOption(new Option('--format <format>', 'output format').choices(['jsonl']).default('jsonl'))
    .action(async () => {
      const engine = await cli.engine();
      const lines = engine.papers.map((paper) =>
        JSON.stringify({ id: paper.id, tldr: engine.summarize(paper).tldr }),
      );
      cli.out(lines.join('\n'));
    });
};
