import type { Settings } from '../action/settings.ts';
import { buildPullRequestReport } from '../comment/build.ts';
import type { DevinApi } from '../devin/api.ts';
import { DevinApiError } from '../devin/errors.ts';
import { awaitInsights } from '../devin/insights.ts';
import { type GitHubClient, statusOf } from '../github/client.ts';
import { CommentPublisher } from '../github/comment.ts';
import { commentMarkdown } from '../github/comment-body.ts';
import { readState } from '../github/comment-state.ts';
import { setCommitStatus } from '../github/commit-status.ts';
import { badCredentials } from '../github/credentials.ts';
import { verdictStatus } from '../github/verdict-status.ts';
import type { Clock } from '../model/clock.ts';
import { evaluateGate } from '../model/gate.ts';
import { normalizePullRequestUrl, type PullRequest } from '../model/pull-request.ts';
import type { Session } from '../model/session.ts';
import { countOf, logText } from '../model/text.ts';
import { runConcurrently } from '../util/concurrency.ts';
import { type FinishedComments, type PullRequestRef, waitingComments } from './comment-outcome.ts';

/** An action comment that waits for an analysis, with the sessions it is to report. */
export interface PendingComment {
  pullRequest: PullRequest;
  comment: CommentPublisher;
  /** Ids of the sessions the comment reports, and of those the period's scan found since. */
  sessionIds: Set<string>;
  /** When the pull request's own runs last listed its sessions, kept for their next run. */
  scannedAt?: number;
}

/** Comments looked up at once: enough to overlap the requests, few enough to stay clear of rate limits. */
const LOOKUPS_AT_ONCE = 4;

/**
 * The action's comments among these open pull requests that were written while some of their sessions had no
 * analysis. A comment GitHub does not let the run read is named in a warning and left alone.
 */
export async function findPendingComments(input: {
  github: GitHubClient;
  /** The open pull requests the period's sessions name. */
  open: readonly PullRequest[];
  /** The ids of the sessions that name the pull request of this number. */
  sessionIdsOf: (number: number) => readonly string[];
  clock: Clock;
  warn: (message: string) => void;
  /** Among several repositories, a warning about a comment starts with its pull request's `owner/repo#number`. */
  qualify: boolean;
}): Promise<PendingComment[]> {
  const looked: (PendingComment | undefined)[] = [];
  await runConcurrently(
    input.open.map((pullRequest, index) => async () => {
      looked[index] = await pendingComment(input, pullRequest);
    }),
    LOOKUPS_AT_ONCE,
  );
  return looked.filter((comment) => comment !== undefined);
}

interface FinishInput {
  github: GitHubClient;
  devin: DevinApi;
  canGenerate: boolean;
  /** The pending comments of every repository of the run. */
  pending: readonly PendingComment[];
  settings: Settings;
  clock: Clock;
  runUrl?: string;
  /** How the log and the summary name a pull request: `#8`, or `acme/shop#8` among several repositories. */
  name: (pullRequest: PullRequestRef) => string;
  info: (message: string) => void;
  warn: (message: string) => void;
}

/**
 * Finishes the pending comments: reads their sessions as they are now, asks for the analyses of settled
 * sessions, waits for all of them together within wait-timeout, and updates each comment once (and its commit
 * status, with commit-status). Creates no comment. Answers the sessions as they are now, for the period report.
 */
