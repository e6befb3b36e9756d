import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PAPERS } from '../scheduler/helpers.ts';

/** Writes the scheduler tests' tiny corpus as JSON Lines; returns its path. */
export function writeCorpus(dir: string): string {
  const path = join(dir, 'papers.jsonl');
  writeFileSync(path, `${PAPERS.map((paper) => JSON.stringify(paper)).join('\n')}\n`);
  return path;
}
