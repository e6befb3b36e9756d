import { type Command, Option } from 'commander';
import { CITATION_FORMATS, type CitationFormat, parseCite } from '../../../src/index.ts';
import { type CliCommand, REF_ARGUMENT } from '../cli-context.ts';

/** `shammie cite REF… [--format bibtex|apa|mla]`: a citation of a paper. */
export const citeCommand: CliCommand = (program, cli) => {
  program
    .command('cite')
    .description('a citation of a paper')
    .argument('<ref...>', REF_ARGUMENT)
    .addOption(
      new Option('--format <format>', 'citation style')
        .choices([...CITATION_FORMATS])
        .default('bibtex'),
    )
    .action(async (ref: string[], options: { format: CitationFormat }, command: Command) => {
      // The reference is read as chat reads it, so `cite lima apa` is APA and `cite lima
      // chicago` is refused, not a BibTeX entry of "lima chicago"; --format, when given, wins.
      const parsed = parseCite(ref.join(' '));
      if (parsed.kind === 'unknown-format') return cli.show(parsed);
      const given = command.getOptionValueSource('format') === 'cli';
      await cli.show({
        kind: 'cite',
        ref: parsed.ref,
        format: given ? options.format : parsed.format,
      });
    });
};
