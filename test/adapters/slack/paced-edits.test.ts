import { describe, expect, it } from 'vitest';
import { createPacedEdits, EDIT_INTERVAL_MS } from '../../../adapters/slack/ask/paced-edits.ts';

/** A clock that moves only when the code under test waits, and what was sent when. */
function fakeTime(start = 1_000_000) {
  let t = start;
  const sent: Array<{ at: number; message: string }> = [];
  const errors: Array<{ error: unknown; final: boolean }> = [];
  return {
    sent,
    errors,
    now: () => t,
    advance: (ms: number) => {
      t += ms;
    },
    sleep: async (ms: number) => {
      t += ms;
    },
  };
}

function paced(time: ReturnType<typeof fakeTime>, send?: (message: string) => Promise<void>) {
  return createPacedEdits<string>(time.now(), {
    send:
      send ??
      (async (message) => {
        time.sent.push({ at: time.now(), message });
      }),
    onError: (error, final) => time.errors.push({ error, final }),
    now: time.now,
    sleep: time.sleep,
  });
}

const gaps = (sent: Array<{ at: number }>, from: number) =>
  sent.map((s, i) => s.at - (i === 0 ? from : (sent[i - 1]?.at ?? 0)));

describe('paced edits of one message', () => {
  it('waits a second after the post before the first edit, and a second between edits', async () => {
    const time = fakeTime();
    const start = time.now();
    const edits = paced(time);
    edits.show('one');
    await new Promise((r) => setImmediate(r));
    edits.show('two');
    await new Promise((r) => setImmediate(r));
    await edits.finish('final');
    expect(time.sent.map((s) => s.message)).toEqual(['one', 'two', 'final']);
    // A second, the documented pace (Slack allows about 50 edits a minute per workspace).
    expect(EDIT_INTERVAL_MS).toBe(1000);
    for (const gap of gaps(time.sent, start)) expect(gap).toBeGreaterThanOrEqual(1000);
  });

  it('sends only the newest version when several arrive while one waits its turn', async () => {
    const time = fakeTime();
    const edits = paced(time);
    edits.show('a');
    edits.show('b');
    edits.show('c');
    await new Promise((r) => setImmediate(r));
    await edits.finish('final');
    expect(time.sent.map((s) => s.message)).toEqual(['c', 'final']);
  });

  it('never sends a progress version over the final one', async () => {
    const time = fakeTime();
    const edits = paced(time);
    edits.show('progress');
    await edits.finish('final');
    edits.show('late progress');
    await new Promise((r) => setImmediate(r));
    expect(time.sent.map((s) => s.message)).toEqual(['final']);
  });

  it('runs one edit at a time: a slow edit (a 429 waited out) delays the next', async () => {
    const time = fakeTime();
    const start = time.now();
    let open = 0;
    let most = 0;
    let release: () => void = () => undefined;
    const edits = paced(time, async (message) => {
      open++;
      most = Math.max(most, open);
      if (message === 'one') await new Promise<void>((r) => (release = r));
      time.advance(5_000); // the client waiting out Retry-After: 5
      time.sent.push({ at: time.now(), message });
      open--;
    });
    const flush = () => new Promise((r) => setImmediate(r));
    edits.show('one');
    await flush();
    edits.show('two');
    await flush();
    expect(time.sent).toEqual([]);
    release();
    await flush();
    await edits.finish('final');
    expect(most).toBe(1);
    expect(time.sent.map((s) => s.message)).toEqual(['one', 'two', 'final']);
    for (const gap of gaps(time.sent, start)) expect(gap).toBeGreaterThanOrEqual(EDIT_INTERVAL_MS);
  });

  it('skips a failed progress edit, and tries the final one a second time', async () => {
    const time = fakeTime();
    let calls = 0;
    const edits = paced(time, async (message) => {
      calls++;
      if (calls <= 2) throw new Error(`boom ${calls}`);
      time.sent.push({ at: time.now(), message });
    });
    edits.show('progress');
    await new Promise((r) => setImmediate(r));
    await edits.finish('final');
    expect(time.sent.map((s) => s.message)).toEqual(['final']);
    expect(time.errors).toEqual([{ error: new Error('boom 1'), final: false }]);
  });

  it('gives up on the final edit after two failures, and says so', async () => {
    const time = fakeTime();
    const edits = paced(time, async () => {
      throw new Error('message_not_found');
    });
    await edits.finish('final');
    expect(time.errors).toEqual([{ error: new Error('message_not_found'), final: true }]);
  });
});
