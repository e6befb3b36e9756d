import { readFile } from 'node:fs/promises';
import { EXIT_BAD_INPUT, ExitError } from './exit-status.ts';

/** One line of a batch file: its line number, its id (the line number when it has none), its text. */
export interface BatchLine {
  line: number;
  id: string;
  text: string;
}

/**
 * The `{"id","text"}` lines of a JSON Lines file (`query` is read as `text` too), for the batch
 * modes of `search` and `ask`. A file that cannot be read is an ExitError; a line that is not
 * JSON is skipped, with a warning naming the file and line.
 */
export async function readBatchFile(
  file: string,
  warn: (text: string) => void,
): Promise<BatchLine[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new ExitError(`cannot read the queries file ${file}`, EXIT_BAD_INPUT);
  }
  const lines: BatchLine[] = [];
  text.split('\n').forEach((raw, i) => {
    if (raw.trim() === '') return;
    let item: { id?: unknown; text?: unknown; query?: unknown };
    try {
      item = JSON.parse(raw);
    } catch {
      warn(`${file}:${i + 1}: not JSON, skipped`);
      return;
    }
    lines.push({
      line: i + 1,
      id: String(item?.id ?? i + 1),
      text: String(item?.text ?? item?.query ?? ''),
    });
  });
  return lines;
}
