import { describe, expect, it } from 'vitest';
import { createPacedEdits } from '../../../adapters/discord/paced-edits.ts';

/** A clock that only moves when the pacer sleeps, and a log of when each edit was made. */
function virtualTime() {
  let time = 1_000_000;
  const made: Array<{ what: string; at: number }> = [];
  return {
    now: () => time,
    sleep: async (ms: number) => {
      time += ms;
    },
    advance(ms: number) {
      time += ms;
    },
    edit: (what: string) => async () => {
      made.push({ what, at: time });
      return what;
    },
    made,
  };
}

/** Lets every pending promise step run (the virtual sleeps resolve at once). */
const settle = () => new Promise((resolve) => setImmediate(resolve));

const gaps = (made: Array<{ at: number }>) =>
  made.slice(1).map((m, i) => m.at - (made[i]?.at ?? 0));

describe('paced edits', () => {
  it('makes the first edit at once and the next no sooner than the interval', async () => {
    const t = virtualTime();
    const edits = createPacedEdits({ intervalMs: 1000, now: t.now, sleep: t.sleep });
    edits.show(t.edit('a'));
    await settle();
    edits.show(t.edit('b'));
    await settle();
    const last = await edits.finish(t.edit('final'));
    expect(last).toBe('final');
    expect(t.made.map((m) => m.what)).toEqual(['a', 'b', 'final']);
    expect(gaps(t.made)).toEqual([1000, 1000]);
  });

  it('shows only the newest of the progress that came while it waited', async () => {
    const t = virtualTime();
    const edits = createPacedEdits({ intervalMs: 1000, now: t.now, sleep: t.sleep });
    edits.show(t.edit('a'));
    await settle();
    for (const what of ['b', 'c', 'd']) edits.show(t.edit(what));
    await settle();
    await edits.finish(t.edit('final'));
    expect(t.made.map((m) => m.what)).toEqual(['a', 'd', 'final']);
  });

  it('drops progress not shown yet when the answer is ready', async () => {
    const t = virtualTime();
    const edits = createPacedEdits({ intervalMs: 1000, now: t.now, sleep: t.sleep });
    edits.show(t.edit('a'));
    await settle();
    edits.show(t.edit('b'));
    await edits.finish(t.edit('final'));
    expect(t.made.map((m) => m.what)).toEqual(['a', 'final']);
    expect(gaps(t.made)).toEqual([1000]);
  });

  it('makes the last edit at once when the previous one is long past', async () => {
    const t = virtualTime();
    const edits = createPacedEdits({ intervalMs: 1000, now: t.now, sleep: t.sleep });
    edits.show(t.edit('a'));
    await settle();
    t.advance(5000);
    await edits.finish(t.edit('final'));
    expect(gaps(t.made)).toEqual([5000]);
  });

  it('ignores progress after the last edit', async () => {
    const t = virtualTime();
    const edits = createPacedEdits({ intervalMs: 1000, now: t.now, sleep: t.sleep });
    await edits.finish(t.edit('final'));
    edits.show(t.edit('late'));
    await settle();
    expect(t.made.map((m) => m.what)).toEqual(['final']);
  });

  it('reports a failed progress edit and still makes the last one', async () => {
    const t = virtualTime();
    const errors: unknown[] = [];
    const edits = createPacedEdits({
      intervalMs: 1000,
      now: t.now,
      sleep: t.sleep,
      onError: (error) => errors.push(error),
    });
    edits.show(async () => {
      throw new Error('edit refused');
    });
    await settle();
    await expect(edits.finish(t.edit('final'))).resolves.toBe('final');
    expect(errors).toHaveLength(1);
  });
});
