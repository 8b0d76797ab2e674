import { getOctokit } from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import Bottleneck from 'bottleneck';

export type GitHubClient = ReturnType<typeof getOctokit>;

/** One Octokit for the run: the API URL (GHES) given, proxies from the toolkit, retries and rate limits from the plugins. */
export function createGitHubClient(
  token: string,
  apiUrl: string,
  warn: (message: string) => void,
): GitHubClient {
  return getOctokit(
    token,
    {
      baseUrl: apiUrl,
      throttle: {
        // The plugin spaces writes (GraphQL queries included) a second apart, for clients that write in bulk.
        // A run writes once or twice, and GitHub's answers still govern: rate limits are waited out below.
        write: new Bottleneck.Group({ maxConcurrent: 1, minTime: 0 }),
        onRateLimit: (
          retryAfter: number,
          options: { method: string; url: string },
          _octokit: unknown,
          retryCount: number,
        ) => {
          warn(`GitHub rate limit hit for ${options.method} ${options.url}; retrying after ${retryAfter} s.`);
          return retryCount < 2;
        },
        onSecondaryRateLimit: (
          retryAfter: number,
          options: { method: string; url: string },
          _octokit: unknown,
          retryCount: number,
        ) => {
          warn(
            `GitHub secondary rate limit hit for ${options.method} ${options.url}; retrying after ${retryAfter} s.`,
          );
          return retryCount < 2;
        },
      },
    },
    retry,
    throttling,
  );
}

export function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}
