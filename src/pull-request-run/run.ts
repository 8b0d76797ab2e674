import * as core from '@actions/core';
import { reportApiFailure } from '../action/api-failure.ts';
import type { PullRequestOrigin } from '../action/event.ts';
import { publishOutputs } from '../action/outputs.ts';
import { devinAccess, type Settings } from '../action/settings.ts';
import { buildPullRequestReport, type PullRequestReportContext } from '../comment/build.ts';
import { connectDevin } from '../devin/connect.ts';
import { DevinApiError } from '../devin/errors.ts';
import { awaitInsights } from '../devin/insights.ts';
import { findSessions, type SearchPlan } from '../devin/matching.ts';
import type { GitHubClient } from '../github/client.ts';
import { CommentPublisher } from '../github/comment.ts';
import { readState } from '../github/comment-state.ts';
import { type CommitStatus, setCommitStatus } from '../github/commit-status.ts';
import { currentLabels, resolvePullRequest } from '../github/read-pull-request.ts';
import { verdictStatus } from '../github/verdict-status.ts';
import type { RetryPolicy } from '../http/retry-policy.ts';
import type { Clock } from '../model/clock.ts';
import { evaluateGate } from '../model/gate.ts';
import type { PullRequest } from '../model/pull-request.ts';
import type { ReportedSession } from '../model/session.ts';
import { logText } from '../model/text.ts';
import { publishComment } from './publish-comment.ts';
import { applyVerdict, logUncheckedData } from './verdict-log.ts';

export interface PullRequestRun {
  settings: Settings;
  origin: Exclude<PullRequestOrigin, { kind: 'repository' }>;
  github: GitHubClient;
  /** The repository the workflow runs in. */
  repo: { owner: string; repo: string };
  clock: Clock;
  retry?: Partial<RetryPolicy>;
  runUrl?: string;
  warn: (message: string) => void;
  /** Called once the run writes the outputs itself, whatever happens next. */
  claimOutputs: () => void;
}

/** Find the pull request's sessions, await their insights, judge them, and publish the comment, status and outputs. */
export async function runPullRequest(run: PullRequestRun): Promise<void> {
  const { settings, origin, github, repo, clock, retry, runUrl, warn, claimOutputs } = run;
  const pullRequest = await resolvePullRequest(origin, github, repo);
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
    ...devinAccess(settings),
    clock,
    retry,
    // Retries are ordinary events of a run: log lines, and a warning only when the call fails for good.
    onRetry: core.info,
    onIncomplete: (message) => {
      warn(message);
      incompleteListings.push(message);
    },
  });
  claimOutputs();
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
    const context: PullRequestReportContext = {
      pullRequest,
      settings,
      canGenerate: devin.api.generate !== undefined,
      runUrl: runUrl,
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
          buildPullRequestReport(context, sessions, verdict),
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
    const report = buildPullRequestReport(context, reported, verdict);
    const published = await publishComment(comment, report, settings, mayCreateComment);
    await setStatus?.(verdictStatus(verdict, settings.gate, reported.length, published?.url ?? runUrl));
    await publishOutputs(report, published?.url);
    core.info(`Devin API requests: ${devin.requestCount()}.`);
    applyVerdict(verdict, settings.gate);
  } catch (error) {
    if (!(error instanceof DevinApiError)) throw error;
    await reportApiFailure(error, {
      comment,
      setStatus,
      now: clock.now,
      runUrl: runUrl,
      settings,
    });
  } finally {
    await devin.close();
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
