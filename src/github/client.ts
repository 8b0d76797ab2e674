import type { getOctokit } from '@actions/github';
import { HttpClient } from '@actions/http-client';
import { Agent, type Dispatcher, fetch } from 'undici';
import { endpointOf, withRetries } from '../http/retry-dispatcher.ts';
import { DEFAULT_RETRY, type RetryContext, type RetryPolicy } from '../http/retry-policy.ts';
import type { Clock } from '../model/clock.ts';
import { logText } from '../model/text.ts';

export type GitHubClient = ReturnType<typeof getOctokit>;

const TIMEOUTS = { connect: { timeout: 10_000 }, headersTimeout: 60_000, bodyTimeout: 60_000 };

/**
 * One Octokit for the run: the API URL given (GHES), the proxy from HTTP(S)_PROXY and NO_PROXY as the toolkit
 * reads them, and the retry policy shared with the Devin client on undici's fetch.
 */
export async function createGitHubClient(
  token: string,
  baseUrl: string,
  warn: (message: string) => void,
  clock: Clock,
  retry: Partial<RetryPolicy> = {},
): Promise<GitHubClient> {
  // Loaded here, not at start-up: a run that stops at its inputs or skips never builds Octokit.
  const { getOctokit } = await import('@actions/github');
  const direct = new HttpClient().getAgentDispatcher(baseUrl) ?? new Agent(TIMEOUTS);
  const policy = { ...DEFAULT_RETRY, ...retry };
  const dispatcher = withRetries(direct, (request) => retryContext(request, policy, clock, warn));
  return getOctokit(token, {
    baseUrl,
    request: { fetch: (url: string, init: RequestInit) => fetch(url, { ...init, dispatcher } as never) },
  });
}

function retryContext(
  request: Dispatcher.DispatchOptions,
  policy: RetryPolicy,
  clock: Clock,
  warn: (message: string) => void,
): RetryContext {
  return {
    policy,
    sleep: clock.sleep,
    now: clock.now,
    random: Math.random,
    onRetry: ({ failure, delayMs, rateLimited }) => {
      if (!rateLimited || failure.kind !== 'response') return;
      warn(
        `GitHub rate limit hit for ${logText(endpointOf(request), 300)}; retrying after ${Math.ceil(delayMs / 1000)} s.`,
      );
    },
  };
}

export function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}
