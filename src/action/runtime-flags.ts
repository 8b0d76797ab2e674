import { setFlagsFromString } from 'node:v8';

/**
 * V8 settings for a short run on a 2-core runner, set once the bundle has loaded: set before (as NODE_OPTIONS
 * would), they make Node compile each built-in module loaded afterwards without its code cache.
 */
export function setRuntimeFlags(): void {
  // undici parses HTTP with llhttp compiled to WebAssembly. V8 optimises its hot functions on background
  // threads and, when the process ends, waits for those compilations: some 60 ms on a 2-core runner, more than
  // the optimised parser saves in a run. Optimising its main function also takes 13 MB on that thread, which
  // stay resident once the scan of a long period has got that far. So optimise none: tier up only the function
  // of an index no module has (the tiering budget alone runs out in a long scan).
  setFlagsFromString('--wasm-tier-up-filter=2147483647');
  // A window scan lets each page go once read, so nearly all it allocates dies young, but with 8 pages in
  // flight V8 sees them survive, doubles the young generation and lets the old one grow up to fourfold: a
  // 100,000-session scan peaked at 2.4 times the smallest action's memory. Keep the young generation at its
  // first size and grow the old one by a fifth at a time (1.7 to 1.8 times, and repository mode's 4.3 times
  // down to 2.2; by a half, an organisation's run of 100,000 sessions peaked 10 MB higher). It costs CPU only
  // where the API answers at once (that run: 5 to 10% more at 0 ms a page, nothing at 100 ms).
  setFlagsFromString('--semi-space-growth-factor=1');
  setFlagsFromString('--heap-growing-percent=20');
  // A scan promotes garbage fast (each page's JSON text, and the items it holds while it is read), and marking
  // the old generation takes 30 to 60 ms on a 2-core runner: V8 starts it near the limit and the heap overshoots
  // by 10 to 15 MB before the mark-compact ends. Started halfway there, an organisation's run of 100,000
  // sessions peaked 4.7 MB lower (median of six), for about 5% more CPU at 0 ms a page.
  setFlagsFromString('--incremental-marking-hard-trigger=50');
  // Optimised code is compiled on V8's worker threads, in memory each thread's malloc arena keeps once freed:
  // with inlining, the compilations of a long scan left 11 to 13 MB there, without it 7 to 8 MB. An
  // organisation's run of 100,000 sessions peaked 3.6 MB lower (median of four), for about 3% more CPU.
  setFlagsFromString('--no-turbo-inlining');
  setFlagsFromString('--no-maglev-inlining');
}

/**
 * Asks V8 to favour memory over speed from now on: for a scheduled run once its scan is done. What is left
 * (GitHub's side, the report of tens of thousands of pull requests, its files) waits on GitHub more than it
 * computes, and its objects live to the end of the run, while V8's usual heap growth let garbage pile up over
 * them. With it, a run over 100,000 sessions peaked at 140 MB instead of 149 MB at 0 ms a page (taking 0.5 s
 * more), and at 135 MB instead of 145 MB at 100 ms (0.5 s more of 14 s). Not during the scan: there it cost
 * seconds at 0 ms for about 1 MB less.
 */
export function favourMemory(): void {
  setFlagsFromString('--optimize-for-size');
}
