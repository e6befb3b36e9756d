import { errorNotice, isShammieError, type NoticeView } from '../../../src/index.ts';

/** Runs the core; a user-caused error becomes its notice, anything else propagates. */
export async function runSafely<T extends object>(
  work: () => T | Promise<T>,
): Promise<T | NoticeView> {
  try {
    return await work();
  } catch (error) {
    if (isShammieError(error)) return errorNotice(error);
    throw error;
  }
}
