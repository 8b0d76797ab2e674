import type { Settings } from '../action/settings.ts';
import { buildReport } from '../comment/build.ts';
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
import {
  fromPayload,
  normalizePullRequestUrl,
  type PullRequest,
  repositoryUrlPrefix,
} from '../model/pull-request.ts';
import type { Session } from '../model/session.ts';
import { countOf, logText } from '../model/text.ts';
import { waitingComments } from './comment-outcome.ts';

export interface PendingCommentsInput {
  github: GitHubClient;
  devin: DevinApi;
  canGenerate: boolean;
  repo: { owner: string; repo: string };
  /** The GitHub server's host, which the pull request URLs of the sessions name. */
  host: string;
  /** The period's sessions of the repository, as the scan read them. */
  sessions: readonly Session[];
  settings: Settings;
  clock: Clock;
  runUrl?: string;
  info: (message: string) => void;
  warn: (message: string) => void;
}

export interface FinishedComments {
  /** The sessions of the finished comments, as they are now. */
  sessions: Session[];
  /** Numbers of the pull requests whose comment was updated. */
  updated: number[];
  /** Numbers of the pull requests whose comment waits for an analysis but could not be updated (the log says why). */
  unfinished: number[];
  /** The Devin API failure that left them all unfinished, when it was one. */
  devinFailure?: DevinApiError;
}

interface PendingComment {
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
 * Finishes the action's comments that were written while some of their sessions had no analysis: on the
 * open pull requests that the period's sessions name, asks for the analyses of settled sessions, waits for
 * all of them together within wait-timeout, and updates each comment once. Creates no comment. Answers the
 * sessions as they are now, for the period report.
 */
export async function finishPendingComments(input: PendingCommentsInput): Promise<FinishedComments> {
  let pending: PendingComment[];
  try {
    pending = await findPendingComments(input);
  } catch (error) {
    // GitHub's side of a scheduled run is a courtesy: the report of the period is still written.
    input.warn(
      `Could not look for comments waiting for an analysis: ${describeGitHubError(error)} The report of the period is written without them.`,
    );
    return { sessions: [], updated: [], unfinished: [] };
  }
  if (pending.length === 0) {
    input.info('No comment of this action is waiting for an analysis.');
    return { sessions: [], updated: [], unfinished: [] };
  }
  input.info(
    `Finishing ${countOf(pending.length, 'comment')} waiting for an analysis: ${pending.map(({ pullRequest }) => `#${pullRequest.number}`).join(', ')}.`,
  );
  let current: Map<string, Session>;
  try {
    current = await currentSessions(input, pending);
  } catch (error) {
    if (!(error instanceof DevinApiError)) throw error;
    // The scan went well: its report is still written, and says which comments wait on.
    const unfinished = pending.map(({ pullRequest }) => pullRequest.number);
    input.warn(`Could not finish ${waitingComments(unfinished)}: ${error.message}`);
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
  const updated: number[] = [];
  const unfinished: number[] = [];
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
    const markdown = commentMarkdown(buildReport(context, entries, verdict), undefined);
    const published = await comment.publish(markdown, { create: false });
    if (!published) {
      // The publisher has warned why GitHub did not take it.
      unfinished.push(pullRequest.number);
      continue;
    }
    updated.push(pullRequest.number);
    // The pull request's own run may have passed while this analysis was awaited: the check learns it now.
    if (input.settings.commitStatus && pullRequest.headSha) {
      await setCommitStatus(
        input.github,
        input.settings.commitStatus,
        { ...input.repo, sha: pullRequest.headSha },
        verdictStatus(verdict, input.settings.gate, entries.length, published.url),
        input.warn,
      );
    }
  }
  return { sessions: reported.map(({ session }) => session), updated, unfinished };
}

/** The open pull requests the period's sessions name whose comment by this action lists unanalysed sessions. */
async function findPendingComments(input: PendingCommentsInput): Promise<PendingComment[]> {
  const named = sessionsByPullRequest(
    input.sessions,
    repositoryUrlPrefix({ ...input.repo, host: input.host }),
  );
  const open: PullRequest[] = [];
  for await (const { data } of input.github.paginate.iterator(input.github.rest.pulls.list, {
    ...input.repo,
    state: 'open',
    per_page: 100,
  })) {
    for (const pull of data) {
      if (named.has(pull.number)) open.push(fromPayload(pull as unknown as Record<string, unknown>, input));
    }
  }
  const found: PendingComment[] = [];
  for (let start = 0; start < open.length; start += LOOKUPS_AT_ONCE) {
    const batch = open.slice(start, start + LOOKUPS_AT_ONCE);
    const looked = await Promise.all(batch.map((pullRequest) => pendingComment(input, pullRequest, named)));
    for (const comment of looked) if (comment) found.push(comment);
  }
  return found;
}

async function pendingComment(
  input: PendingCommentsInput,
  pullRequest: PullRequest,
  named: Map<number, Session[]>,
): Promise<PendingComment | undefined> {
  const comment = new CommentPublisher(
    input.github,
    { ...input.repo, issueNumber: pullRequest.number },
    input.warn,
    input.clock,
  );
  let existing: Awaited<ReturnType<CommentPublisher['existing']>>;
  try {
    existing = await comment.existing();
  } catch (error) {
    input.warn(
      `Could not read the comments of pull request #${pullRequest.number}: ${describeGitHubError(error)}`,
    );
    return undefined;
  }
  const state = existing && readState(existing.body);
  if (!state || state.unanalysed.length === 0) return undefined;
  const sessionIds = new Set([
    ...state.sessions,
    ...(named.get(pullRequest.number) ?? []).map((session) => session.id),
  ]);
  return { pullRequest, comment, sessionIds, scannedAt: state.scannedAt };
}

/**
 * The sessions of the pending comments as they are now: from the scan, and the others (last updated before
 * the period) in one listing by id. A session counts only while it still lists the pull request.
 */
async function currentSessions(
  input: PendingCommentsInput,
  pending: PendingComment[],
): Promise<Map<string, Session>> {
  const scanned = new Map(input.sessions.map((session) => [session.id, session]));
  const wanted = new Set(pending.flatMap(({ sessionIds }) => [...sessionIds]));
  const missing = [...wanted].filter((id) => !scanned.has(id));
  const listed = await input.devin.listByIds(missing);
  const current = new Map<string, Session>();
  for (const session of [...[...wanted].flatMap((id) => scanned.get(id) ?? []), ...listed]) {
    current.set(session.id, session);
  }
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

function describeGitHubError(error: unknown): string {
  const status = statusOf(error);
  if (status === 401) return badCredentials('the request');
  if (status === 403)
    return `GitHub answered ${status}: the github-token needs 'pull-requests: write' to read pull requests and update comments.`;
  return `${logText(error instanceof Error ? error.message : String(error), 300)}.`;
}

/** The period's sessions by the number of each pull request of this repository they name. */
function sessionsByPullRequest(sessions: readonly Session[], prefix: string): Map<number, Session[]> {
  const byNumber = new Map<number, Session[]>();
  for (const session of sessions) {
    for (const { url } of session.pullRequests) {
      const key = normalizePullRequestUrl(url);
      if (key === undefined || !key.startsWith(prefix)) continue;
      const number = Number(key.slice(prefix.length));
      const list = byNumber.get(number) ?? [];
      if (list[list.length - 1] !== session) list.push(session);
      byNumber.set(number, list);
    }
  }
  return byNumber;
}
