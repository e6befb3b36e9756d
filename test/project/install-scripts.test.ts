import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

interface LockedPackage {
  version?: string;
  hasInstallScript?: boolean;
}

const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as {
  allowScripts?: Record<string, boolean>;
};
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as {
  packages: Record<string, LockedPackage>;
};

/** The package name of a lockfile path such as node_modules/a/node_modules/@s/b. */
const nameOf = (path: string) => path.slice(path.lastIndexOf('node_modules/') + 13);

describe('install scripts of the dependencies', () => {
  // npm 11 warns at every install about scripts not covered by allowScripts; npm 12 skips them,
  // and better-sqlite3 unbuilt means a bot that does not start.
  it('are each allowed or denied in package.json, so installs are quiet and keep working', () => {
    const withScripts = Object.entries(lock.packages)
      .filter(([path, entry]) => path !== '' && entry.hasInstallScript)
      .map(([path]) => nameOf(path));
    expect(withScripts.length).toBeGreaterThan(0);
    const undecided = withScripts.filter((name) => manifest.allowScripts?.[name] === undefined);
    expect(undecided).toEqual([]);
  });

  it('let better-sqlite3 build its native binding (the daily database needs it)', () => {
    expect(manifest.allowScripts?.['better-sqlite3']).toBe(true);
  });
});
