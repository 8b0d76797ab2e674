import type { getOctokit } from '@actions/github';
import { HttpClient } from '@actions/http-client';
import { Agent, type Dispatcher, fetch } from 'undici';
import { DEFAULT_RETRY, type RetryContext, withRetries } from '../http/retry.ts';
import type { Clock } from '../model/clock.ts';

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
): Promise<GitHubClient> {
  // Loaded here, not at start-up: a run that stops at its inputs or skips never builds Octokit.
  const { getOctokit } = await import('@actions/github');
  const direct = new HttpClient().getAgentDispatcher(baseUrl) ?? new Agent(TIMEOUTS);
  const dispatcher = withRetries(direct, (request) => retryContext(request, clock, warn));
  return getOctokit(token, {
    baseUrl,
    request: { fetch: (url: string, init: RequestInit) => fetch(url, { ...init, dispatcher } as never) },
  });
}

function retryContext(
  request: Dispatcher.DispatchOptions,
  clock: Clock,
  warn: (message: string) => void,
): RetryContext {
  return {
    policy: DEFAULT_RETRY,
    sleep: clock.sleep,
    now: clock.now,
    random: Math.random,
    onRetry: ({ failure, delayMs, rateLimited }) => {
      if (!rateLimited || failure.kind !== 'response') return;
      const url = `${String(request.origin ?? '')}${request.path}`;
      warn(
        `GitHub rate limit hit for ${request.method} ${url}; retrying after ${Math.ceil(delayMs / 1000)} s.`,
      );
    },
  };
}

export function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}
