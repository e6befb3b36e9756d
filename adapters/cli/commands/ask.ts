import { Option } from 'commander';
import { batchAsk } from '../batch-ask.ts';
import type { CliCommand } from '../cli-context.ts';
import { EXIT_BAD_INPUT, ExitError } from '../exit-status.ts';
import { answerJson, renderAnswer } from '../render-answer.ts';

interface AskOptions {
  questions?: string;
  format?: 'jsonl';
}

/**
 * `shammie ask QUESTION…`: an answer from the library with numbered citations, or "not in the
 * library" with the closest papers; as text, JSON, or a batch over a file. A model writes the
 * answer when SHAMMIE_LLM_* name one, as on the bot. A question that cannot be asked (empty,
 * too long) exits 1 with one "shammie: …" line.
 */
export const askCommand: CliCommand = (program, cli) => {
  program
    .command('ask')
    .description('an answer from the library with numbered citations, or "not in the library"')
    .argument('[question...]', 'the question')
    .option('--questions <file>', 'batch mode: a JSON Lines file of {"id","text"} questions')
    .addOption(new Option('--format <format>', 'batch output format').choices(['jsonl']))
    .action(async (words: string[], options: AskOptions) => {
      if (options.questions && words.length > 0) {
        throw new ExitError('give one question or --questions FILE, not both', EXIT_BAD_INPUT);
      }
      const service = cli.ask();
      const engine = await cli.engine();
      if (options.questions) {
        await batchAsk(engine, service, {
          file: options.questions,
          warn: cli.say,
          write: (line) => cli.io.stdout.write(line),
        });
        return;
      }
      if (service.usesModel && cli.io.stderr.isTTY) {
        cli.io.stderr.write(`${cli.style.dim('Asking the model…')}\n`);
      }
      const answer = await service.ask(engine, { question: words.join(' ') });
      cli.out(
        cli.json() ? JSON.stringify(answerJson(answer), null, 2) : renderAnswer(answer, cli.style),
      );
    });
};
