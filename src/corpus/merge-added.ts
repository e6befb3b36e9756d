/**
 * Papers added after the corpus files were read (a library that grows from the chat) merged
 * into the files' papers exactly as the loader merges duplicate entries, so that a paper both
 * in a file and added later is one paper, each field from the entry that knows most about it.
 */
import type { Paper } from '../types.ts';
import { type MergeResult, mergePapers } from './merge-papers.ts';
import type { PaperRecord } from './paper-record.ts';

/**
 * The corpus files' papers followed by the added ones, duplicates merged (see `mergePapers`):
 * files first, then added papers in the order given; a paper's id is its own (a merged
 * paper keeps the file's id), a title the source derived yields to a real one. Problems name
 * `added` as their file.
 */
export function mergeAddedPapers(files: readonly Paper[], added: readonly Paper[]): MergeResult {
  if (added.length === 0) return { papers: [...files], problems: [] };
  const records: PaperRecord[] = [];
  for (const paper of files) records.push(recordOf(paper, 'corpus'));
  for (const paper of added) records.push(recordOf(paper, 'added'));
  return mergePapers(records);
}

/** A paper as a loader record: its id is the entry's own, a derived title is none. */
function recordOf(paper: Paper, file: string): PaperRecord {
  const { id, title, titleDerived, ...rest } = paper;
  return {
    ...rest,
    inputId: id,
    ...(titleDerived ? {} : { title }),
    // The merge keeps the records' author lists without copying; these belong to live papers.
    authors: [...paper.authors],
    file,
  };
}
