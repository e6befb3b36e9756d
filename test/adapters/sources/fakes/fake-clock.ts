import { createHostQueue, type HostQueue } from '../../../../adapters/sources/host-queue.ts';

/** A clock that moves only when the code under test sleeps, and remembers every sleep. */
export interface FakeClock {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  sleeps: number[];
  queue: HostQueue;
}

export function fakeClock(start = Date.UTC(2024, 0, 15, 12)): FakeClock {
  let time = start;
  const sleeps: number[] = [];
  const now = () => time;
  const sleep = async (ms: number) => {
    sleeps.push(ms);
    time += ms;
  };
  return { now, sleep, sleeps, queue: createHostQueue({ now, sleep }) };
}
