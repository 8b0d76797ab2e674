import { normalizePullRequestUrl, repositoryUrlPrefix } from '../model/pull-request.ts';
import type { Session } from '../model/session.ts';
import type { Target } from './targets.ts';
import { memoized } from './text.ts';

/** A pull request of the run's repositories as the period's sessions name it. */
export interface NamedPullRequest {
  /** Ids of the sessions that name it. */
  sessionIds: string[];
  /** The state the newest of them recorded (lower-cased), if any did. */
  recordedState?: string;
  recordedAt: number;
}

/**
 * The run's repositories on one GitHub server, by the prefix of their pull requests' normalised URLs
 * (`host/owner/repo/`, owner and repository compared ignoring case).
 */
export class RepositoryScope {
  readonly host: string;
  readonly repositories: readonly Target[];
  readonly #prefixes: Map<string, number>;
  readonly #normalize = memoized(normalizePullRequestUrl);

  constructor(host: string, repositories: readonly Target[]) {
    this.host = host;
    this.repositories = repositories;
    this.#prefixes = new Map(repositories.map((repository, index) => [this.prefixOf(repository), index]));
  }

  prefixOf(repository: Target): string {
    return repositoryUrlPrefix({ ...repository, host: this.host });
  }

  /** Whether one of these URLs is a pull request of one of the repositories: what the scan keeps. */
  namesAny = (urls: readonly string[]): boolean => urls.some((url) => this.#indexOf(url) !== undefined);

  /** The pull requests each repository's sessions name, by number; in the order of the repositories. */
  named(sessions: Iterable<Session>): Map<number, NamedPullRequest>[] {
    const named = this.repositories.map(() => new Map<number, NamedPullRequest>());
    for (const session of sessions) {
      for (const { url, state } of session.pullRequests) {
        const index = this.#indexOf(url);
        const pullRequests = index === undefined ? undefined : named[index];
        if (pullRequests === undefined) continue;
        const number = Number(this.#normalize(url)?.split('/').pop());
        let pullRequest = pullRequests.get(number);
        if (pullRequest === undefined) {
          pullRequest = { sessionIds: [], recordedAt: Number.NEGATIVE_INFINITY };
          pullRequests.set(number, pullRequest);
        }
        if (pullRequest.sessionIds[pullRequest.sessionIds.length - 1] !== session.id)
          pullRequest.sessionIds.push(session.id);
        const recorded = state?.trim().toLowerCase();
        if (recorded && session.updatedAt >= pullRequest.recordedAt) {
          pullRequest.recordedState = recorded;
          pullRequest.recordedAt = session.updatedAt;
        }
      }
    }
    return named;
  }

  /** Each repository's sessions, in the order of the repositories: a session on two is in both. */
  sessionsOf(sessions: Iterable<Session>): Session[][] {
    const byRepository = this.repositories.map((): Session[] => []);
    for (const session of sessions) {
      const indexes = new Set(session.pullRequests.map(({ url }) => this.#indexOf(url)));
      for (const index of indexes) if (index !== undefined) byRepository[index]?.push(session);
    }
    return byRepository;
  }

  #indexOf(url: string): number | undefined {
    const key = this.#normalize(url);
    return key === undefined ? undefined : this.#prefixes.get(key.slice(0, key.lastIndexOf('/') + 1));
  }
}
