import * as core from '@actions/core';
import { context } from '@actions/github';
import { systemClock } from './clock.ts';
import { run } from './main.ts';

const { GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_RUN_ID } = process.env;

await run({
  readInput: (name) => core.getInput(name),
  context: {
    eventName: context.eventName,
    payload: context.payload as Record<string, unknown>,
    repo: context.repo,
  },
  clock: systemClock,
  runUrl:
    GITHUB_SERVER_URL && GITHUB_REPOSITORY && GITHUB_RUN_ID
      ? `${GITHUB_SERVER_URL}/${GITHUB_REPOSITORY}/actions/runs/${GITHUB_RUN_ID}`
      : undefined,
});
