import type { Engine } from '../../src/index.ts';
import { readBatchFile } from './batch-file.ts';
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
 * One TREC run line per hit, or one JSON line per query, for every query of the file
 * (`readBatchFile`: an unreadable file is an ExitError, a line that is not JSON is skipped).
 */
export async function batchSearch(engine: Engine, batch: BatchSearch): Promise<string> {
  const { file, limit, format, warn } = batch;
  const chunks: string[] = [];
  for (const query of await readBatchFile(file, warn)) {
    const id = printable(query.id).replace(/\s+/g, '_');
    let hits: Array<{ id: string; score: number }> = [];
    try {
      hits = engine
        .search(query.text, { limit })
        .hits.map((h) => ({ id: h.paper.id, score: h.score }));
    } catch (error) {
      warn(`${file}:${query.line}: ${error instanceof Error ? error.message : String(error)}`);
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
  }
  return chunks.join('');
}
