import * as core from '@actions/core';
import { reportApiFailure, reportPeriodApiFailure } from './api-failure.ts';
import type { Clock } from './clock.ts';
import { publishComment } from './comment-rules.ts';
import { connectDevin } from './devin/connect.ts';
import { DevinApiError } from './devin/errors.ts';
import { awaitInsights } from './devin/insights.ts';
import { findSessions, type SearchPlan } from './devin/matching.ts';
import {
  type EventContext,
  namesItsPullRequest,
  type PullRequestOrigin,
  pullRequestOrigin,
  skipReason,
} from './event.ts';
import { ExpectedFailure } from './failure.ts';
import { evaluateGate } from './gate.ts';
import { createGitHubClient, type GitHubClient } from './github/client.ts';
import { CommentPublisher } from './github/comment.ts';
import { readState } from './github/comment-state.ts';
import { type CommitStatus, setCommitStatus } from './github/commit-status.ts';
import { currentLabels, resolvePullRequest } from './github/pull-request.ts';
import type { RetryPolicy } from './http/retry-policy.ts';
import { publishOutputs, publishSkipped, publishStepFailure } from './outputs.ts';
import type { PullRequest } from './pull-request.ts';
import { buildReport, type ReportContext } from './report/build.ts';
import { runRepositoryMode } from './repository/load.ts';
import type { ReportedSession } from './session.ts';
import { type InputReader, parseSettings, readInputs, type Settings } from './settings.ts';
import { logText } from './text.ts';
import { applyVerdict, logUncheckedData } from './verdict-log.ts';
import { verdictStatus } from './verdict-status.ts';
import { annotatedWarnings } from './warnings.ts';

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
}

