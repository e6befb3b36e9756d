import { oneReferenceCommand } from './one-reference.ts';

/** `/summary paper`: a paper's TL;DR and key points, or a digest when it names a topic. */
export const summaryCommand = oneReferenceCommand({
  name: 'summary',
  description:
    'A TL;DR and key points of a paper, or a digest of a topic (topic:… forces a digest)',
  option: 'A paper, or any topic for a digest; topic:… or paper:… forces either',
  example: '/summary paper:megalodon',
  what: 'a paper or a topic',
});
