import { fromPayload, type PullRequest, PullRequestError } from '../model/pull-request.ts';
import { logText } from '../model/text.ts';
import { type GitHubClient, statusOf } from './client.ts';
import { badCredentials } from './credentials.ts';

async function fetchPullRequest(
  octokit: GitHubClient,
  repo: { owner: string; repo: string },
  number: number,
  /** What named the pull request, for the message when GitHub has none. */
  namedBy: string,
): Promise<PullRequest> {
  try {
    const { data } = await octokit.rest.pulls.get({ ...repo, pull_number: number });
    return fromPayload(data as unknown as Record<string, unknown>, { repo });
  } catch (error) {
    const status = statusOf(error);
    const where = `pull request #${number} in ${repo.owner}/${repo.repo}`;
    if (status === 404) throw new PullRequestError(`GitHub has no ${where} (404): check ${namedBy}.`);
    if (status === 401) throw new PullRequestError(badCredentials(`to read ${where}`));
    if (status === 403) {
      throw new PullRequestError(
        `GitHub refused to read ${where} (${status}): the github-token needs pull-requests: read.`,
      );
    }
    throw new PullRequestError(
      `Reading ${where} from GitHub failed: ${logText((error as Error).message, 300)}`,
    );
  }
}

/** Where the pull request comes from when the event does not carry it. */
type NamedPullRequest = { kind: 'merge-queue' | 'api'; number: number };

/** The pull request the event carries, or the one its merge queue branch or `pr-number` names, from GitHub. */
export async function resolvePullRequest(
  origin: { kind: 'event'; pullRequest: PullRequest } | NamedPullRequest,
  octokit: GitHubClient,
  repo: { owner: string; repo: string },
): Promise<PullRequest> {
  if (origin.kind === 'event') return origin.pullRequest;
  const namedBy = origin.kind === 'merge-queue' ? 'the merge queue branch' : 'the pr-number input';
  return fetchPullRequest(octokit, repo, origin.number, namedBy);
}

/** The pull request's labels as they are now: one added while the run waited counts. */
export async function currentLabels(octokit: GitHubClient, pullRequest: PullRequest): Promise<string[]> {
  const now = await fetchPullRequest(
    octokit,
    { owner: pullRequest.owner, repo: pullRequest.repo },
    pullRequest.number,
    'the pull request',
  );
  return now.labels;
}
