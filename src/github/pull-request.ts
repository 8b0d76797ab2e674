import { fromPayload, type PullRequest, PullRequestError } from '../pull-request.ts';
import { type GitHubClient, statusOf } from './client.ts';

export async function fetchPullRequest(
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
    if (status === 401 || status === 403) {
      throw new PullRequestError(
        `GitHub refused to read ${where} (${status}): the github-token needs pull-requests: read.`,
      );
    }
    throw new PullRequestError(`Reading ${where} from GitHub failed: ${(error as Error).message}`);
  }
}
