import { fromPayload, type PullRequest, PullRequestError } from './pull-request.ts';

/** The parts of the workflow run's context this action reads. */
export interface EventContext {
  eventName: string;
  payload: Record<string, unknown>;
  repo: { owner: string; repo: string };
}

/**
 * Where the pull request comes from: the event itself, the API (pr-number), nowhere (skip the run), or no
 * single one: repository mode.
 */
export type PullRequestOrigin =
  | { kind: 'event'; pullRequest: PullRequest }
  | { kind: 'api'; number: number }
  | { kind: 'repository' }
  | { kind: 'skip'; reason: string };

const PULL_REQUEST_EVENTS = ['pull_request', 'pull_request_target'];
/** Events that, without `pr-number`, report on the repository as a whole. */
const REPOSITORY_EVENTS = ['schedule', 'workflow_dispatch'];

/** Decides where the pull request comes from, without any API call. */
export function pullRequestOrigin(context: EventContext, prNumber: number | undefined): PullRequestOrigin {
  const payloadPullRequest = context.payload.pull_request as Record<string, unknown> | undefined;
  if (PULL_REQUEST_EVENTS.includes(context.eventName) && payloadPullRequest) {
    const pullRequest = fromPayload(payloadPullRequest, context);
    if (context.payload.action === 'closed' && !pullRequest.merged) {
      return {
        kind: 'skip',
        reason: `Pull request #${pullRequest.number} was closed without being merged: nothing to report.`,
      };
    }
    return { kind: 'event', pullRequest };
  }
  if (prNumber !== undefined) return { kind: 'api', number: prNumber };
  if (REPOSITORY_EVENTS.includes(context.eventName)) return { kind: 'repository' };
  throw new PullRequestError(
    `The '${context.eventName}' event carries no pull request: set the 'pr-number' input (for example pr-number: \${{ inputs.pr-number }}).`,
  );
}

/**
 * Why the run has no Devin key, when GitHub withheld the secrets: a `pull_request` event from a fork or
 * from Dependabot. Undefined when a missing key is the workflow's mistake.
 */
export function withheldSecretsReason(context: EventContext): string | undefined {
  if (context.eventName !== 'pull_request') return undefined;
  const pull = context.payload.pull_request as
    | { head?: { repo?: { full_name?: string } | null }; base?: { repo?: { full_name?: string } } }
    | undefined;
  const head = pull?.head?.repo?.full_name;
  const base = pull?.base?.repo?.full_name;
  const fromFork = head !== undefined && base !== undefined && head.toLowerCase() !== base.toLowerCase();
  const deleted = pull !== undefined && pull.head?.repo === null;
  const sender = (context.payload.sender as { login?: string } | undefined)?.login;
  if (fromFork || deleted) {
    return 'This pull request comes from a fork, and GitHub gives pull_request workflows from forks no secrets, so devin-api-key is empty. Skipping. To report on fork pull requests, run this action on pull_request_target (safe here: it checks out and runs no code from the pull request).';
  }
  if (sender === 'dependabot[bot]') {
    return 'Dependabot pull requests get no Actions secrets, so devin-api-key is empty. Skipping. Add the key as a Dependabot secret to report on them.';
  }
  return undefined;
}
