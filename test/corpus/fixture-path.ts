import { fileURLToPath } from 'node:url';

/** Absolute path of a file under test/corpus/fixtures. */
export function fixture(relative: string): string {
  return fileURLToPath(new URL(`./fixtures/${relative}`, import.meta.url));
}
