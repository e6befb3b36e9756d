import { type CliCommand, REF_ARGUMENT } from '../cli-context.ts';

/** `shammie similar REF…`: the papers most like one. */
export const similarCommand: CliCommand = (program, cli) => {
  program
    .command('similar')
    .description('papers similar to one')
    .argument('<ref...>', REF_ARGUMENT)
    .action(async (ref: string[]) => cli.show({ kind: 'similar', ref: ref.join(' ') }));
};