/** The whole flow: settings, pull request, sessions, insights, report, verdict. */
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
      try {
        await runRepositoryMode({
          settings,
          github,
          repo: event.repo,
          serverUrl: dependencies.serverUrl ?? 'https://github.com',
          clock,
          retry: dependencies.retry,
          runUrl: dependencies.runUrl,
          info: core.info,
          warn,
        });
      } catch (error) {
        if (!(error instanceof DevinApiError)) throw error;
        await reportPeriodApiFailure(error, { now: clock.now, runUrl: dependencies.runUrl, settings });
      }
      return;
    }
    const pullRequest = await resolvePullRequest(origin, github, event.repo);
    // The merge queue is the last gate before the merge: it reads and analyses as at the merge.
    const atMerge = pullRequest.merged || origin.kind === 'merge-queue';
    core.info(
      `Pull request ${pullRequest.owner}/${pullRequest.repo}#${pullRequest.number}${pullRequest.merged ? ' (merged)' : ''}${origin.kind === 'merge-queue' ? ' (in the merge queue)' : ''}.`,
    );

    // A merge queue checks the gate; it keeps an existing comment current but writes no new one.
    const mayCreateComment = origin.kind !== 'merge-queue';
    const comment = new CommentPublisher(github, commentTarget(pullRequest), warn, clock);
    if (settings.comment !== 'never') comment.lookUp();
    const setStatus = statusSetter(github, settings, pullRequest, origin, warn);
    const incompleteListings: string[] = [];
    const devin = connectDevin({
      apiUrl: settings.devinApiUrl,
      apiKey: settings.devinApiKey,
      version: settings.devinApiVersion,
      orgId: settings.devinOrgId,
      clock,
      retry: dependencies.retry,
      // Retries are ordinary events of a run: log lines, and a warning only when the call fails for good.
      onRetry: core.info,
      onIncomplete: (message) => {
        warn(message);
        incompleteListings.push(message);
      },
    });
    outputsWritten = true;
    try {
      const earlier =
        settings.search === 'auto' && !atMerge && settings.comment !== 'never'
          ? await earlierFindings(comment)
          : undefined;
      const found = await findSessions(
        devin.api,
        pullRequest,
        { mode: settings.search, atMerge, now: Math.floor(clock.now() / 1000), earlier },
        warn,
      );
      core.info(
        `${devin.description}: ${found.sessions.length} session(s) by ${found.how}: ${found.sessions.map((s) => logText(s.id)).join(', ') || 'none'}.`,
      );
      const context: ReportContext = {
        pullRequest,
        settings,
        canGenerate: devin.api.generate !== undefined,
        runUrl: dependencies.runUrl,
        now: clock.now,
        searchNotes: [...incompleteListings, ...found.notes],
        scannedAt: found.scannedAt,
        listingIncomplete: incompleteListings.length > 0,
      };

      let labels = pullRequest.labels;
      const judge = (sessions: ReportedSession[]) =>
        evaluateGate(
          sessions.map((entry) => entry.session),
          settings.gate,
          labels,
        );
      let waited = false;
      const reported = await awaitInsights(devin.api, found.sessions, {
        generate: settings.generate,
        merged: atMerge,
        waitTimeoutSeconds: settings.waitTimeoutSeconds,
        pollIntervalSeconds: settings.pollIntervalSeconds,
        clock,
        info: core.info,
        warn,
        onProgress: async (sessions) => {
          waited = true;
          const verdict = judge(sessions);
          const published = await publishComment(
            comment,
            buildReport(context, sessions, verdict),
            settings,
            mayCreateComment,
          );
          await setStatus?.(verdictStatus(verdict, settings.gate, sessions.length, published?.url));
        },
      });
      // A label added while the run waited (an override) counts.
      if (waited) labels = await currentLabels(github, pullRequest).catch(() => labels);

      const verdict = judge(reported);
      logUncheckedData(
        reported.map((entry) => entry.session),
        settings.gate,
        verdict,
        warn,
      );
      const report = buildReport(context, reported, verdict);
      const published = await publishComment(comment, report, settings, mayCreateComment);
      await setStatus?.(
        verdictStatus(verdict, settings.gate, reported.length, published?.url ?? dependencies.runUrl),
      );
      await publishOutputs(report, published?.url);
      core.info(`Devin API requests: ${devin.requestCount()}.`);
      applyVerdict(verdict, settings.gate);
    } catch (error) {
      if (!(error instanceof DevinApiError)) throw error;
      await reportApiFailure(error, {
        comment,
        setStatus,
        now: clock.now,
        runUrl: dependencies.runUrl,
        settings,
      });
    } finally {
      await devin.close();
    }
  } catch (error) {
    // An expected failure's message says what to do; only a bug's stack is worth a (debug) log line.
    if (error instanceof Error && !(error instanceof ExpectedFailure) && error.stack) core.debug(error.stack);
    const message = error instanceof Error ? error.message : String(error);
    if (!outputsWritten) await publishStepFailure(message).catch(() => undefined);
    core.setFailed(message);
  }
}

/** What the action's comment recorded: the sessions it reported and when they were last listed. */
async function earlierFindings(comment: CommentPublisher): Promise<SearchPlan['earlier']> {
  // A comment that cannot be read is reported when the run publishes; the search starts afresh meanwhile.
  const existing = await comment.existing().catch(() => undefined);
  const state = existing && readState(existing.body);
  return state && { sessionIds: state.sessions, scannedAt: state.scannedAt };
}

/** Sets the `commit-status` on the commit this run judges; undefined when the input is empty. */
function statusSetter(
  github: GitHubClient,
  settings: Settings,
  pullRequest: PullRequest,
  origin: PullRequestOrigin,
  warn: (message: string) => void,
): ((status: CommitStatus) => Promise<unknown>) | undefined {
  const name = settings.commitStatus;
  if (!name) return undefined;
  const sha = origin.kind === 'merge-queue' ? origin.headSha : pullRequest.headSha;
  if (!sha) {
    warn(
      `commit-status is set, but this ${origin.kind === 'merge-queue' ? 'merge group' : 'pull request'} names no head commit: no status is set.`,
    );
    return undefined;
  }
  const target = { owner: pullRequest.owner, repo: pullRequest.repo, sha };
  return (status) => setCommitStatus(github, name, target, status, warn);
}

function commentTarget(pullRequest: PullRequest) {
  return { owner: pullRequest.owner, repo: pullRequest.repo, issueNumber: pullRequest.number };
}
