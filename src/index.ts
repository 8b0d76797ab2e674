import * as core from '@actions/core';
import { readEventContext } from './action/runner-context.ts';
import { favourMemory, setRuntimeFlags } from './action/runtime-flags.ts';
import { run } from './main.ts';
import { systemClock } from './model/clock.ts';

setRuntimeFlags();

const { GITHUB_API_URL, GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_RUN_ID } = process.env;

await run({
  readInput: (name) => core.getInput(name),
  readContext: readEventContext,
  clock: systemClock,
  githubApiUrl: GITHUB_API_URL || 'https://api.github.com',
  serverUrl: GITHUB_SERVER_URL || undefined,
  runUrl:
    GITHUB_SERVER_URL && GITHUB_REPOSITORY && GITHUB_RUN_ID
      ? `${GITHUB_SERVER_URL}/${GITHUB_REPOSITORY}/actions/runs/${GITHUB_RUN_ID}`
      : undefined,
  onScanned: favourMemory,
});
