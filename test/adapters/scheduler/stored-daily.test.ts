import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDailyPicker } from '../../../adapters/scheduler/daily-picker.ts';
import { createDailyStore } from '../../../adapters/scheduler/daily-store.ts';
import { DATABASE_FILE, openDatabase } from '../../../adapters/scheduler/database.ts';
import { storedDaily } from '../../../adapters/scheduler/stored-daily.ts';
import { dailyPaper } from '../../../src/daily/daily-pick.ts';
import { createEngine, planDaily } from '../../../src/index.ts';
import { fakeClock, PAPERS } from './helpers.ts';
import { tempDir } from './temp-dir.ts';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

function dataDir(): string {
  const dir = tempDir();
  cleanups.push(dir.remove);
  return join(dir.path, 'data');
}

function terminal(dir: string, papers = PAPERS) {
  const warnings: string[] = [];
  const daily = storedDaily(createEngine(papers), dir, (m) => warnings.push(m));
  cleanups.push(daily.close);
  return { engine: daily.engine, warnings };
}

describe('the paper of the day in a process without the scheduler', () => {
  it('is the stateless pick when the data directory has no database, and creates none', () => {
    const dir = dataDir();
    const { engine, warnings } = terminal(dir);
    expect(engine.daily('2024-06-01').id).toBe(dailyPaper(PAPERS, '2024-06-01').id);
    expect(existsSync(dir)).toBe(false);
    expect(warnings).toEqual([]);
  });

  it('is what the bot posted and will post when the data directory has its database', () => {
    const dir = dataDir();
    const store = createDailyStore(openDatabase(dir));
    cleanups.push(() => store.close());
    const picker = (papers: typeof PAPERS) =>
      createDailyPicker({
        store,
        engine: createEngine(papers),
        planDaily,
        now: fakeClock('2024-06-01T00:00:00Z').now,
      });
    const posted = picker(PAPERS.slice(0, 4))('2024-06-01').paperId;
    // The bot then reloads a bigger corpus, the one the terminal reads.
    const pick = picker(PAPERS);
    const { engine } = terminal(dir);
    expect(engine.daily('2024-06-01').id).toBe(posted);
    // The days ahead are the ones the bot will post, from its stored cycle.
    const ahead = Array.from({ length: 12 }, (_, i) => `2024-06-${String(i + 2).padStart(2, '0')}`);
    const shown = ahead.map((date) => engine.daily(date).id);
    expect(ahead.map((date) => pick(date).paperId)).toEqual(shown);
    expect(engine.search('attention').total).toBeGreaterThan(0);
  });

  it('says once that a database it cannot read is skipped, and uses the stateless pick', () => {
    const dir = dataDir();
    mkdirSync(dir);
    writeFileSync(join(dir, DATABASE_FILE), 'not SQLite at all '.repeat(50));
    const { engine, warnings } = terminal(dir);
    expect(engine.daily('2024-06-01').id).toBe(dailyPaper(PAPERS, '2024-06-01').id);
    expect(engine.daily('2024-06-02').id).toBe(dailyPaper(PAPERS, '2024-06-02').id);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/not a Shammie database.*may differ from the one posted/);
  });
});
