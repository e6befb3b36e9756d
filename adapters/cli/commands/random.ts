import type { CliCommand } from '../cli-context.ts';

/** `shammie random [topic…]`: a random paper, on a topic when one is given. */
export const randomCommand: CliCommand = (program, cli) => {
  program
    .command('random')
    .description('a random paper, optionally on a topic')
    .argument('[topic...]', 'a topic')
    .action(async (topic: string[]) => {
      const t = topic.join(' ').trim();
      await cli.show(t ? { kind: 'random', topic: t } : { kind: 'random' });
    });
};
