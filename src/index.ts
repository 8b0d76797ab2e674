import { setFlagsFromString } from 'node:v8';
import * as core from '@actions/core';
import { systemClock } from './clock.ts';
import { run } from './main.ts';
import { readEventContext } from './runner-context.ts';

// undici parses HTTP with llhttp compiled to WebAssembly. V8 optimises its hot functions on background threads
// and, when the process ends, waits for those compilations: some 60 ms on a 2-core runner, more than the
// optimised parser saves in a run. Keep it on the baseline compiler (read at the first request).
setFlagsFromString('--wasm-tiering-budget=2000000000');

const { GITHUB_API_URL, GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_RUN_ID } = process.env;

await run({
  readInput: (name) => core.getInput(name),
  context: readEventContext(),
  clock: systemClock,
  githubApiUrl: GITHUB_API_URL || 'https://api.github.com',
  serverUrl: GITHUB_SERVER_URL || undefined,
  runUrl:
    GITHUB_SERVER_URL && GITHUB_REPOSITORY && GITHUB_RUN_ID
      ? `${GITHUB_SERVER_URL}/${GITHUB_REPOSITORY}/actions/runs/${GITHUB_RUN_ID}`
      : undefined,
});
