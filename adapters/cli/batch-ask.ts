import { type AskAnswer, type Engine, isShammieError } from '../../src/index.ts';
import type { AskService } from '../shared/ask-port.ts';
import { readBatchFile } from './batch-file.ts';
import { answerJson } from './render-answer.ts';

/** A batch of questions: a JSON Lines file of `{"id","text"}`, and where the lines go. */
export interface BatchAsk {
  file: string;
  /** Told about each line that is skipped or cannot be asked, with its file and line number. */
  warn: (text: string) => void;
  /** Given each output line (with its newline), in the order of the file. */
  write: (line: string) => void;
}

/**
 * Asks every question of the file and writes one JSON line per question: the `--json` shape of
 * its answer plus its `id`. A question that cannot be asked (empty, too long) is still a line,
 * `{"id", "refused": true, "answer": "", "citations": [], "error": …}`, so that every id of the
 * file has its line. All questions are handed to the service at once: its queue keeps a model
 * within its concurrency, and the lines are written in file order as the answers come.
 */
export async function batchAsk(
  engine: Engine,
  service: AskService,
  batch: BatchAsk,
): Promise<void> {
  const questions = await readBatchFile(batch.file, batch.warn);
  const answers = questions.map((q) =>
    service.ask(engine, { question: q.text }).then(
      (answer: AskAnswer) => answerJson(answer),
      (error: unknown) => {
        if (!isShammieError(error)) throw error;
        batch.warn(`${batch.file}:${q.line}: ${error.message}`);
        return { refused: true, answer: '', citations: [], error: error.message };
      },
    ),
  );
  for (const [i, pending] of answers.entries()) {
    batch.write(`${JSON.stringify({ id: questions[i]?.id, ...(await pending) })}\n`);
  }
}
