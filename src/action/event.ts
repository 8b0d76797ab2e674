import { fromPayload, type PullRequest, PullRequestError } from '../model/pull-request.ts';

/** The parts of the workflow run's context this action reads. */
export interface EventContext {
  eventName: string;
  payload: Record<string, unknown>;
  repo: { owner: string; repo: string };
}

/**
 * Where the pull request comes from: the event itself, the merge queue's branch (read from the API, no new
 * comment), or the API by pr-number; or no single one: repository mode.
 */
export type PullRequestOrigin =
  | { kind: 'event'; pullRequest: PullRequest }
  | { kind: 'merge-queue'; number: number; headSha?: string }
  | { kind: 'api'; number: number }
  | { kind: 'repository' };

/** Events that, without `pr-number`, report on the repository as a whole. */
const REPOSITORY_EVENTS = ['schedule', 'workflow_dispatch'];

/** Events whose `closed` action means the pull request was merged or abandoned. */
const CLOSING_EVENTS = ['pull_request', 'pull_request_target'];
/** Events that GitHub runs without secrets when the pull request comes from a fork. */
const FORK_WITHOUT_SECRETS_EVENTS = ['pull_request', 'pull_request_review', 'pull_request_review_comment'];
/** The branch a merge queue tests: `gh-readonly-queue/<base>/pr-<number>-<head sha>`. */
const MERGE_QUEUE_REF = /^(?:refs\/heads\/)?gh-readonly-queue\/.+\/pr-(\d+)-[0-9a-f]+$/;

/** The pull request object of events that carry one (pull_request, pull_request_target, reviews, review comments). */
function payloadPullRequest(context: EventContext): Record<string, unknown> | undefined {
  const pull = context.payload.pull_request;
  if (typeof pull !== 'object' || pull === null) return undefined;
  return typeof (pull as { number?: unknown }).number === 'number'
    ? (pull as Record<string, unknown>)
    : undefined;
}

/** Whether the event itself names the pull request, so that `pr-number` is ignored (and not validated). */
export function namesItsPullRequest(context: EventContext): boolean {
  return payloadPullRequest(context) !== undefined || context.eventName === 'merge_group';
}

/**
 * Why the run has nothing to do, decided from the event alone before any input is read: a pull request closed
 * without merging, a merge group that is no longer tested, or a run GitHub started without secrets.
 */
export function skipReason(context: EventContext, devinApiKey: string): string | undefined {
  const pull = payloadPullRequest(context);
  // A review or a label on a pull request closed without merging has nothing to gate either.
  const closed =
    (CLOSING_EVENTS.includes(context.eventName) && context.payload.action === 'closed') ||
    pull?.state === 'closed';
  if (pull && closed) {
    const pullRequest = fromPayload(pull, context);
    if (!pullRequest.merged)
      return `Pull request #${pullRequest.number} was closed without being merged: nothing to report.`;
  }
  if (context.eventName === 'merge_group' && context.payload.action !== 'checks_requested') {
    return `The merge group event '${String(context.payload.action)}' asks for no check: nothing to report.`;
  }
  return devinApiKey.trim() ? undefined : withheldSecretsReason(context);
}

/** Decides where the pull request comes from, without any API call. */
export function pullRequestOrigin(context: EventContext, prNumber: number | undefined): PullRequestOrigin {
  const pull = payloadPullRequest(context);
  if (pull) return { kind: 'event', pullRequest: fromPayload(pull, context) };
  if (context.eventName === 'merge_group') {
    const headSha = (context.payload.merge_group as { head_sha?: unknown } | undefined)?.head_sha;
    return {
      kind: 'merge-queue',
      number: mergeQueueNumber(context),
      headSha: typeof headSha === 'string' ? headSha : undefined,
    };
  }
  if (prNumber !== undefined) return { kind: 'api', number: prNumber };
  if (REPOSITORY_EVENTS.includes(context.eventName)) return { kind: 'repository' };
  throw new PullRequestError(
    `The '${context.eventName}' event carries no pull request: set the 'pr-number' input (for example pr-number: \${{ inputs.pr-number }}).`,
  );
}

/** The pull request a merge queue tests, from its branch name. */
function mergeQueueNumber(context: EventContext): number {
  const headRef = (context.payload.merge_group as { head_ref?: unknown } | undefined)?.head_ref;
  const match = typeof headRef === 'string' ? MERGE_QUEUE_REF.exec(headRef) : null;
  if (!match?.[1]) {
    throw new PullRequestError(
      `The merge_group event's head ref '${String(headRef)}' is not a merge queue branch (gh-readonly-queue/<base>/pr-<number>-<sha>): no pull request to check.`,
    );
  }
  return Number(match[1]);
}

/**
 * Why the run has no Devin key, when GitHub withheld the secrets: any run Dependabot started, or a pull
 * request (or a review of one) from a fork. Undefined when a missing key is the workflow's mistake.
 */
export function withheldSecretsReason(context: EventContext): string | undefined {
  const sender = (context.payload.sender as { login?: string } | undefined)?.login;
  if (sender?.toLowerCase() === 'dependabot[bot]') {
    return `This run was started by Dependabot, and GitHub gives Dependabot's runs (${context.eventName} included) no Actions secrets, so devin-api-key is empty. Skipping. Add the key as a Dependabot secret too to report on them.`;
  }
  if (!FORK_WITHOUT_SECRETS_EVENTS.includes(context.eventName)) return undefined;
  const pull = payloadPullRequest(context) as
    | { head?: { repo?: { full_name?: string } | null }; base?: { repo?: { full_name?: string } } }
    | undefined;
  const head = pull?.head?.repo?.full_name;
  const base = pull?.base?.repo?.full_name;
  const fromFork = head !== undefined && base !== undefined && head.toLowerCase() !== base.toLowerCase();
  const deleted = pull !== undefined && pull.head?.repo === null;
  if (fromFork || deleted) {
    return `This pull request comes from a fork, and GitHub gives ${context.eventName} workflows from forks no secrets, so devin-api-key is empty. Skipping. To report on fork pull requests, run this action on pull_request_target (safe here: it checks out and runs no code from the pull request).`;
  }
  return undefined;
}
