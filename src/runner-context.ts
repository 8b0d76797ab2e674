import { existsSync, readFileSync } from 'node:fs';
import type { EventContext } from './event.ts';

/**
 * The workflow run's event, read from the runner's environment as `@actions/github`'s `context` reads it,
 * without loading Octokit: a run that stops at its inputs never needs it.
 */
export function readEventContext(env: NodeJS.ProcessEnv = process.env): EventContext {
  const eventPath = env.GITHUB_EVENT_PATH;
  const payload: Record<string, unknown> =
    eventPath && existsSync(eventPath) ? JSON.parse(readFileSync(eventPath, 'utf8')) : {};
  return { eventName: env.GITHUB_EVENT_NAME ?? '', payload, repo: repositoryOf(env, payload) };
}

function repositoryOf(env: NodeJS.ProcessEnv, payload: Record<string, unknown>): EventContext['repo'] {
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  if (owner && repo) return { owner, repo };
  const repository = payload.repository as { name?: unknown; owner?: { login?: unknown } } | undefined;
  if (typeof repository?.name === 'string' && typeof repository.owner?.login === 'string') {
    return { owner: repository.owner.login, repo: repository.name };
  }
  throw new Error(
    "The runner set no GITHUB_REPOSITORY (like 'owner/repo'), and the event names no repository.",
  );
}
