import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLibraryStore, type LibraryStore } from '../../../adapters/library/library-store.ts';
import { DATABASE_FILE, openDatabase } from '../../../adapters/scheduler/database.ts';
import { createSources, type Sources } from '../../../adapters/sources/create-sources.ts';
import { loadServiceConfig } from '../../../adapters/sources/service-config.ts';
import { type FakeArxivApi, startFakeArxivApi } from '../sources/fakes/fake-arxiv-api.ts';
import {
  type FakeArxivOai,
  type OaiItem,
  startFakeArxivOai,
} from '../sources/fakes/fake-arxiv-oai.ts';
import { type FakeClock, fakeClock } from '../sources/fakes/fake-clock.ts';
import {
  type FakeScholarly,
  startFakeCrossref,
  startFakeOpenAlex,
} from '../sources/fakes/fake-scholarly.ts';
import type { SamplePaper } from '../sources/fakes/sample-papers.ts';

/** A library store on a real database in a fresh temp directory. */
export interface TestLibrary {
  dataDir: string;
  store: LibraryStore;
  /** The store's raw connection (to shorten its busy timeout, or cap its size). */
  db: ReturnType<typeof openDatabase>;
  cleanup: () => void;
}

export function openTestLibrary(): TestLibrary {
  const dataDir = mkdtempSync(join(tmpdir(), 'shammie-library-'));
  const db = openDatabase(dataDir);
  const store = createLibraryStore(db);
  return {
    dataDir,
    store,
    db,
    cleanup: () => {
      if (db.open) db.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Every fake service the library talks to, and the clients built on them. */
export interface TestServices {
  sources: Sources;
  clock: FakeClock;
  api: FakeArxivApi;
  oai: FakeArxivOai;
  crossref: FakeScholarly;
  openalex: FakeScholarly;
  close: () => Promise<void>;
}

export interface ServiceData {
  papers?: SamplePaper[];
  oaiItems?: OaiItem[];
  oaiPageSize?: number;
  crossref?: Record<string, Record<string, unknown>>;
  openalex?: Record<string, Record<string, unknown>>;
}

/**
 * The fakes of arXiv's API and OAI-PMH, Crossref and OpenAlex, and the real clients pointed at
 * them: a fake clock makes spacing and Retry-After waits instant (and recorded), a short time
 * limit makes a hanging connection fail fast.
 */
export async function startServices(data: ServiceData = {}): Promise<TestServices> {
  const api = await startFakeArxivApi(data.papers ?? []);
  const oai = await startFakeArxivOai(data.oaiItems ?? [], data.oaiPageSize);
  const crossref = await startFakeCrossref(data.crossref ?? {});
  const openalex = await startFakeOpenAlex(data.openalex ?? {});
  const clock = fakeClock();
  const config = loadServiceConfig({
    ARXIV_API_URL: api.apiUrl,
    ARXIV_OAI_URL: oai.oaiUrl,
    CROSSREF_API_URL: crossref.apiUrl,
    OPENALEX_API_URL: openalex.apiUrl,
  });
  const sources = createSources(config, {
    queue: clock.queue,
    now: clock.now,
    timeoutMs: 300,
    retries: 2,
    backoffMs: 10,
    random: () => 0.5,
  });
  return {
    sources,
    clock,
    api,
    oai,
    crossref,
    openalex,
    close: async () => {
      await Promise.all([api, oai, crossref, openalex].map((fake) => fake.close()));
    },
  };
}

/** Rows in the library table, removed ones included. */
export function rowCount(library: TestLibrary): number {
  return library.db.prepare('SELECT COUNT(*) FROM library_papers').pluck().get() as number;
}

/**
 * A second process that takes the library database's write lock (a transaction with a write
 * in it) and holds it until `release`. The library's own connection waits only 100 ms for it
 * (the default is 5 s), so a test sees the failure quickly.
 */
export async function holdWriteLock(
  library: TestLibrary,
): Promise<{ release: () => Promise<void> }> {
  library.db.pragma('busy_timeout = 100');
  const script = `
    const Database = require('better-sqlite3');
    const db = new Database(process.argv[1]);
    db.exec('BEGIN IMMEDIATE');
    db.prepare("INSERT INTO library_tombstones (kind, value, removed_at) VALUES ('id', 'held', 0)").run();
    process.stdout.write('locked\\n');
    process.stdin.resume();
    process.stdin.on('end', () => { db.exec('ROLLBACK'); db.close(); process.exit(0); });
  `;
  const child = spawn(process.execPath, ['-e', script, join(library.dataDir, DATABASE_FILE)], {
    cwd: join(import.meta.dirname, '../../..'),
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const [chunk] = (await once(child.stdout, 'data')) as [Buffer];
  if (chunk.toString() !== 'locked\n') throw new Error(`the lock holder said ${chunk.toString()}`);
  return {
    release: async () => {
      child.stdin.end();
      if (child.exitCode === null) await once(child, 'exit');
    },
  };
}
