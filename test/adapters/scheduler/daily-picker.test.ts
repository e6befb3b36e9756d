import { afterEach, describe, expect, it } from 'vitest';
import { createDailyPicker } from '../../../adapters/scheduler/daily-picker.ts';
import { createDailyStore } from '../../../adapters/scheduler/daily-store.ts';
import { openDatabase } from '../../../adapters/scheduler/database.ts';
import { createEngine, type Paper, planDaily } from '../../../src/index.ts';
import { fakeClock, PAPERS } from './helpers.ts';
import { tempDir } from './temp-dir.ts';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

function pickerOn(dataDir: string, papers: Paper[]) {
  const store = createDailyStore(openDatabase(dataDir));
  cleanups.push(() => store.close());
  const clock = fakeClock('2024-06-01T00:00:00Z');
  return {
    store,
    pick: createDailyPicker({ store, engine: createEngine(papers), planDaily, now: clock.now }),
  };
}

function days(from: string, count: number): string[] {
  const start = Date.parse(`${from}T00:00:00Z`);
  return Array.from({ length: count }, (_, i) =>
    new Date(start + i * 86_400_000).toISOString().slice(0, 10),
  );
}

describe('the daily picker', () => {
  it('builds the view every channel posts: the paper card, its TL;DR and key points', () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const { pick } = pickerOn(dir.path, PAPERS);
    const day = pick('2024-06-01');
    const paper = PAPERS.find((p) => p.id === day.paperId)!;
    expect(day.view).toMatchObject({
      kind: 'daily',
      date: '2024-06-01',
      card: { id: paper.id, title: paper.title },
    });
    expect(paper.abstract).toContain(day.view.tldr);
    // The engine's own key points (none for these three-sentence abstracts: the TL;DR is a
    // third of each already, and a summary stays within 40 % of its abstract).
    expect(day.view.points).toEqual(createEngine(PAPERS).summarize(paper).points);
  });

  it('keeps the current cycle when papers are added between restarts; new papers join the next one', () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const first = pickerOn(dir.path, PAPERS.slice(0, 5));
    first.pick('2024-06-01');
    const plan = first.store.loadPlan() as { start: string; ids: string[] };
    expect(plan.ids).toHaveLength(5);
    first.store.close();

    // Restart with two more papers: the rest of the stored cycle is served as planned…
    const second = pickerOn(dir.path, PAPERS);
    const cycle = days(plan.start, plan.ids.length);
    expect(cycle.map((d) => second.pick(d).paperId)).toEqual(plan.ids);
    // …and the next cycle holds every paper once, the new ones included.
    const next = days(days(plan.start, plan.ids.length + 1).at(-1)!, PAPERS.length);
    expect(new Set(next.map((d) => second.pick(d).paperId))).toEqual(
      new Set(PAPERS.map((p) => p.id)),
    );
  });

  it('answers a date already picked with the same paper, even from a different corpus order', () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const a = pickerOn(dir.path, PAPERS);
    const first = a.pick('2024-07-04').paperId;
    const b = pickerOn(dir.path, [...PAPERS].reverse());
    expect(b.pick('2024-07-04').paperId).toBe(first);
    expect(b.store.getPick('2024-07-04')).toBe(first);
  });

  it('picks again when the remembered paper has left the corpus', () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const a = pickerOn(dir.path, PAPERS);
    const gone = a.pick('2024-07-04').paperId;
    const b = pickerOn(
      dir.path,
      PAPERS.filter((p) => p.id !== gone),
    );
    const replacement = b.pick('2024-07-04').paperId;
    expect(replacement).not.toBe(gone);
    expect(b.store.getPick('2024-07-04')).toBe(replacement);
  });
});
