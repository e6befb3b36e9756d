import type { CliCommand } from '../cli-context.ts';

/** `shammie daily [--date YYYY-MM-DD]`: the paper of the day, as the bot posts it. */
export const dailyCommand: CliCommand = (program, cli) => {
  program
    .command('daily')
    .description('the paper of the day')
    .option('--date <date>', 'a date, YYYY-MM-DD (default: today)')
    .action(async (options: { date?: string }) =>
      cli.show(
        options.date
          ? { kind: 'daily', action: 'show', date: options.date }
          : { kind: 'daily', action: 'show' },
      ),
    );
};
