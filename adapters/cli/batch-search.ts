import { readFile } from 'node:fs/promises';
import type { Engine } from '../../src/index.ts';
import { EXIT_BAD_INPUT, ExitError } from './exit-status.ts';
import { printable } from './render-text.ts';

/** A batch run: a JSON Lines file of `{"id","text"}` queries, and how to write the results. */
export interface BatchSearch {
  file: string;
  limit: number;
  format: 'trec' | 'jsonl';
  /** Told about each line that is skipped or fails, with its file and line number. */
  warn: (text: string) => void;
}

/**
 * One TREC run line per hit, or one JSON line per query, for every query of the file. A file
 * that cannot be read is an ExitError; a bad line is skipped with a warning.
 */
export async function batchSearch(engine: Engine, batch: BatchSearch): Promise<string> {
  const { file, limit, format, warn } = batch;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new ExitError(`cannot read the queries file ${file}`, EXIT_BAD_INPUT);
  }
  const chunks: string[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let query: { id?: unknown; text?: unknown; query?: unknown };
    try {
      query = JSON.parse(line);
    } catch {
      warn(`${file}:${i + 1}: not JSON, skipped`);
      return;
    }
    const id = printable(String(query.id ?? i + 1)).replace(/\s+/g, '_');
    const q = String(query.text ?? query.query ?? '');
    let hits: Array<{ id: string; score: number }> = [];
    try {
      hits = engine.search(q, { limit }).hits.map((h) => ({ id: h.paper.id, score: h.score }));
    } catch (error) {
      warn(`${file}:${i + 1}: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (format === 'jsonl') {
      chunks.push(`${JSON.stringify({ id, hits })}\n`);
    } else {
      hits.forEach((h, rank) => {
        chunks.push(
          `${id} Q0 ${h.id.replace(/\s+/g, '_')} ${rank + 1} ${h.score.toFixed(6)} shammie\n`,
        );
      });
    }
  });
  return chunks.join('');
}
