import { oneReferenceCommand } from './one-reference.ts';

/** `/paper paper`: one paper with its abstract. */
export const paperCommand = oneReferenceCommand({
  name: 'paper',
  description: 'Show one paper with its abstract',
  option: 'Title words, an arXiv id or URL, or a DOI',
  example: '/paper paper:LIMA',
});
