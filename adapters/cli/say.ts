import { printable } from './render-text.ts';

/**
 * One "shammie: …" line on stderr. Messages echo what the user typed (a query, an option, a
 * path), so they are made printable first: an ESC in them must not drive the terminal.
 */
export function say(stderr: { write(text: string): unknown }, text: string): void {
  stderr.write(`shammie: ${printable(text).replace(/\s+/g, ' ').trim()}\n`);
}
