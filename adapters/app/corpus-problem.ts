import { isShammieError, listCorpusFiles, NODE_CORPUS_IO } from '../../src/index.ts';
import { DEFAULT_CORPUS } from '../shared/config.ts';

/**
 * Why the corpus at `path` cannot be read at all, in words that name SHAMMIE_CORPUS (the
 * default `./corpus` is looked for in the folder the bot runs in); undefined when it can be.
 */
export async function corpusProblem(path: string): Promise<string | undefined> {
  try {
    await listCorpusFiles(path, NODE_CORPUS_IO);
    return undefined;
  } catch (error) {
    if (!isShammieError(error)) throw error;
    return path === DEFAULT_CORPUS
      ? `${error.message}. Set SHAMMIE_CORPUS to the corpus file or folder (${DEFAULT_CORPUS}, the default, is looked for in the folder npm start runs in)`
      : `SHAMMIE_CORPUS: ${error.message}`;
  }
}
