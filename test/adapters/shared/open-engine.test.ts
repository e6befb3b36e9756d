import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../adapters/shared/logger.ts';
import { openEngine, SNAPSHOT_FILE } from '../../../adapters/shared/open-engine.ts';

function recordingLogger() {
  const lines: Array<{ msg: string; reason?: string }> = [];
  const logger = createLogger({
    level: 'debug',
    destination: { write: (line: string) => lines.push(JSON.parse(line)) },
  });
  return { logger, lines };
}

const paper = (id: string, title: string, abstract: string) =>
  JSON.stringify({ id, title, abstract, authors: ['Ada Lovelace'], year: 2024 });

describe('opening the engine through a snapshot in the data directory', () => {
  let dir: string;
  let corpus: string;
  let dataDir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'shammie-open-'));
    corpus = join(dir, 'papers.jsonl');
    dataDir = join(dir, 'data');
    writeFileSync(
      corpus,
      `${paper('a', 'Long context models', 'We study long context language models.')}\n${paper('b', 'Image captions', 'We caption images with alt-text.')}\n`,
    );
  });

  it('builds the index once, then reuses the snapshot with the same answers', async () => {
    const { logger } = recordingLogger();
    const first = await openEngine({ corpus, dataDir, logger });
    expect(first.source).toBe('built');
    const second = await openEngine({ corpus, dataDir, logger });
    expect(second.source).toBe('snapshot');
    expect(second.engine.search('long context').hits.map((h) => h.paper.id)).toEqual(
      first.engine.search('long context').hits.map((h) => h.paper.id),
    );
    expect(second.engine.suggest('imag')[0]?.id).toBe('b');
  });

  it('rebuilds when a corpus file changes, and never serves the old index', async () => {
    const { logger } = recordingLogger();
    await openEngine({ corpus, dataDir, logger });
    writeFileSync(corpus, `${paper('c', 'Protein folding', 'We fold proteins.')}\n`);
    const reopened = await openEngine({ corpus, dataDir, logger });
    expect(reopened.source).toBe('built');
    expect(reopened.engine.papers.map((p) => p.id)).toEqual(['c']);
  });

  it('discards a truncated or garbage snapshot with a log line and starts anyway', async () => {
    const { logger, lines } = recordingLogger();
    await openEngine({ corpus, dataDir, logger });
    const file = join(dataDir, SNAPSHOT_FILE);
    const bytes = readFileSync(file);
    for (const damaged of [
      bytes.subarray(0, bytes.length - 9),
      Buffer.from('garbage'),
      bytes.subarray(0, 30),
    ]) {
      writeFileSync(file, damaged);
      const opened = await openEngine({ corpus, dataDir, logger });
      expect(opened.source).toBe('built');
      expect(opened.engine.search('captions').hits[0]?.paper.id).toBe('b');
    }
    expect(lines.filter((l) => l.msg.includes('snapshot discarded'))).toHaveLength(3);
    // The rebuilt snapshot is whole again.
    expect((await openEngine({ corpus, dataDir, logger })).source).toBe('snapshot');
  });

  it('keeps every paper and load problem through a snapshot written in many pieces', async () => {
    const { logger } = recordingLogger();
    // Thousands of papers span several of the file's JSON lines; non-ASCII text and a bad
    // line (a load problem) must come back exactly as they were read.
    const lines = Array.from({ length: 4500 }, (_, i) =>
      paper(
        `p${i}`,
        `Étude ${i} of naïve “quotes”`,
        `Abstract ${i} — with emoji 🧬 and\nnewlines.`,
      ),
    );
    writeFileSync(corpus, `${lines.join('\n')}\nnot json at all\n`);
    const built = await openEngine({ corpus, dataDir, logger });
    const loaded = await openEngine({ corpus, dataDir, logger });
    expect(loaded.source).toBe('snapshot');
    expect(loaded.engine.papers).toEqual(built.engine.papers);
    expect(loaded.problems).toEqual(built.problems);
    expect(loaded.problems).toHaveLength(1);
    expect(loaded.engine.search('Étude 4321').hits[0]?.paper.id).toBe('p4321');
  });

  it('discards a snapshot whose papers are damaged or whose layout is older', async () => {
    const { logger, lines } = recordingLogger();
    await openEngine({ corpus, dataDir, logger });
    const file = join(dataDir, SNAPSHOT_FILE);
    const bytes = readFileSync(file);
    const brokenPapers = Buffer.from(bytes);
    brokenPapers[bytes.indexOf('"id"')] = 0x7b; // a '{' where a key's quote was
    const olderLayout = Buffer.from(bytes);
    olderLayout.write('SHAMSNP1', 0, 'latin1');
    for (const damaged of [brokenPapers, olderLayout]) {
      writeFileSync(file, damaged);
      expect((await openEngine({ corpus, dataDir, logger })).source).toBe('built');
    }
    expect(lines.filter((l) => l.msg.includes('snapshot discarded'))).toHaveLength(2);
  });

  it('keeps working when the data directory cannot be written', async () => {
    const { logger, lines } = recordingLogger();
    const notADirectory = join(dir, 'file');
    writeFileSync(notADirectory, 'x');
    const opened = await openEngine({ corpus, dataDir: join(notADirectory, 'data'), logger });
    expect(opened.source).toBe('built');
    expect(lines.some((l) => l.msg.includes('could not save the index snapshot'))).toBe(true);
  });

  it('reports indexing progress up to the total', async () => {
    const { logger } = recordingLogger();
    const seen: number[] = [];
    await openEngine({ corpus, logger, onProgress: (_phase, done) => seen.push(done) });
    expect(seen.at(-1)).toBe(2);
  });
});

describe('a corpus written to while it is indexed', () => {
  it('is served as read, but saves no snapshot, since its key may not describe what was read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shammie-open-'));
    const corpus = join(dir, 'papers.jsonl');
    const dataDir = join(dir, 'data');
    writeFileSync(corpus, `${paper('a', 'Long context models', 'We study long context.')}\n`);
    const { logger, lines } = recordingLogger();
    let written = false;
    await openEngine({
      corpus,
      dataDir,
      logger,
      onProgress: () => {
        if (written) return;
        written = true;
        writeFileSync(corpus, `${paper('z', 'Zebra stripes', 'Why zebras have stripes.')}\n`);
      },
    });
    expect(lines.some((l) => l.msg.includes('changed while it was indexed'))).toBe(true);
    expect(existsSync(join(dataDir, SNAPSHOT_FILE))).toBe(false);
    const next = await openEngine({ corpus, dataDir, logger });
    expect(next.source).toBe('built');
    expect(next.engine.papers.map((p) => p.id)).toEqual(['z']);
  });
});
