import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { civilFromDays, parseCalendarDate } from '../../src/daily/calendar-date.ts';
import { DAILY_EPOCH, type DailyPlan, dailyPaper, planDaily } from '../../src/daily/daily-pick.ts';
import { ShammieError } from '../../src/errors.ts';
import type { Paper } from '../../src/types.ts';

const paper = (id: string): Paper => ({
  id,
  title: `Paper ${id}`,
  abstract: `About ${id}.`,
  authors: [],
});
const corpus = (n: number, prefix = 'p'): Paper[] =>
  Array.from({ length: n }, (_, i) => paper(`${prefix}${String(i).padStart(3, '0')}`));
const addDays = (date: string, days: number): string =>
  civilFromDays(parseCalendarDate(date) + days);

/** The ids picked on `days` consecutive dates from `start`, each call passing back the last plan. */
function walk(
  papersOn: (date: string) => readonly Paper[],
  start: string,
  days: number,
  plan?: DailyPlan,
): { ids: string[]; plans: DailyPlan[] } {
  const ids: string[] = [];
  const plans: DailyPlan[] = [];
  let previous = plan;
  for (let i = 0; i < days; i++) {
    const date = addDays(start, i);
    const pick = planDaily(papersOn(date), date, previous);
    ids.push(pick.paper.id);
    plans.push(pick.plan);
    previous = pick.plan;
  }
  return { ids, plans };
}

