import { stat } from 'node:fs/promises';
import { listCorpusFiles, NODE_CORPUS_IO } from '../../src/index.ts';

/**
 * A cheap fingerprint of a corpus's files as the file system describes them — which files the
 * loader would read, and each one's size, modification time and inode — without reading any
 * content. Two equal stamps mean nothing was written in between (a rename over a file changes
 * its inode, an append its size, any write its mtime); it costs one stat per file, so it can be
 * taken every few seconds on a corpus of any size.
 */
export async function corpusStamp(corpus: string): Promise<string> {
  let listing: Awaited<ReturnType<typeof listCorpusFiles>>;
  try {
    listing = await listCorpusFiles(corpus, NODE_CORPUS_IO);
  } catch (error) {
    // A corpus that vanished is a state too: its return (or a fix) is a change.
    return `unreadable: ${error instanceof Error ? error.message : String(error)}`;
  }
  const parts: string[] = [];
  for (const file of listing.files) {
    try {
      const info = await stat(file.path);
      parts.push(`${file.path}\t${info.size}\t${info.mtimeMs}\t${info.ino}`);
    } catch {
      // Deleted between the listing and the stat: the next stamp will not list it.
      parts.push(`${file.path}\tgone`);
    }
  }
  return parts.join('\n');
}
