import * as core from '@actions/core';
import { type EventContext, namesItsPullRequest, pullRequestOrigin, skipReason } from './action/event.ts';
import { publishSkipped, publishStepFailure } from './action/outputs.ts';
import { type InputReader, parseSettings, readInputs } from './action/settings.ts';
import { annotatedWarnings } from './action/warnings.ts';
import { createGitHubClient } from './github/client.ts';
import type { RetryPolicy } from './http/retry-policy.ts';
import type { Clock } from './model/clock.ts';
import { ExpectedFailure } from './model/expected-failure.ts';
import { runPullRequest } from './pull-request-run/run.ts';
import { runRepositoryMode } from './repository-run/load.ts';

export interface Dependencies {
  readInput: InputReader;
  /** The workflow run's event; read inside the run, so that a runner without one fails with a message. */
  readContext: () => EventContext;
  clock: Clock;
  /** Changes to the retry policy of both APIs, such as a shorter time for each attempt (tests). */
  retry?: Partial<RetryPolicy>;
  /** GitHub's REST API: https://api.github.com, or a GHES server's `/api/v3`. */
  githubApiUrl: string;
  /** GitHub's web URL: https://github.com, or a GHES server's. */
  serverUrl?: string;
  runUrl?: string;
  /** Called once a scheduled run has read its period: what follows may favour memory over speed. */
  onScanned?: () => void;
}

/** The mode switch: settings and event, then the pull request run or the repository run. */
export async function run(dependencies: Dependencies): Promise<void> {
  const warn = annotatedWarnings();
  const { clock } = dependencies;
  let outputsWritten = false;
  try {
    const event = dependencies.readContext();
    const inputs = readInputs(dependencies.readInput);
    const apiKey = inputs['devin-api-key'];
    if (apiKey) core.setSecret(apiKey);
    const skip = skipReason(event, apiKey);
    if (skip) {
      core.notice(skip);
      outputsWritten = true;
      publishSkipped();
      return;
    }
    // pr-number is ignored, and so not validated, where the event names its pull request.
    const settings = parseSettings(namesItsPullRequest(event) ? { ...inputs, 'pr-number': '' } : inputs);

    const origin = pullRequestOrigin(event, settings.prNumber);
    const github = await createGitHubClient(
      settings.githubToken,
      dependencies.githubApiUrl,
      warn,
      clock,
      dependencies.retry,
    );
    if (origin.kind === 'repository') {
      outputsWritten = true;
      await runRepositoryMode({
        settings,
        github,
        repo: event.repo,
        serverUrl: dependencies.serverUrl ?? 'https://github.com',
        clock,
        retry: dependencies.retry,
        runUrl: dependencies.runUrl,
        onScanned: dependencies.onScanned,
        info: core.info,
        warn,
      });
      return;
    }
    await runPullRequest({
      settings,
      origin,
      github,
      repo: event.repo,
      clock,
      retry: dependencies.retry,
      runUrl: dependencies.runUrl,
      warn,
      claimOutputs: () => {
        outputsWritten = true;
      },
    });
  } catch (error) {
    // An expected failure's message says what to do; only a bug's stack is worth a (debug) log line.
    if (error instanceof Error && !(error instanceof ExpectedFailure) && error.stack) core.debug(error.stack);
    const message = error instanceof Error ? error.message : String(error);
    if (!outputsWritten) await publishStepFailure(message).catch(() => undefined);
    core.setFailed(message);
  }
}
