/** Waiting for answers without timers in the measured path: polls a condition, then quiet. */

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves once `done()` holds or `deadline` (performance.now()) has passed. */
export async function until(done: () => boolean, deadline: number, everyMs = 10): Promise<void> {
  while (!done() && performance.now() < deadline) await sleep(everyMs);
}

/**
 * Resolves once `count()` has not changed for `quietMs` (or at `deadline`): after the last
 * expected answer, a late second answer would still be counted.
 */
export async function quiet(count: () => number, quietMs: number, deadline: number): Promise<void> {
  let seen = -1;
  let now = count();
  while (seen !== now && performance.now() < deadline) {
    seen = now;
    await sleep(quietMs);
    now = count();
  }
}
