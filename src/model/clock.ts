/** Time as the flow sees it; tests pass a fake one. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * How far the Devin API's clock may be from the runner's and GitHub's: a session's last update may lie this
 * far before a pull request's creation, or after the period's end, and still count.
 */
export const CLOCK_SKEW_SECONDS = 5 * 60;
