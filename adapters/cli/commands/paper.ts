import { type CliCommand, REF_ARGUMENT } from '../cli-context.ts';

/** `shammie paper REF…`: one paper with its abstract. */
export const paperCommand: CliCommand = (program, cli) => {
  program
    .command('paper')
    .description('one paper with its abstract')
    .argument('<ref...>', REF_ARGUMENT)
    .action(async (ref: string[]) => cli.show({ kind: 'paper', ref: ref.join(' ') }));
};
