import { normalizePullRequestUrl, repositoryUrlPrefix } from '../model/pull-request.ts';
import type { Session } from '../model/session.ts';
import type { Repository } from './model.ts';

/** A repository of the run, by owner and name. */
type Target = Pick<Repository, 'owner' | 'repo'>;

/** A pull request of the run's repositories as the period's sessions name it. */
export interface NamedPullRequest {
  /** Where the sessions that name it are kept (their slots in the store). */
  slots: number[];
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
  /**
   * Each URL of the repositories' pull requests seen, to the index of its repository: many sessions name the
   * same pull requests. Only the index is kept, not the parsed URL; another repository's URLs are not kept at all,
   * as a scan reads every session of the period.
   */
  readonly #indexes: Map<string, number>;

  constructor(host: string, repositories: readonly Target[], indexes = new Map<string, number>()) {
    this.host = host;
    this.repositories = repositories;
    this.#prefixes = new Map(repositories.map((repository, index) => [this.prefixOf(repository), index]));
    this.#indexes = indexes;
  }

  /** The same repositories spelt otherwise (as GitHub spells them, say): the same prefixes, the URLs known kept. */
  spelt(repositories: readonly Target[]): RepositoryScope {
    return new RepositoryScope(this.host, repositories, this.#indexes);
  }

  prefixOf(repository: Target): string {
    return repositoryUrlPrefix({ ...repository, host: this.host });
  }

  /** Whether one of these URLs is a pull request of one of the repositories: what the scan keeps. */
  namesAny = (urls: readonly string[]): boolean => urls.some((url) => this.#indexOf(url) !== undefined);

  /** The pull requests each repository's sessions name, by number; in the order of the repositories. */
  named(sessions: Iterable<[slot: number, session: Session]>): Map<number, NamedPullRequest>[] {
    const named = this.repositories.map(() => new Map<number, NamedPullRequest>());
    for (const [slot, session] of sessions) {
      for (const { url, state } of session.pullRequests) {
        const index = this.#indexOf(url);
        const pullRequests = index === undefined ? undefined : named[index];
        if (pullRequests === undefined) continue;
        const number = Number(normalizePullRequestUrl(url)?.split('/').pop());
        let pullRequest = pullRequests.get(number);
        if (pullRequest === undefined) {
          pullRequest = { slots: [], recordedAt: Number.NEGATIVE_INFINITY };
          pullRequests.set(number, pullRequest);
        }
        if (pullRequest.slots[pullRequest.slots.length - 1] !== slot) pullRequest.slots.push(slot);
        const recorded = state?.trim().toLowerCase();
        if (recorded && session.updatedAt >= pullRequest.recordedAt) {
          pullRequest.recordedState = recorded;
          pullRequest.recordedAt = session.updatedAt;
        }
      }
    }
    return named;
  }

  /** The slots of each repository's sessions, in the order of the repositories: a session on two is in both. */
  slotsOf(sessions: Iterable<[slot: number, urls: readonly string[]]>): number[][] {
    const byRepository = this.repositories.map((): number[] => []);
    for (const [slot, urls] of sessions) {
      const indexes = new Set(urls.map((url) => this.#indexOf(url)));
      for (const index of indexes) if (index !== undefined) byRepository[index]?.push(slot);
    }
    return byRepository;
  }

  #indexOf(url: string): number | undefined {
    const known = this.#indexes.get(url);
    if (known !== undefined) return known;
    const key = normalizePullRequestUrl(url);
    const index = key === undefined ? undefined : this.#prefixes.get(key.slice(0, key.lastIndexOf('/') + 1));
    if (index !== undefined) this.#indexes.set(url, index);
    return index;
  }
}
