import type { Engine } from '../../src/index.ts';

/** A clock the test moves by hand (epoch ms). */
export function manualClock(start = Date.UTC(2026, 4, 1, 9)) {
  let time = start;
  return {
    now: () => time,
    advance(ms: number) {
      time += ms;
    },
  };
}

/**
 * A clock that moves only when something waits on it: `sleep(ms)` advances it by `ms` and
 * resolves at once. What is paced by it can be checked exactly, and takes no real time.
 */
export function sleepingClock(start?: number) {
  const clock = manualClock(start);
  return {
    now: clock.now,
    sleep: async (ms: number) => {
      clock.advance(ms);
    },
  };
}

/**
 * The real engine, counting the calls that do work, so a test can show that a refused
 * request never reached the core.
 */
export function countingEngine(engine: Engine): {
  engine: Engine;
  calls: { search: number; suggest: number; resolve: number };
} {
  const calls = { search: 0, suggest: 0, resolve: 0 };
  const counted = new Proxy(engine, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (
        typeof value === 'function' &&
        (property === 'search' || property === 'suggest' || property === 'resolve')
      ) {
        return (...args: unknown[]) => {
          calls[property] += 1;
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      return value;
    },
  });
  return { engine: counted, calls };
}

/**
 * Collects unhandled promise rejections while a suite runs: the process must never have one,
 * whatever the platform's API does.
 */
export function watchUnhandledRejections(): { reasons: unknown[]; stop(): void } {
  const reasons: unknown[] = [];
  const listener = (reason: unknown) => {
    reasons.push(reason);
  };
  process.on('unhandledRejection', listener);
  return {
    reasons,
    stop: () => {
      process.off('unhandledRejection', listener);
    },
  };
}
