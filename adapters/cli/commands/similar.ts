import { oneReferenceCommand } from './one-reference.ts';

/** `shammie similar REF…`: the papers most like one. */
export const similarCommand = oneReferenceCommand('similar', 'papers similar to one');
