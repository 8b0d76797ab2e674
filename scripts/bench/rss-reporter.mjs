// Preloaded into the benchmarked process (NODE_OPTIONS=--import): on exit, writes its peak resident set
// size in kilobytes to the file named by BENCH_RSS_FILE. Loaded the same way into the action and the baseline.
import { writeFileSync } from 'node:fs';

const file = process.env.BENCH_RSS_FILE;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
