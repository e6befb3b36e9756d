import type { SignalSource } from './cli-context.ts';

/** The reason an interrupted command's work was aborted with. */
export class InterruptedError extends Error {
  override readonly name = 'InterruptedError';
  constructor() {
    super('interrupted');
  }
}

/** True for the reason {@link watchInterrupt} aborts with. */
export function isInterrupted(error: unknown): error is InterruptedError {
  return error instanceof InterruptedError;
}

/**
 * Listens for one Ctrl-C while a long command runs. `signal` aborts at Ctrl-C (pass it to the
 * work, so a request under way is cancelled); `race` settles at once then, rejecting with an
 * InterruptedError, even when the work is still waiting for its turn in a queue. The listener
 * is taken off by `dispose`, so a second Ctrl-C after it kills the process as usual.
 */
export function watchInterrupt(signals: SignalSource) {
  const controller = new AbortController();
  const onInterrupt = () => controller.abort(new InterruptedError());
  signals.once('SIGINT', onInterrupt);
  const interrupted = new Promise<never>((_, reject) => {
    controller.signal.addEventListener('abort', () => reject(controller.signal.reason), {
      once: true,
    });
  });
  // Nobody waits on it when the work finished first.
  interrupted.catch(() => undefined);
  return {
    signal: controller.signal,
    race: <T>(work: Promise<T>): Promise<T> => Promise.race([work, interrupted]),
    dispose: (): void => {
      signals.off('SIGINT', onInterrupt);
    },
  };
}