export async function finishPendingComments(input: FinishInput): Promise<FinishedComments> {
  const { pending } = input;
  if (pending.length === 0) {
    input.info('No comment of this action is waiting for an analysis.');
    return { sessions: [], updated: [], unfinished: [] };
  }
  input.info(
    `Finishing ${countOf(pending.length, 'comment')} waiting for an analysis: ${pending.map(({ pullRequest }) => input.name(pullRequest)).join(', ')}.`,
  );
  let current: Map<string, Session>;
  try {
    current = await currentSessions(input.devin, pending);
  } catch (error) {
    if (!(error instanceof DevinApiError)) throw error;
    // The scan went well: its report is still written, and says which comments wait on.
    const unfinished = pending.map(({ pullRequest }) => refOf(pullRequest));
    input.warn(`Could not finish ${waitingComments(unfinished.map(input.name))}: ${error.message}`);
    return { sessions: [], updated: [], unfinished, devinFailure: error };
  }
  const reported = await awaitInsights(input.devin, [...current.values()], {
    generate: input.settings.generate,
    // These pull requests are open: under `auto`, only sessions that have settled are analysed.
    merged: false,
    waitTimeoutSeconds: input.settings.waitTimeoutSeconds,
    pollIntervalSeconds: input.settings.pollIntervalSeconds,
    clock: input.clock,
    info: input.info,
    warn: input.warn,
  });
  const updated: PullRequestRef[] = [];
  const unfinished: PullRequestRef[] = [];
  for (const { pullRequest, comment, sessionIds, scannedAt } of pending) {
    const entries = reported.filter(({ session }) => sessionIds.has(session.id));
    const context = {
      pullRequest,
      settings: input.settings,
      canGenerate: input.canGenerate,
      runUrl: input.runUrl,
      now: input.clock.now,
      scannedAt,
    };
    const verdict = evaluateGate(
      entries.map(({ session }) => session),
      input.settings.gate,
      pullRequest.labels,
    );
    // This run's job summary holds the period's report, not this pull request's: no pointer to it.
    const markdown = commentMarkdown(buildPullRequestReport(context, entries, verdict), undefined);
    const published = await comment.publish(markdown, { create: false });
    if (!published) {
      // The publisher has warned why GitHub did not take it.
      unfinished.push(refOf(pullRequest));
      continue;
    }
    updated.push(refOf(pullRequest));
    // The pull request's own run may have passed while this analysis was awaited: the check learns it now.
    if (input.settings.commitStatus && pullRequest.headSha) {
      await setCommitStatus(
        input.github,
        input.settings.commitStatus,
        { owner: pullRequest.owner, repo: pullRequest.repo, sha: pullRequest.headSha },
        verdictStatus(verdict, input.settings.gate, entries.length, published.url),
        input.warn,
      );
    }
  }
  return { sessions: reported.map(({ session }) => session), updated, unfinished };
}

function refOf(pullRequest: PullRequest): PullRequestRef {
  return { owner: pullRequest.owner, repo: pullRequest.repo, number: pullRequest.number };
}

async function pendingComment(
  { github, sessionIdsOf, clock, warn, qualify }: Parameters<typeof findPendingComments>[0],
  pullRequest: PullRequest,
): Promise<PendingComment | undefined> {
  const name = `${pullRequest.owner}/${pullRequest.repo}#${pullRequest.number}`;
  const comment = new CommentPublisher(
    github,
    { owner: pullRequest.owner, repo: pullRequest.repo, issueNumber: pullRequest.number },
    qualify ? (message) => warn(`${name}: ${message}`) : warn,
    clock,
  );
  let existing: Awaited<ReturnType<CommentPublisher['existing']>>;
  try {
    existing = await comment.existing();
  } catch (error) {
    warn(`Could not read the comments of pull request ${name}: ${describeGitHubError(error)}`);
    return undefined;
  }
  const state = existing && readState(existing.body);
  if (!state || state.unanalysed.length === 0) return undefined;
  const sessionIds = new Set([...state.sessions, ...sessionIdsOf(pullRequest.number)]);
  return { pullRequest, comment, sessionIds, scannedAt: state.scannedAt };
}

/**
 * The sessions of the pending comments as they are now, in one listing by id: the scan kept only what the
 * period report reads of them. A session counts only while it still lists the pull request.
 */
async function currentSessions(
  devin: DevinApi,
  pending: readonly PendingComment[],
): Promise<Map<string, Session>> {
  const wanted = new Set(pending.flatMap(({ sessionIds }) => [...sessionIds]));
  const current = new Map((await devin.listByIds([...wanted])).map((session) => [session.id, session]));
  for (const entry of pending) {
    const target = normalizePullRequestUrl(entry.pullRequest.url);
    for (const id of entry.sessionIds) {
      const session = current.get(id);
      const lists = session?.pullRequests.some(({ url }) => normalizePullRequestUrl(url) === target);
      if (!lists) entry.sessionIds.delete(id);
    }
  }
  return current;
}

/** Why GitHub refused to read a repository's pull requests or comments, in one sentence. */
export function describeGitHubError(error: unknown): string {
  const status = statusOf(error);
  if (status === 401) return badCredentials('the request');
  if (status === 403)
    return `GitHub answered ${status}: the github-token needs 'pull-requests: write' to read pull requests and update comments.`;
  if (status === 404)
    return `GitHub answered ${status}: the repository does not exist, or the github-token cannot see it.`;
  return `${logText(error instanceof Error ? error.message : String(error), 300)}.`;
}
