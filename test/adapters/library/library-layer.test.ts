import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { composeLibrary, createLibraryLayer } from '../../../adapters/library/library-layer.ts';
import type { NewLibraryPaper } from '../../../adapters/library/library-store.ts';
import { createEngine, mergeAddedPapers, type Paper } from '../../../src/index.ts';
import { openTestLibrary, type TestLibrary } from './helpers.ts';

/** A corpus file's paper that the library also has, with more to say about it. */
const FILE_PAPER: Paper = {
  id: 'levy-lima',
  title: 'Tuning on a thousand prompts',
  abstract: 'We tune a language model on a thousand prompts.',
  authors: ['Omer Levy'],
  arxiv: '2305.11206',
  year: 2023,
};
const OTHER_FILE: Paper = {
  id: 'graphs',
  title: 'Message passing on molecule graphs',
  abstract: 'We predict molecule properties with message passing networks.',
  authors: ['Omar Bell'],
};
const RICHER: NewLibraryPaper = {
  id: '2305.11206',
  arxiv: '2305.11206',
  doi: '10.48550/arxiv.2305.11206',
  title: 'LIMA: Less Is More for Alignment',
  abstract:
    'We tune a language model on a thousand carefully curated prompts and responses, without any reinforcement learning.',
  authors: ['Chunting Zhou', 'Pengfei Liu', 'Omer Levy'],
  source: 'arxiv',
};
const ONLY_LIBRARY: NewLibraryPaper = {
  id: '2408.11039',
  arxiv: '2408.11039',
  title: 'Transfusion',
  abstract: 'We train one transformer on text tokens and image patches together.',
  authors: ['Chunting Zhou'],
  source: 'chat',
};

let library: TestLibrary;
beforeEach(() => {
  library = openTestLibrary();
});
afterEach(() => library.cleanup());

describe('the corpus files with the library', () => {
  it('are one paper where both have it, the richest metadata winning as at load', () => {
    library.store.addPaper(RICHER, 1);
    library.store.addPaper(ONLY_LIBRARY, 2);
    const { papers, state } = composeLibrary(library.store, [FILE_PAPER, OTHER_FILE]);
    expect(papers.map((p) => p.id)).toEqual(['levy-lima', 'graphs', '2408.11039']);
    // The same merge as the loader's: the file's id and title, the longest abstract and
    // author list, the DOI only the library knew.
    expect(papers[0]).toEqual(mergeAddedPapers([FILE_PAPER], [RICHER]).papers[0]);
    expect(papers[0]).toMatchObject({
      id: 'levy-lima',
      title: 'Tuning on a thousand prompts',
      doi: '10.48550/arxiv.2305.11206',
      authors: RICHER.authors,
      abstract: RICHER.abstract,
    });
    expect(state).toMatchObject({
      library: ['2305.11206', '2408.11039'],
      libraryOnly: ['2408.11039'],
      hiddenFiles: [],
    });
  });

  it('leave out what removals hide, keeping a hidden file paper to bring back', () => {
    library.store.removePaper({ id: 'graphs' }, {}, 1);
    const { papers, state } = composeLibrary(library.store, [FILE_PAPER, OTHER_FILE]);
    expect(papers.map((p) => p.id)).toEqual(['levy-lima']);
    expect(state.hiddenFiles.map((p) => p.id)).toEqual(['graphs']);
  });

  it('merge a library paper added later into the file paper it duplicates, as one paper', () => {
    const { papers, state } = composeLibrary(library.store, [FILE_PAPER, OTHER_FILE]);
    const engine = createEngine(papers);
    const layer = createLibraryLayer(engine, library.store, { ...state });
    library.store.addPaper(RICHER, 1);
    const changes = layer.sync();
    expect(changes.added.map((p) => p.id)).toEqual(['levy-lima']);
    expect(engine.papers.map((p) => p.id).sort()).toEqual(['graphs', 'levy-lima']);
    expect(engine.lookup('levy-lima')?.doi).toBe('10.48550/arxiv.2305.11206');
    expect(layer.files().map((p) => p.id)).toEqual(['levy-lima', 'graphs']);
    // Nothing changed since: a second sync does nothing.
    expect(layer.sync()).toEqual({ added: [], removed: 0 });
  });

  it('treat a snapshot of the files alone (no state) as holding no library paper', () => {
    library.store.addPaper(ONLY_LIBRARY, 1);
    const engine = createEngine([FILE_PAPER, OTHER_FILE]);
    const layer = createLibraryLayer(engine, library.store, null);
    expect(layer.sync().added.map((p) => p.id)).toEqual(['2408.11039']);
    expect(layer.state()).toMatchObject({ library: ['2408.11039'], libraryOnly: ['2408.11039'] });
  });
});
