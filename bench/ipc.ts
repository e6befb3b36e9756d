/**
 * The measuring process's side of the conversation with `bench/run.ts`: the job arrives as the
 * first IPC message (a job with 809 claims is too long for a command-line argument), figures go
 * back as messages, each awaited so that none is lost when the process exits.
 */

/** The first message from the parent. */
export function receiveJob<T>(): Promise<T> {
  return new Promise((resolve, reject) => {
    if (!process.send) {
      reject(new Error('this file is run by bench/run.ts (npm run bench), not on its own'));
      return;
    }
    process.once('message', (job) => resolve(job as T));
  });
}

/** Sends one message to the parent and waits until it is on its way. */
export function send(message: unknown): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) {
      resolve();
      return;
    }
    process.send(message, undefined, {}, () => resolve());
  });
}

/** Reports a failure to the parent (first lines of the stack only) and exits non-zero. */
export async function fail(error: unknown): Promise<never> {
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  await send({ type: 'error', error: text.split('\n').slice(0, 4).join(' | ') });
  process.exit(3);
}
