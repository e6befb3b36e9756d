import { type CliCommand, REF_ARGUMENT } from '../cli-context.ts';

/** `shammie summary REF…`: a paper's TL;DR and key points, or a digest of a topic. */
export const summaryCommand: CliCommand = (program, cli) => {
  program
    .command('summary')
    .description('a TL;DR and key points (or a digest of a topic)')
    .argument('<ref...>', REF_ARGUMENT)
    .action(async (ref: string[]) => cli.show({ kind: 'summary', ref: ref.join(' ') }));
};
