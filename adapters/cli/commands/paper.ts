import { oneReferenceCommand } from './one-reference.ts';

/** `shammie paper REF…`: one paper with its abstract. */
export const paperCommand = oneReferenceCommand('paper', 'one paper with its abstract');
