/**
 * `npm run bench:library-start`: the bot's start from its snapshot with a library in the
 * database (see docs/performance.md, "Start with the library"). A synthetic corpus of `--size`
 * abstracts and `--library` papers in the library: a first start builds the index and writes the
 * snapshot; then `--changes` more papers are added and a few removed, as `shammie add` and
 * `remove` would while the bot is down; then `--runs` fresh processes start the way the bot
 * does (adapters/shared openEngine with the library composed, the changes since applied, a first
 * search), each timed from the process's own start to its first answer.
 */
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createLibraryStore, type NewLibraryPaper } from '../adapters/library/library-store.ts';
import { openDatabase } from '../adapters/scheduler/database.ts';
import { ensureCorpus } from './bench-corpora.ts';
import type { StartJob, StartMessage, StartReply } from './messages.ts';
import { runChild } from './run-child.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const START_WORKER = join(ROOT, 'bench', 'start-worker.ts');
const HELP = `npm run bench:library-start -- [--size N] [--library N] [--changes N] [--runs N]

  --size N     corpus files' papers (default 200000)
  --library N  papers in the library when the snapshot is written (default 10000)
  --changes N  papers added after the snapshot, besides 10 removals (default 100)
  --runs N     fresh starts timed (default 3; the median is reported)
`;
/** Papers a library row is written in, per transaction. */
const PAGE = 1000;

const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

/** Library papers made from the corpus's first lines: other ids, so none merges with a file's. */
async function libraryPapers(corpus: string, count: number): Promise<NewLibraryPaper[]> {
  const papers: NewLibraryPaper[] = [];
  const lines = createInterface({ input: createReadStream(corpus), crlfDelay: Infinity });
  for await (const line of lines) {
    if (papers.length >= count) break;
    const entry = JSON.parse(line) as { title: string; text: string };
    const n = papers.length + 1;
    const arxiv = `26${String(1 + Math.floor(n / 90_000)).padStart(2, '0')}.${String(n % 90_000).padStart(5, '0')}`;
    papers.push({
      id: arxiv,
      arxiv,
      title: `Revisited: ${entry.title}`,
      abstract: `${entry.text} We revisit this question with new data.`,
      authors: ['Bench Author'],
      source: 'import',
    });
  }
  lines.close();
  return papers;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      size: { type: 'string' },
      library: { type: 'string' },
      changes: { type: 'string' },
      runs: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const size = Number(values.size ?? 200_000);
  const libraryCount = Number(values.library ?? 10_000);
  const changes = Number(values.changes ?? 100);
  const runs = Number(values.runs ?? 3);
  const temp = process.env.TMPDIR || tmpdir();
  const corpus = await ensureCorpus(size, {
    cacheDir: join(temp, 'shammie-bench-own'),
    sharedCacheDir: process.env.SHAMMIE_BENCH_CACHE || join(temp, 'shammie-bench'),
    sharedBenchDir: resolve(ROOT, '..', 'shared', 'bench'),
    dataDir: resolve(ROOT, '..', 'shared', 'data'),
    seed: '42',
  });
  const dataDir = await mkdtemp(join(temp, 'shammie-library-start-'));
  const settings = { root: ROOT, heapMB: 4096, timeoutS: 1800 };
  const load = () =>
    loadavg()
      .map((x) => x.toFixed(1))
      .join(' ');
  log(
    `bench:library-start: ${size} papers in the files, ${libraryCount} in the library, ${changes} added and 10 removed after the snapshot; load average ${load()} on ${cpus().length} cores`,
  );
  try {
    const extra = await libraryPapers(corpus.path, libraryCount + changes);
    const store = createLibraryStore(openDatabase(dataDir));
    for (let i = 0; i < libraryCount; i += PAGE) {
      store.storePage(extra.slice(i, Math.min(i + PAGE, libraryCount)), undefined, i);
    }
    const job: StartJob = {
      kind: 'start',
      mode: 'library',
      corpusPath: corpus.path,
      snapshotPath: '',
      dataDir,
      claim: 'regulatory T cells suppress inflammation',
    };
    const first = await runChild<StartReply>(START_WORKER, job, settings);
    const built = first.messages.find((m): m is StartMessage => m.type === 'started');
    if (!built) throw new Error(`the first start failed: ${first.stderrTail}`);
    log(`  first start (index built, snapshot written): ${(built.toAnswerMs / 1000).toFixed(1)} s`);

    // While the bot is down: more papers added, library and file papers removed.
    store.storePage(extra.slice(libraryCount), undefined, libraryCount);
    for (let i = 0; i < 5; i++) {
      store.removePaper({ id: extra[i]!.id, arxiv: extra[i]!.arxiv }, { by: 'bench' }, 1);
      store.removePaper({ id: `syn${String(i + 1).padStart(7, '0')}` }, { by: 'bench' }, 1);
    }
    store.close();

    const starts: StartMessage[] = [];
    for (let run = 0; run < runs; run++) {
      const outcome = await runChild<StartReply>(START_WORKER, job, settings);
      const reply = outcome.messages.find((m): m is StartMessage => m.type === 'started');
      if (!reply) throw new Error(`a fresh start failed: ${outcome.stderrTail}`);
      starts.push(reply);
      log(
        `  start ${run + 1}: index from the ${reply.source}, +${reply.applied?.added} −${reply.applied?.removed} applied; first answer after ${(reply.toAnswerMs / 1000).toFixed(2)} s (openEngine and the library ${reply.loadEngineS.toFixed(2)} s, of which the library ${reply.librarySyncS?.toFixed(2)} s; first search ${reply.firstSearchMs.toFixed(0)} ms); peak RSS ${reply.peakMB.toFixed(0)} MB`,
      );
    }
    const toAnswer = median(starts.map((s) => s.toAnswerMs / 1000));
    const opening = median(starts.map((s) => s.loadEngineS));
    const syncing = median(starts.map((s) => s.librarySyncS ?? Number.NaN));
    process.stdout.write(
      `${JSON.stringify(
        {
          size,
          library: libraryCount,
          changes: { added: changes, removed: 10 },
          runs,
          sources: starts.map((s) => s.source),
          applied: starts.map((s) => s.applied),
          medianToAnswerS: Number(toAnswer.toFixed(2)),
          medianOpenS: Number(opening.toFixed(2)),
          medianLibrarySyncS: Number(syncing.toFixed(2)),
          toAnswerS: starts.map((s) => Number((s.toAnswerMs / 1000).toFixed(2))),
          peakMB: Math.max(...starts.map((s) => s.peakMB)),
          loadAverage: load(),
        },
        null,
        2,
      )}\n`,
    );
    return 0;
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    log(`bench:library-start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
