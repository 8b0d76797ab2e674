import * as core from '@actions/core';
import { systemClock } from './clock.ts';
import { run } from './main.ts';
import { readEventContext } from './runner-context.ts';
import { setRuntimeFlags } from './runtime-flags.ts';

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
});