describe('dailyPaper (stateless)', () => {
  const papers = corpus(7);

  it('shows every paper once in each cycle of N days', () => {
    const { plan } = planDaily(papers, '2024-06-01');
    for (let cycle = 0; cycle < 4; cycle++) {
      const start = addDays(plan.start, cycle * papers.length);
      const ids = Array.from(
        { length: papers.length },
        (_, i) => dailyPaper(papers, addDays(start, i)).id,
      );
      expect(new Set(ids).size).toBe(papers.length);
    }
  });

  it('starts cycles every N days from the epoch', () => {
    expect(planDaily(papers, DAILY_EPOCH).plan.start).toBe(DAILY_EPOCH);
    expect(planDaily(papers, addDays(DAILY_EPOCH, 6)).plan.start).toBe(DAILY_EPOCH);
    expect(planDaily(papers, addDays(DAILY_EPOCH, 7)).plan.start).toBe(addDays(DAILY_EPOCH, 7));
    expect(planDaily(papers, addDays(DAILY_EPOCH, -1)).plan.start).toBe(addDays(DAILY_EPOCH, -7));
  });

  it('gives the same paper for the same date, whatever the order of the corpus', () => {
    const reversed = [...papers].reverse();
    for (let i = 0; i < 30; i++) {
      const date = addDays('2025-01-01', i);
      expect(dailyPaper(papers, date)).toBe(dailyPaper(papers, date));
      expect(dailyPaper(reversed, date).id).toBe(dailyPaper(papers, date).id);
    }
  });

  it('changes the order from one cycle to the next', () => {
    const orders = [0, 1, 2, 3].map((cycle) =>
      planDaily(papers, addDays(DAILY_EPOCH, cycle * 7)).plan.ids.join(),
    );
    expect(new Set(orders).size).toBeGreaterThan(1);
  });

  it('never shows the same paper on two days running, across cycle boundaries too', () => {
    for (const n of [2, 3, 5, 10]) {
      const small = corpus(n);
      const ids = Array.from(
        { length: n * 12 },
        (_, i) => dailyPaper(small, addDays('2023-11-20', i)).id,
      );
      for (let i = 1; i < ids.length; i++) expect(ids[i]).not.toBe(ids[i - 1]);
    }
  });

  it('always shows the only paper of a one-paper corpus', () => {
    expect(dailyPaper([paper('solo')], '2031-07-04').id).toBe('solo');
  });

  it('answers for dates far in the past and the future', () => {
    for (const date of ['1970-01-01', '1900-03-01', '2100-12-31', '9999-12-31', '0001-01-01']) {
      const { paper: picked, plan } = planDaily(papers, date);
      expect(papers).toContain(picked);
      const offset = parseCalendarDate(date) - parseCalendarDate(plan.start);
      expect(offset).toBeGreaterThanOrEqual(0);
      expect(offset).toBeLessThan(papers.length);
      expect(plan.ids[offset]).toBe(picked.id);
    }
  });

  it('refuses an invalid date with BAD_DATE', () => {
    for (const date of ['2024-02-30', 'tomorrow', '']) {
      expect(() => dailyPaper(papers, date)).toThrow(ShammieError);
      try {
        dailyPaper(papers, date);
      } catch (error) {
        expect(error).toMatchObject({ code: 'BAD_DATE' });
      }
    }
  });

  it('refuses an empty corpus with EMPTY_CORPUS', () => {
    expect(() => dailyPaper([], '2024-03-15')).toThrow(
      expect.objectContaining({ code: 'EMPTY_CORPUS' }),
    );
  });

  it('counts a paper listed twice once', () => {
    const twice = [...papers, papers[0]!];
    const { plan } = planDaily(twice, '2024-03-15');
    expect(plan.ids).toHaveLength(papers.length);
  });

  it('gives a paper of the corpus for any date (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: -30_000, max: 80_000 }),
        (n, day) => {
          const some = corpus(n);
          expect(some).toContain(dailyPaper(some, civilFromDays(day)));
        },
      ),
    );
  });

  it('covers all N papers in the N days of any cycle (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: -30_000, max: 80_000 }),
        (n, day) => {
          const some = corpus(n);
          const { plan } = planDaily(some, civilFromDays(day));
          const ids = Array.from(
            { length: n },
            (_, i) => dailyPaper(some, addDays(plan.start, i)).id,
          );
          expect(new Set(ids)).toEqual(new Set(some.map((p) => p.id)));
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('planDaily (with the previous plan)', () => {
  const papers = corpus(10);

  it('returns a plan that survives JSON and agrees with the stateless schedule while the corpus stays the same', () => {
    const start = '2024-02-10';
    const stateless = Array.from(
      { length: 35 },
      (_, i) => dailyPaper(papers, addDays(start, i)).id,
    );
    let previous: DailyPlan | undefined;
    const stateful: string[] = [];
    for (let i = 0; i < 35; i++) {
      const pick = planDaily(papers, addDays(start, i), previous);
      stateful.push(pick.paper.id);
      previous = JSON.parse(JSON.stringify(pick.plan)) as DailyPlan;
    }
    expect(stateful).toEqual(stateless);
  });

  it('keeps the rest of the current cycle when papers are added, and shows them in the next one', () => {
    const { plan } = planDaily(papers, '2024-05-01');
    const cycleEnd = addDays(plan.start, papers.length);
    const midCycle = addDays(plan.start, 4);
    const before = walk(() => papers, midCycle, papers.length - 4, plan).ids;

    const added = [...papers, paper('new-a'), paper('new-b'), paper('new-c')];
    const day3 = planDaily(papers, addDays(plan.start, 3), plan).plan;
    const after = walk(
      (date) => (date >= midCycle ? added : papers),
      midCycle,
      papers.length - 4 + added.length,
      day3,
    );

    // The remaining days of the current cycle are unchanged...
    expect(after.ids.slice(0, papers.length - 4)).toEqual(before);
    expect(after.ids.slice(0, papers.length - 4)).not.toContain('new-a');
    // ...and the next cycle, from cycleEnd, shows all 13 papers once each.
    const next = after.ids.slice(papers.length - 4);
    expect(next).toHaveLength(added.length);
    expect(new Set(next)).toEqual(new Set(added.map((p) => p.id)));
    expect(after.plans.at(-1)!.start).toBe(cycleEnd);
  });

  it('skips a removed paper and moves the rest of the cycle up a day', () => {
    const { plan } = planDaily(papers, '2024-05-01');
    const removedId = plan.ids[6]!;
    const without = papers.filter((p) => p.id !== removedId);
    const day2 = planDaily(papers, addDays(plan.start, 2), plan).plan;
    const rest = walk(() => without, addDays(plan.start, 3), 6, day2);

    expect(rest.ids).not.toContain(removedId);
    expect(rest.ids).toEqual([...plan.ids.slice(3, 6), ...plan.ids.slice(7)]);
    // The cycle ends a day early; the next one shows the nine remaining papers.
    const next = walk(() => without, addDays(plan.start, 9), without.length, rest.plans.at(-1));
    expect(new Set(next.ids)).toEqual(new Set(without.map((p) => p.id)));
  });

  it('starts the next cycle today when every paper left in the plan is gone', () => {
    const { plan } = planDaily(papers, '2024-05-01');
    const others = corpus(4, 'q');
    const pick = planDaily(others, addDays(plan.start, 5), plan);
    expect(others).toContain(pick.paper);
    expect(pick.plan.start).toBe(addDays(plan.start, 5));
    expect(new Set(pick.plan.ids)).toEqual(new Set(others.map((p) => p.id)));
  });

  it('jumps over years of missed cycles without walking them', () => {
    const { plan } = planDaily(papers, '2024-05-01');
    const grown = [...papers, paper('late')];
    const pick = planDaily(grown, '2100-01-01', plan);
    expect(grown).toContain(pick.paper);
    const offset = parseCalendarDate('2100-01-01') - parseCalendarDate(pick.plan.start);
    expect(offset).toBeGreaterThanOrEqual(0);
    expect(offset).toBeLessThan(grown.length);
    expect(pick.plan.ids).toHaveLength(grown.length);
    expect(pick.plan.ids[offset]).toBe(pick.paper.id);
  });

  it('answers dates before the plan statelessly and keeps the plan', () => {
    const { plan } = planDaily(papers, '2024-05-01');
    const pick = planDaily(papers, '2023-01-01', plan);
    expect(pick.plan).toBe(plan);
    expect(pick.paper).toBe(dailyPaper(papers, '2023-01-01'));
  });

  it('ignores a stored plan it cannot use', () => {
    const date = '2024-05-07';
    const expected = dailyPaper(papers, date);
    const garbage: unknown[] = [
      null,
      'plan',
      { version: 2, cycle: 0, start: '2024-05-01', ids: ['p000'] },
      { version: 1, cycle: 0, start: '2024-02-30', ids: ['p000'] },
      { version: 1, cycle: 0, start: '2024-05-01', ids: [] },
      { version: 1, cycle: 0, start: '2024-05-01', ids: ['p000', 'p000'] },
      { version: 1, cycle: 0.5, start: '2024-05-01', ids: ['p000'] },
    ];
    for (const previous of garbage) {
      expect(planDaily(papers, date, previous as DailyPlan).paper).toBe(expected);
    }
  });

  it('never repeats a paper within a cycle and never shows a removed one, as papers come and go (property)', () => {
    const op = fc.record({ day: fc.integer({ min: 0, max: 59 }), add: fc.boolean() });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 8 }), fc.integer({ min: 3, max: 8 }), (ops, n) => {
        let current = corpus(n);
        let nextNew = 0;
        let previous: DailyPlan | undefined;
        const seen = new Map<number, Set<string>>();
        for (let day = 0; day < 60; day++) {
          for (const change of ops.filter((o) => o.day === day)) {
            if (change.add) current = [...current, paper(`n${nextNew++}`)];
            else if (current.length > 1) current = current.slice(1);
          }
          const date = addDays('2024-01-01', day);
          const pick = planDaily(current, date, previous);
          expect(current).toContain(pick.paper);
          const inCycle = seen.get(pick.plan.cycle) ?? new Set<string>();
          expect(inCycle.has(pick.paper.id)).toBe(false);
          inCycle.add(pick.paper.id);
          seen.set(pick.plan.cycle, inCycle);
          previous = pick.plan;
        }
      }),
      { numRuns: 60 },
    );
  });
});
