import * as core from '@actions/core';
import { reportApiFailure, reportPeriodApiFailure } from './api-failure.ts';
import type { Clock } from './clock.ts';
import { publishComment } from './comment-rules.ts';
import { connectDevin } from './devin/connect.ts';
import { isServiceFailure } from './devin/errors.ts';
import { awaitInsights } from './devin/insights.ts';
import { findSessions } from './devin/matching.ts';
import { type EventContext, namesItsPullRequest, pullRequestOrigin, skipReason } from './event.ts';
import { ExpectedFailure } from './failure.ts';
import { evaluateGate } from './gate.ts';
import { createGitHubClient } from './github/client.ts';
import { CommentPublisher } from './github/comment.ts';
import { resolvePullRequest } from './github/pull-request.ts';
import { publishOutputs, publishSkipped } from './outputs.ts';
import type { PullRequest } from './pull-request.ts';
import { buildReport, type ReportContext } from './report/build.ts';
import { runRepositoryMode } from './repository/load.ts';
import type { ReportedSession } from './session.ts';
import { type InputReader, parseSettings, readInputs } from './settings.ts';
import { applyVerdict, logUncheckedData } from './verdict-log.ts';

export interface Dependencies {
  readInput: InputReader;
  /** The workflow run's event; read inside the run, so that a runner without one fails with a message. */
  readContext: () => EventContext;
  clock: Clock;
  /** GitHub's REST API: https://api.github.com, or a GHES server's `/api/v3`. */
  githubApiUrl: string;
  /** GitHub's web URL: https://github.com, or a GHES server's. */
  serverUrl?: string;
  runUrl?: string;
}

/** The whole flow: settings, pull request, sessions, insights, report, verdict. */
export async function run(dependencies: Dependencies): Promise<void> {
  try {
    const event = dependencies.readContext();
    const inputs = readInputs(dependencies.readInput);
    const apiKey = inputs['devin-api-key'];
    if (apiKey) core.setSecret(apiKey);
    const skip = skipReason(event, apiKey);
    if (skip) {
      core.notice(skip);
      publishSkipped();
      return;
    }
    // pr-number is ignored, and so not validated, where the event names its pull request.
    const settings = parseSettings(namesItsPullRequest(event) ? { ...inputs, 'pr-number': '' } : inputs);

    const origin = pullRequestOrigin(event, settings.prNumber);
    const github = await createGitHubClient(
      settings.githubToken,
      dependencies.githubApiUrl,
      core.warning,
      dependencies.clock,
    );
    if (origin.kind === 'repository') {
      try {
        await runRepositoryMode({
          settings,
          github,
          repo: event.repo,
          serverUrl: dependencies.serverUrl ?? 'https://github.com',
          clock: dependencies.clock,
          runUrl: dependencies.runUrl,
          info: core.info,
          warn: core.warning,
        });
      } catch (error) {
        if (!isServiceFailure(error)) throw error;
        await reportPeriodApiFailure(error, {
          now: dependencies.clock.now,
          runUrl: dependencies.runUrl,
          settings,
        });
      }
      return;
    }
    const pullRequest = await resolvePullRequest(origin, github, event.repo);
    core.info(
      `Pull request ${pullRequest.owner}/${pullRequest.repo}#${pullRequest.number}${pullRequest.merged ? ' (merged)' : ''}${origin.kind === 'merge-queue' ? ' (in the merge queue)' : ''}.`,
    );

    // A merge queue checks the gate; it keeps an existing comment current but writes no new one.
    const mayCreateComment = origin.kind !== 'merge-queue';
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
    const context: ReportContext = {
      pullRequest,
      settings,
      canGenerate: devin.api.generate !== undefined,
      runUrl: dependencies.runUrl,
      now: dependencies.clock.now,
      searchNotes: incompleteListings,
    };
    try {
      const found = await findSessions(devin.api, pullRequest, settings.search, core.warning);
      core.info(
        `${devin.description}: ${found.sessions.length} session(s) by ${found.how}: ${found.sessions.map((s) => s.id).join(', ') || 'none'}.`,
      );

      const judge = (sessions: ReportedSession[]) =>
        evaluateGate(
          sessions.map((entry) => entry.session),
          settings.gate,
          pullRequest.labels,
        );
      const reported = await awaitInsights(devin.api, found.sessions, {
        generate: settings.generate,
        merged: pullRequest.merged,
        waitTimeoutSeconds: settings.waitTimeoutSeconds,
        pollIntervalSeconds: settings.pollIntervalSeconds,
        clock: dependencies.clock,
        info: core.info,
        warn: core.warning,
        onProgress: async (sessions) =>
          void (await publishComment(
            comment,
            buildReport(context, sessions, judge(sessions)),
            settings,
            mayCreateComment,
          )),
      });

      const verdict = judge(reported);
      logUncheckedData(
        reported.map((entry) => entry.session),
        settings.gate,
        verdict,
      );
      const report = buildReport(context, reported, verdict);
      const published = await publishComment(comment, report, settings, mayCreateComment);
      await publishOutputs(report, published?.url);
      core.info(`Devin API requests: ${devin.requestCount()}.`);
      applyVerdict(verdict, settings.gate);
    } catch (error) {
      if (!isServiceFailure(error)) throw error;
      await reportApiFailure(error, { comment, now: context.now, runUrl: context.runUrl, settings });
    } finally {
      await devin.close();
    }
  } catch (error) {
    // An expected failure's message says what to do; only a bug's stack is worth a (debug) log line.
    if (error instanceof Error && !(error instanceof ExpectedFailure) && error.stack) core.debug(error.stack);
    core.setFailed(error instanceof Error ? error.message : String(error));
  }
}

function commentTarget(pullRequest: PullRequest) {
  return { owner: pullRequest.owner, repo: pullRequest.repo, issueNumber: pullRequest.number };
}
