/**
 * The window scan in slices over `created_at`, which never changes: a session updated while the window is
 * read stays in its slice, so no slice boundary can make it missed or read twice.
 */

/**
 * Slices read at once. A constant, not an input: 8 hides a 100 ms round trip well enough to read 100,000
 * sessions within seconds, while asking no more of the Devin API than a handful of browser tabs.
 */
export const SCAN_CONCURRENCY = 8;

/** A slice sized below two pages on average costs more in extra short pages than it saves in waiting. */
const MIN_PAGES_PER_SLICE = 2;

export interface CreatedRange {
  created_after?: number;
  created_before?: number;
}

/**
 * How many slices the rest of the window is worth, once its first page is read. Without a total (the
 * documents allow leaving it out) the window may be any size, so it gets the full concurrency.
 */
export function sliceCount(total: number | undefined, pageSize: number): number {
  if (total === undefined) return SCAN_CONCURRENCY;
  const pagesLeft = Math.ceil(total / pageSize) - 1;
  return Math.max(1, Math.min(SCAN_CONCURRENCY, Math.floor(pagesLeft / MIN_PAGES_PER_SLICE)));
}

/**
 * `count` ranges of `created_at` that together hold every session: the first open below, the last open
 * above, the boundaries spread evenly between `from` and `to` (where the window's sessions were created).
 * Neighbours overlap by a second, so that every session is in one whether the API reads the bounds as
 * inclusive or exclusive; a session in both is kept once.
 */
export function createdRanges(from: number, to: number, count: number): CreatedRange[] {
  const span = Math.max(0, to - from);
  const boundaries = [
    ...new Set(
      Array.from({ length: count - 1 }, (_, index) => from + Math.round(((index + 1) * span) / count)),
    ),
  ];
  return [...boundaries, undefined].map((boundary, index) => {
    const previous = boundaries[index - 1];
    return {
      created_after: previous === undefined ? undefined : previous - 1,
      created_before: boundary,
    };
  });
}

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
