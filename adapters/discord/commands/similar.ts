import { oneReferenceCommand } from './one-reference.ts';

/** `/similar paper`: papers that share its distinctive terms. */
export const similarCommand = oneReferenceCommand({
  name: 'similar',
  description: 'Papers that share the distinctive terms of a paper',
  option: 'The paper to start from',
  example: '/similar paper:Transfusion',
});
