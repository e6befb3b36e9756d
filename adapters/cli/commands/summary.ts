import { oneReferenceCommand } from './one-reference.ts';

/** `shammie summary REF…`: a paper's TL;DR and key points, or a digest of a topic. */
export const summaryCommand = oneReferenceCommand(
  'summary',
  'a TL;DR and key points (or a digest of a topic)',
);
