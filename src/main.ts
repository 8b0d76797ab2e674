import * as core from '@actions/core';
import type { Clock } from './clock.ts';
import { connectDevin } from './devin/connect.ts';
import { awaitInsights } from './devin/insights.ts';
import { findSessions } from './devin/matching.ts';
import { type EventContext, pullRequestOrigin, withheldSecretsReason } from './event.ts';
import { ExpectedFailure } from './failure.ts';
import { evaluateGate, type Verdict } from './gate.ts';
import { createGitHubClient } from './github/client.ts';
import { COMMENT_LIMIT, COMMENT_MARKER, CommentPublisher } from './github/comment.ts';
import { fetchPullRequest } from './github/pull-request.ts';
import { publishOutputs, publishSkipped } from './outputs.ts';
import type { PullRequest } from './pull-request.ts';
import { buildReport, type ReportContext } from './report/build.ts';
import { fitReport } from './report/fit.ts';
import type { Report } from './report/report.ts';
import { type InputReader, parseSettings, readInputs, type Settings } from './settings.ts';

export interface Dependencies {
  readInput: InputReader;
  context: EventContext;
  clock: Clock;
  /** GitHub's REST API: https://api.github.com, or a GHES server's `/api/v3`. */
  githubApiUrl: string;
  runUrl?: string;
}

/** The whole flow: settings, pull request, sessions, insights, report, verdict. */
export async function run(dependencies: Dependencies): Promise<void> {
  try {
    const inputs = readInputs(dependencies.readInput);
    const apiKey = inputs['devin-api-key'];
    if (apiKey) core.setSecret(apiKey);
    const withheld = apiKey.trim() ? undefined : withheldSecretsReason(dependencies.context);
    if (withheld) {
      core.notice(withheld);
      publishSkipped();
      return;
    }
    const settings = parseSettings(inputs);

    const origin = pullRequestOrigin(dependencies.context, settings.prNumber);
    if (origin.kind === 'skip') {
      core.notice(origin.reason);
      publishSkipped();
      return;
    }
    const github = createGitHubClient(
      settings.githubToken,
      dependencies.githubApiUrl,
      core.warning,
      dependencies.clock,
    );
    const pullRequest =
      origin.kind === 'event'
        ? origin.pullRequest
        : await fetchPullRequest(github, dependencies.context.repo, origin.number);
    core.info(
      `Pull request ${pullRequest.owner}/${pullRequest.repo}#${pullRequest.number}${pullRequest.merged ? ' (merged)' : ''}.`,
    );

    const comment = new CommentPublisher(
      github,
      commentTarget(pullRequest),
      core.warning,
      dependencies.clock,
    );
    if (settings.comment !== 'never') comment.lookUp();
    const incompleteListings: string[] = [];
    const devin = connectDevin({
      apiUrl: settings.devinApiUrl,
      apiKey: settings.devinApiKey,
      version: settings.devinApiVersion,
      orgId: settings.devinOrgId,
      clock: dependencies.clock,
      onRetry: core.warning,
      onIncomplete: (message) => {
        core.warning(message);
        incompleteListings.push(message);
      },
    });
    try {
      const found = await findSessions(devin.api, pullRequest, settings.search, core.warning);
      core.info(
        `${devin.description}: ${found.sessions.length} session(s) by ${found.how}: ${found.sessions.map((s) => s.id).join(', ') || 'none'}.`,
      );

      const context: ReportContext = {
        pullRequest,
        settings,
        canGenerate: devin.api.generate !== undefined,
        runUrl: dependencies.runUrl,
        now: dependencies.clock.now,
        searchNotes: incompleteListings,
      };
      const reported = await awaitInsights(devin.api, found.sessions, {
        generate: settings.generate,
        waitTimeoutSeconds: settings.waitTimeoutSeconds,
        pollIntervalSeconds: settings.pollIntervalSeconds,
        clock: dependencies.clock,
        info: core.info,
        warn: core.warning,
        onProgress: async (sessions) =>
          void (await publishComment(comment, buildReport(context, sessions), settings)),
      });

      const verdict = evaluateGate(
        reported.map((entry) => entry.session),
        settings.gate,
      );
      const report = buildReport(context, reported, verdict);
      const published = await publishComment(comment, report, settings);
      await publishOutputs(report, published?.url);
      core.info(`Devin API requests: ${devin.requestCount()}.`);
      applyVerdict(verdict);
    } finally {
      await devin.close();
    }
  } catch (error) {
    // An expected failure's message says what to do; only a bug's stack is worth a (debug) log line.
    if (error instanceof Error && !(error instanceof ExpectedFailure) && error.stack) core.debug(error.stack);
    core.setFailed(error instanceof Error ? error.message : String(error));
  }
}

/**
 * The comment follows the `comment` input: `always` creates it, `on-failure` creates it only when the gate
 * fails, `never` leaves it alone. An existing comment is always kept current, and a pull request with no
 * session gets a new comment only when that is a gate failure.
 */
async function publishComment(comment: CommentPublisher, report: Report, settings: Settings) {
  if (settings.comment === 'never') return undefined;
  const failed = report.verdict?.outcome === 'fail' || report.verdict?.outcome === 'warn';
  // A note (an incomplete scan, say) is worth a comment even when no session was found.
  const worthSaying = report.sessions.length > 0 || report.notes.length > 0;
  const create = settings.comment === 'always' ? worthSaying || failed : failed;
  const markdown = fitReport(report, COMMENT_LIMIT - COMMENT_MARKER.length - 1, 'the job summary').markdown;
  return comment.publish(markdown, { create });
}

function applyVerdict(verdict: Verdict): void {
  const reasons = verdict.reasons.join('; ');
  if (verdict.outcome === 'fail') core.setFailed(`Devin session insights gate failed: ${reasons}.`);
  else if (verdict.outcome === 'warn')
    core.warning(`Devin session insights gate failed (warn-only): ${reasons}.`);
  else core.info('Devin session insights gate passed.');
}

function commentTarget(pullRequest: PullRequest) {
  return { owner: pullRequest.owner, repo: pullRequest.repo, issueNumber: pullRequest.number };
}
