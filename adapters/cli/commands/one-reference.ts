import { type CliCommand, REF_ARGUMENT } from '../cli-context.ts';

/** The commands whose one argument is a paper reference, named as chat names them. */
export type OneReferenceKind = 'paper' | 'summary' | 'similar';

/**
 * `shammie KIND REF…`: the words are joined into one reference (so titles need no quotes) and
 * answered as chat answers `KIND REF`.
 */
export function oneReferenceCommand(kind: OneReferenceKind, description: string): CliCommand {
  return (program, cli) => {
    program
      .command(kind)
      .description(description)
      .argument('<ref...>', REF_ARGUMENT)
      .action(async (ref: string[]) => cli.show({ kind, ref: ref.join(' ') }));
  };
}
