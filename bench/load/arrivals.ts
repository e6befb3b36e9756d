/**
 * When a fake server received each call. The fake Discord and fake Slack servers of the wiring
 * tests record calls by pushing them onto a public array; the benchmark wraps that push to
 * stamp each call as it arrives (no polling, so the time is exact to the event loop), and may
 * stop the array from keeping them, so that a long soak does not measure the fake's memory.
 */

/** Is told of every call a fake records, at the moment it records it. */
export type ArrivalListener<C> = (call: C, at: number) => void;

/**
 * Calls `listener` with every call pushed onto `calls` from now on, stamped with
 * `performance.now()`. With `keep: false` the calls are not stored in the array any more.
 */
export function watchArrivals<C>(
  calls: C[],
  listener: ArrivalListener<C>,
  options: { keep: boolean } = { keep: true },
): void {
  const push = calls.push.bind(calls);
  calls.push = (...items: C[]): number => {
    const at = performance.now();
    for (const item of items) listener(item, at);
    return options.keep ? push(...items) : calls.length;
  };
}
