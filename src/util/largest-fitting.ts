/**
 * The result for the largest count below `tooMany` that `attempt` accepts, by binary search (whatever fits
 * with a count also fits with fewer); undefined when not even 0 fits. `tooMany` itself is known not to fit.
 */
export function largestFitting<T>(tooMany: number, attempt: (count: number) => T | undefined): T | undefined {
  let best = attempt(0);
  if (best === undefined) return undefined;
  let low = 0;
  let high = tooMany;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    const fitted = attempt(middle);
    if (fitted) {
      best = fitted;
      low = middle;
    } else {
      high = middle;
    }
  }
  return best;
}

/** The levels of detail of a fitting ladder: none left out (`{}`), then each step added to the level before. */
export function cumulative<T extends object>(steps: readonly Partial<T>[]): Partial<T>[] {
  const levels: Partial<T>[] = [{}];
  for (const step of steps) levels.push({ ...levels[levels.length - 1], ...step });
  return levels;
}
