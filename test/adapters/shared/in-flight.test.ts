import { describe, expect, it } from 'vitest';
import { createInFlight } from '../../../adapters/shared/in-flight.ts';

/** A promise the test settles by hand. */
function deferred<T = void>() {
  let resolve: (value: T) => void = () => undefined;
  let reject: (error: unknown) => void = () => undefined;
  const promise = new Promise<T>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}

describe('the in-flight tracker', () => {
  it('drains at once when nothing is in flight', async () => {
    const inFlight = createInFlight();
    await inFlight.drain();
    expect(inFlight.size).toBe(0);
  });

  it('drains once every tracked reply has settled, rejected ones included', async () => {
    const inFlight = createInFlight();
    const a = deferred();
    const b = deferred();
    inFlight.track(a.promise);
    inFlight.track(b.promise).catch(() => undefined);
    let drained = false;
    const drain = inFlight.drain().then(() => {
      drained = true;
    });
    a.resolve();
    await a.promise;
    expect(drained).toBe(false);
    expect(inFlight.size).toBe(1);
    b.reject(new Error('the platform refused'));
    await drain;
    expect(inFlight.size).toBe(0);
  });

  it('waits for work that starts while it drains', async () => {
    const inFlight = createInFlight();
    const first = deferred();
    const second = deferred();
    inFlight.track(first.promise);
    let drained = false;
    const drain = inFlight.drain().then(() => {
      drained = true;
    });
    inFlight.track(second.promise);
    first.resolve();
    await new Promise((resolve) => setImmediate(resolve));
    expect(drained).toBe(false);
    second.resolve();
    await drain;
    expect(drained).toBe(true);
  });

  it('hands back the promise it was given, so the caller still sees its outcome', async () => {
    const inFlight = createInFlight();
    const work = Promise.resolve(42);
    expect(inFlight.track(work)).toBe(work);
    expect(await work).toBe(42);
  });
});
