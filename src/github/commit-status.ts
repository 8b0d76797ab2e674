import { logText } from '../model/text.ts';
import { type GitHubClient, statusOf } from './client.ts';
import { badCredentials } from './credentials.ts';

type CommitState = 'pending' | 'success' | 'failure' | 'error';

export interface CommitStatus {
  state: CommitState;
  /** One line of the action's own words (with API text made one line), at most STATUS_DESCRIPTION_LIMIT. */
  description: string;
  /** The comment, else the workflow run. */
  targetUrl?: string;
}

export interface StatusTarget {
  owner: string;
  repo: string;
  /** The commit the status is set on: the pull request's head, or the merge group's. */
  sha: string;
}

/**
 * Sets the commit status named by the `commit-status` input. A refusal is explained in a warning and loses
 * nothing else: the comment, the summary and the outputs are written apart from it.
 */
export async function setCommitStatus(
  octokit: GitHubClient,
  name: string,
  target: StatusTarget,
  status: CommitStatus,
  warn: (message: string) => void,
): Promise<boolean> {
  try {
    await octokit.rest.repos.createCommitStatus({
      owner: target.owner,
      repo: target.repo,
      sha: target.sha,
      context: name,
      state: status.state,
      description: status.description,
      target_url: status.targetUrl,
    });
    return true;
  } catch (error) {
    warn(
      `Could not set the commit status '${name}' on ${target.owner}/${target.repo}@${target.sha.slice(0, 7)}: ${explain(error)}`,
    );
    return false;
  }
}

function explain(error: unknown): string {
  const status = statusOf(error);
  if (status === 401) return badCredentials('to set the commit status');
  if (status === 403 || status === 404)
    return `GitHub answered ${status}: the github-token needs 'permissions: statuses: write' on this repository. The comment, the job summary and the outputs are written all the same.`;
  return `${logText(error instanceof Error ? error.message : String(error), 300)}.`;
}
