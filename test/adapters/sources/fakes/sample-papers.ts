/**
 * Invented papers the fakes serve. They look like arXiv's (ids, categories, line-wrapped
 * abstracts) but the text is written for these tests.
 */
export interface SamplePaper {
  arxiv: string;
  version: number;
  title: string;
  abstract: string;
  authors: string[];
  published: string;
  updated: string;
  categories: string[];
  doi?: string;
  journalRef?: string;
  comment?: string;
}

export function samplePaper(overrides: Partial<SamplePaper> = {}): SamplePaper {
  return {
    arxiv: '2305.11206',
    version: 2,
    title: 'Small Instruction Sets Go a Long Way:\n  Tuning Language Models on a Thousand Prompts',
    abstract:
      '  We ask how much instruction data a pretrained language model needs. Tuning on a\n  thousand carefully chosen prompts and answers, with no reinforcement learning, gives\n  a model that people prefer in most head-to-head comparisons.\n',
    authors: ['Ada Quill', 'Bertrand Okafor', 'Chen Wei'],
    published: '2023-05-18T17:45:22Z',
    updated: '2023-06-01T09:12:03Z',
    categories: ['cs.CL', 'cs.AI', 'cs.LG'],
    comment: '12 pages, 4 figures',
    ...overrides,
  };
}

export const SAMPLE_PAPERS: SamplePaper[] = [
  samplePaper(),
  samplePaper({
    arxiv: '2408.11039',
    version: 1,
    title: 'One Model for Words and Pixels: Next-Token Prediction Meets Diffusion',
    abstract: 'We train a single transformer on text tokens and image patches together.',
    authors: ['Dana Ruiz', 'Emil Sato'],
    published: '2024-08-20T17:59:01Z',
    updated: '2024-08-20T17:59:01Z',
    categories: ['cs.AI', 'cs.CV'],
    doi: '10.1234/Fake.2024.77',
    journalRef: 'Proceedings of an Invented Conference 2024',
  }),
  samplePaper({
    arxiv: 'hep-th/9901001',
    version: 3,
    title: 'Strings on a Lattice',
    abstract: 'A short note on strings.',
    authors: ['F. Old'],
    published: '1999-01-04T10:00:00Z',
    updated: '1999-03-01T10:00:00Z',
    categories: ['hep-th'],
    comment: undefined,
  }),
  samplePaper({
    arxiv: '2101.00001',
    version: 2,
    title: 'A Result That Did Not Hold',
    abstract: 'This paper has been withdrawn by the author due to an error in Lemma 2.',
    authors: ['G. Hopper'],
    published: '2021-01-01T00:00:01Z',
    updated: '2021-02-01T00:00:01Z',
    categories: ['math.CO'],
    comment: 'This paper has been withdrawn',
  }),
];
