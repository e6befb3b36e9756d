import { afterEach, describe, expect, it } from 'vitest';
import { createEngineHolder } from '../../../adapters/app/engine-holder.ts';
import {
  createDailyLookup,
  createDailyPicker,
  withDailyLookup,
} from '../../../adapters/scheduler/daily-picker.ts';
import { createDailyStore } from '../../../adapters/scheduler/daily-store.ts';
import { openDatabase } from '../../../adapters/scheduler/database.ts';
import { dailyPaper } from '../../../src/daily/daily-pick.ts';
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
  const engine = createEngine(papers);
  return {
    store,
    pick: createDailyPicker({ store, engine, planDaily, now: clock.now }),
    /** What a command shows for a date. */
    show: createDailyLookup({ records: store, engine, planDaily }),
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

describe('the paper of a date as commands show it', () => {
  it('is the stored pick of a posted date, and what the picker will pick for the dates ahead, after papers are added', () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const first = pickerOn(dir.path, PAPERS.slice(0, 4));
    const posted = days('2024-06-01', 2).map((d) => first.pick(d).paperId);
    first.store.close();

    const second = pickerOn(dir.path, PAPERS);
    const ahead = days('2024-06-01', 30);
    const shown = ahead.map((d) => second.show(d).id);
    expect(shown.slice(0, 2)).toEqual(posted);
    // The count-based pick of the bigger corpus disagrees on most of these days.
    const stateless = ahead.map((d) => dailyPaper(PAPERS, d).id);
    expect(stateless.filter((id, i) => id !== shown[i]).length).toBeGreaterThan(10);
    expect(ahead.map((d) => second.pick(d).paperId)).toEqual(shown);
  });

  it('writes nothing: a date far ahead leaves the plan and the picks as they were', () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const { store, pick, show } = pickerOn(dir.path, PAPERS);
    pick('2024-06-01');
    const plan = store.loadPlan();
    const tomorrow = show('2024-06-02').id;
    show('2031-01-01');
    show('2020-01-01');
    expect(store.loadPlan()).toEqual(plan);
    expect(store.getPick('2031-01-01')).toBeUndefined();
    expect(pick('2024-06-02').paperId).toBe(tomorrow);
  });

  it('is the stateless pick when nothing was stored, which is where the picker starts', () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const { pick, show } = pickerOn(dir.path, PAPERS);
    const shown = show('2024-06-01').id;
    expect(shown).toBe(dailyPaper(PAPERS, '2024-06-01').id);
    expect(pick('2024-06-01').paperId).toBe(shown);
  });

  it('says the papers are still being read, and follows the engine a corpus reload swaps in', () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const store = createDailyStore(openDatabase(dir.path));
    cleanups.push(() => store.close());
    const holder = createEngineHolder();
    const engine = withDailyLookup(
      holder.engine,
      createDailyLookup({ records: store, engine: holder.engine, planDaily }),
    );
    expect(() => engine.daily('2024-06-01')).toThrow(/still reading the papers/);
    holder.swap(createEngine(PAPERS.slice(0, 3)));
    expect(engine.papers).toHaveLength(3);
    store.putPick('2024-06-01', 'flash', 1);
    expect(engine.daily('2024-06-01').id).not.toBe('flash'); // not in this corpus
    holder.swap(createEngine(PAPERS));
    expect(engine.papers).toHaveLength(PAPERS.length);
    expect(engine.daily('2024-06-01').id).toBe('flash');
    expect(engine.search('attention').total).toBeGreaterThan(0);
  });
});
