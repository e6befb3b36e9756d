import { describe, expect, it } from 'vitest';
import { fakeClock } from './fakes/fake-clock.ts';

describe('the per-host queue', () => {
  it('runs one request at a time per host, spaced after the previous one finished', async () => {
    const clock = fakeClock();
    const log: string[] = [];
    let running = 0;
    const task = (name: string) => async () => {
      running++;
      expect(running).toBe(1);
      log.push(`${name}@${clock.now()}`);
      await clock.sleep(100); // the request itself takes 100 ms
      running--;
      return name;
    };
    const start = clock.now();
    const results = await Promise.all([
      clock.queue.run('arxiv', 3_000, task('a')),
      clock.queue.run('arxiv', 3_000, task('b')),
      clock.queue.run('arxiv', 3_000, task('c')),
    ]);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(log).toEqual([`a@${start}`, `b@${start + 3_100}`, `c@${start + 6_200}`]);
  });

  it('keeps hosts independent', async () => {
    const clock = fakeClock();
    await clock.queue.run('arxiv', 3_000, async () => undefined);
    const before = clock.now();
    await clock.queue.run('crossref', 0, async () => undefined);
    expect(clock.now()).toBe(before);
  });

  it('holds every caller of a host until the time a service named', async () => {
    const clock = fakeClock();
    clock.queue.holdUntil('arxiv', clock.now() + 10_000);
    const started: number[] = [];
    const begin = clock.now();
    await Promise.all([
      clock.queue.run('arxiv', 0, async () => started.push(clock.now())),
      clock.queue.run('arxiv', 0, async () => started.push(clock.now())),
    ]);
    expect(started).toEqual([begin + 10_000, begin + 10_000]);
  });

  it('goes on after a failed task', async () => {
    const clock = fakeClock();
    await expect(
      clock.queue.run('arxiv', 10, async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await expect(clock.queue.run('arxiv', 10, async () => 'next')).resolves.toBe('next');
  });
});
