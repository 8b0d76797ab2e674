/** Running many requests to one API, a few at a time. */

/**
 * Requests to one API in flight at once, for work that fans out (the slices of a window scan, the analyses
 * asked for). A constant, not an input: 8 hides a 100 ms round trip well enough to read 100,000 sessions
 * within seconds, while asking no more of the API than a handful of browser tabs.
 */
export const API_CONCURRENCY = 8;

/**
 * Runs the tasks at most `limit` at a time. After a failure no new task starts and `stopped()` tells the
 * running ones to end; the first failure is thrown once they have, so nothing reads in the background.
 */
export async function runConcurrently(
  tasks: ((stopped: () => boolean) => Promise<void>)[],
  limit: number,
): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const stopped = () => failure !== undefined;
  const worker = async () => {
    while (failure === undefined && next < tasks.length) {
      const task = tasks[next++];
      try {
        await task?.(stopped);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  if (failure) throw failure.error;
}

/** `Promise.allSettled` over the items, at most `limit` at a time: a failure stops nothing. */
export async function settleConcurrently<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<R>,
): Promise<PromiseSettledResult<R>[]> {
  const results: PromiseSettledResult<R>[] = [];
  await runConcurrently(
    items.map((item, index) => async () => {
      results[index] = await task(item).then(
        (value): PromiseSettledResult<R> => ({ status: 'fulfilled', value }),
        (reason: unknown): PromiseSettledResult<R> => ({ status: 'rejected', reason }),
      );
    }),
    limit,
  );
  return results;
}
