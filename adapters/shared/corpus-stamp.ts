import { stat } from 'node:fs/promises';
import { listCorpusFiles, NODE_CORPUS_IO } from '../../src/index.ts';

/** A corpus file as the file system describes it; `size` and the rest absent once it vanished. */
export interface CorpusFileInfo {
  path: string;
  info?: { size: number; mtimeMs: number; ino: number };
}

/**
 * The files the loader would read under `corpus`, each with its stat, reading no content.
 * Throws when the corpus itself cannot be listed (missing path).
 */
export async function corpusFileInfos(corpus: string): Promise<CorpusFileInfo[]> {
  const { files } = await listCorpusFiles(corpus, NODE_CORPUS_IO);
  const out: CorpusFileInfo[] = [];
  for (const file of files) {
    try {
      out.push({ path: file.path, info: await stat(file.path) });
    } catch {
      // Deleted between the listing and the stat.
      out.push({ path: file.path });
    }
  }
  return out;
}

/**
 * A cheap fingerprint of a corpus's files as the file system describes them — which files the
 * loader would read, and each one's size, modification time and inode — without reading any
 * content. Two equal stamps mean nothing was written in between (a rename over a file changes
 * its inode, an append its size, any write its mtime); it costs one stat per file, so it can be
 * taken every few seconds on a corpus of any size.
 */
export async function corpusStamp(corpus: string): Promise<string> {
  let files: CorpusFileInfo[];
  try {
    files = await corpusFileInfos(corpus);
  } catch (error) {
    // A corpus that vanished is a state too: its return (or a fix) is a change.
    return `unreadable: ${error instanceof Error ? error.message : String(error)}`;
  }
  return files
    .map(({ path, info }) =>
      info ? `${path}\t${info.size}\t${info.mtimeMs}\t${info.ino}` : `${path}\tgone`,
    )
    .join('\n');
}
