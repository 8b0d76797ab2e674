import { normalizePullRequestUrl, repositoryUrlPrefix } from '../model/pull-request.ts';
import type { Repository } from './model.ts';

/** A repository of the run, by owner and name. */
type Target = Pick<Repository, 'owner' | 'repo'>;

/** A pull request of the run's repositories: its repository's index (in the scope's order) and its number. */
export interface Place {
  index: number;
  number: number;
}

/** Sessions that tell which pull requests of the run's repositories each of them names (a SessionStore). */
interface NamingSessions {
  eachNamed(visit: (slot: number, place: Place, state: string | undefined, updatedAt: number) => void): void;
}

/** A pull request of the run's repositories as the period's sessions name it. */
export interface NamedPullRequest {
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

  constructor(host: string, repositories: readonly Target[]) {
    this.host = host;
    this.repositories = repositories;
    this.#prefixes = new Map(repositories.map((repository, index) => [this.#prefixOf(repository), index]));
  }

  /** The same repositories spelt otherwise (as GitHub spells them, say): the same places. */
  spelt(repositories: readonly Target[]): RepositoryScope {
    return new RepositoryScope(this.host, repositories);
  }

  #prefixOf(repository: Target): string {
    return repositoryUrlPrefix({ ...repository, host: this.host });
  }

  /** Whether one of these URLs is a pull request of one of the repositories: what the scan keeps. */
  namesAny = (urls: readonly string[]): boolean => urls.some((url) => this.placeOf(url) !== undefined);

  /** The place of the pull request at this URL, when it is one of the repositories'. */
  placeOf(url: string): Place | undefined {
    const key = normalizePullRequestUrl(url);
    if (key === undefined) return undefined;
    const slash = key.lastIndexOf('/');
    const index = this.#prefixes.get(key.slice(0, slash + 1));
    return index === undefined ? undefined : { index, number: Number(key.slice(slash + 1)) };
  }

  /** The web URL of the pull request in this place. */
  urlOf({ index, number }: Place): string {
    const repository = this.repositories[index];
    if (repository === undefined) throw new RangeError(`No repository at index ${index}.`);
    return `https://${this.host}/${repository.owner}/${repository.repo}/pull/${number}`;
  }

  /** The pull requests each repository's sessions name, by number; in the order of the repositories. */
  named(sessions: NamingSessions): Map<number, NamedPullRequest>[] {
    const named = this.repositories.map(() => new Map<number, NamedPullRequest>());
    sessions.eachNamed((_, place, state, updatedAt) => {
      const pullRequests = named[place.index];
      if (pullRequests === undefined) return;
      let pullRequest = pullRequests.get(place.number);
      if (pullRequest === undefined) {
        pullRequest = { recordedAt: Number.NEGATIVE_INFINITY };
        pullRequests.set(place.number, pullRequest);
      }
      const recorded = state?.trim().toLowerCase();
      if (recorded && updatedAt >= pullRequest.recordedAt) {
        pullRequest.recordedState = recorded;
        pullRequest.recordedAt = updatedAt;
      }
    });
    return named;
  }

  /**
   * The slots of the sessions that name these pull requests (their numbers, per repository in the order of the
   * repositories), by number.
   */
  slotsNaming(sessions: NamingSessions, wanted: readonly ReadonlySet<number>[]): Map<number, number[]>[] {
    const found = this.repositories.map(() => new Map<number, number[]>());
    sessions.eachNamed((slot, { index, number }) => {
      const byNumber = found[index];
      if (byNumber === undefined || !wanted[index]?.has(number)) return;
      let slots = byNumber.get(number);
      if (slots === undefined) {
        slots = [];
        byNumber.set(number, slots);
      }
      addOnce(slots, slot);
    });
    return found;
  }

  /** The slots of each repository's sessions, in the order of the repositories: a session on two is in both. */
  slotsOf(sessions: NamingSessions): number[][] {
    const byRepository = this.repositories.map((): number[] => []);
    sessions.eachNamed((slot, { index }) => {
      const slots = byRepository[index];
      if (slots !== undefined) addOnce(slots, slot);
    });
    return byRepository;
  }
}

/** Adds the slot unless it is the last one there: slots come in order, so a session on two pull requests is added once. */
function addOnce(slots: number[], slot: number): void {
  if (slots[slots.length - 1] !== slot) slots.push(slot);
}
