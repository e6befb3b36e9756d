import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Public material kept in a folder beside the clone, and whether all of it is there. */
export interface BesideTheClone {
  /** Each file asked for, as a full path. */
  paths: string[];
  /** True when every file is there. */
  present: boolean;
  /**
   * A suite's or a test's name; when the material is absent, the name says that it skipped and
   * why, and so does a line of the run's output.
   */
  named(name: string): string;
}

/**
 * Public material that is too big to ship (test collections) or not ours to ship (the seed),
 * kept in a `shared` folder beside the clone, as CI has it. Suites that need it run when every
 * file is there and otherwise skip, saying so in the test output.
 */
function besideTheClone(folder: string, files: readonly string[], what: string): BesideTheClone {
  const dir = join(resolve(import.meta.dirname, '..'), '..', 'shared', folder);
  const paths = files.map((file) => join(dir, file));
  const present = paths.every((path) => existsSync(path));
  return {
    paths,
    present,
    named(name) {
      if (present) return name;
      const skipped = `${name} (skipped: ${what} not found beside the clone)`;
      // Vitest's default reporter lists no skipped test by name: say it on the run's output too.
      console.warn(skipped);
      return skipped;
    },
  };
}

/** SciFact, Cranfield and SciTLDR: thousands of public abstracts, distractors for search. */
export const TEST_COLLECTIONS = besideTheClone(
  'data',
  ['scifact/corpus.jsonl', 'cranfield/corpus.jsonl', 'scitldr/dev.jsonl'],
  'public test collections',
);

/** The seed the bundled corpus was made from: verified metadata and the original text. */
export const SEED = besideTheClone(
  'seed',
  ['papers-metadata.json', 'shammie-seed.txt'],
  'the seed papers',
);
