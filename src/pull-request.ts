import { ExpectedFailure } from './failure.ts';
import { bareSessionId } from './session.ts';

export interface PullRequest {
  owner: string;
  repo: string;
  number: number;
  /** The pull request's web URL (html_url). */
  url: string;
  body: string;
  /** Unix seconds. */
  createdAt: number;
  merged: boolean;
}

/** The parts of the workflow run's context this action reads. */
export interface EventContext {
  eventName: string;
  payload: Record<string, unknown>;
  repo: { owner: string; repo: string };
}

export type PullRequestSource =
  | { kind: 'event'; pullRequest: PullRequest }
  | { kind: 'api'; number: number }
  | { kind: 'skip'; reason: string };

const PULL_REQUEST_EVENTS = ['pull_request', 'pull_request_target'];

export class PullRequestError extends ExpectedFailure {
  override name = 'PullRequestError';
}

/** Decides where the pull request comes from, without any API call. */
export function pullRequestSource(context: EventContext, prNumber: number | undefined): PullRequestSource {
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

/** Maps a pull request object as GitHub's REST API and webhooks spell it. */
export function fromPayload(pull: Record<string, unknown>, context: Pick<EventContext, 'repo'>): PullRequest {
  const base = (pull.base as { repo?: { name?: string; owner?: { login?: string } } } | undefined)?.repo;
  return {
    owner: base?.owner?.login ?? context.repo.owner,
    repo: base?.name ?? context.repo.repo,
    number: Number(pull.number),
    url: String(pull.html_url),
    body: typeof pull.body === 'string' ? pull.body : '',
    createdAt: Math.floor(Date.parse(String(pull.created_at)) / 1000),
    merged: pull.merged === true || (typeof pull.merged_at === 'string' && pull.merged_at !== ''),
  };
}

/**
 * A pull request URL reduced to `host/owner/repo/number`, so that every spelling of one pull request
 * compares equal: any scheme and host case, `pull` or `pulls`, REST API URLs, trailing slashes, queries,
 * fragments and sub-pages (`/files`, `/commits`). Undefined when the text is not a pull request URL.
 */
export function normalizePullRequestUrl(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  let host = url.host.toLowerCase().replace(/^www\./, '');
  let segments = url.pathname.split('/').filter((segment) => segment !== '');
  if (host === 'api.github.com' && segments[0] === 'repos') {
    host = 'github.com';
    segments = segments.slice(1);
  } else if (segments[0] === 'api' && segments[1] === 'v3' && segments[2] === 'repos') {
    segments = segments.slice(3);
  }
  const [owner, repo, kind, number] = segments;
  if (!owner || !repo || (kind !== 'pull' && kind !== 'pulls') || !number || !/^\d+$/.test(number))
    return undefined;
  return `${host}/${owner.toLowerCase()}/${repo.toLowerCase()}/${Number(number)}`;
}

const SESSION_LINK = /https?:\/\/[^\s/]*devin\.ai\/sessions\/([A-Za-z0-9_-]+)/gi;
const LABELLED_LINK =
  /Link to Devin (?:run|session)\s*:\s*<?https?:\/\/[^\s/]+\/sessions\/([A-Za-z0-9_-]+)/gi;

/** Session ids that the pull request body links to (Devin writes `Link to Devin run: …/sessions/<id>`). */
export function linkedSessionIds(body: string): string[] {
  const ids = new Set<string>();
  for (const pattern of [SESSION_LINK, LABELLED_LINK]) {
    for (const match of body.matchAll(pattern)) {
      if (match[1]) ids.add(bareSessionId(match[1]));
    }
  }
  return [...ids];
}
