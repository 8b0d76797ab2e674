import { existsSync, readFileSync } from 'node:fs';
import { ExpectedFailure } from '../model/expected-failure.ts';
import type { EventContext } from './event.ts';

/**
 * The workflow run's event, read from the runner's environment as `@actions/github`'s `context` reads it,
 * without loading Octokit: a run that stops at its inputs never needs it.
 */
export function readEventContext(env: NodeJS.ProcessEnv = process.env): EventContext {
  const payload = readPayload(env.GITHUB_EVENT_PATH);
  return { eventName: env.GITHUB_EVENT_NAME ?? '', payload, repo: repositoryOf(env, payload) };
}

function readPayload(eventPath: string | undefined): Record<string, unknown> {
  if (!eventPath || !existsSync(eventPath)) return {};
  try {
    return JSON.parse(readFileSync(eventPath, 'utf8'));
  } catch (error) {
    throw new ExpectedFailure(
      `The runner's event file (GITHUB_EVENT_PATH ${eventPath}) is not JSON: ${(error as Error).message}`,
    );
  }
}

function repositoryOf(env: NodeJS.ProcessEnv, payload: Record<string, unknown>): EventContext['repo'] {
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  if (owner && repo) return { owner, repo };
  const repository = payload.repository as { name?: unknown; owner?: { login?: unknown } } | undefined;
  if (typeof repository?.name === 'string' && typeof repository.owner?.login === 'string') {
    return { owner: repository.owner.login, repo: repository.name };
  }
  throw new ExpectedFailure(
    "The runner set no GITHUB_REPOSITORY (like 'owner/repo'), and the event names no repository.",
  );
}
