import { normalizePullRequestUrl, repositoryUrlPrefix } from '../model/pull-request.ts';
import type { Repository } from './model.ts';
import type { SessionLinks } from './session-store.ts';

/** A repository of the run, by owner and name. */
type Target = Pick<Repository, 'owner' | 'repo'>;

/** A pull request of the run's repositories: its repository's index and its number. */
interface Place {
  index: number;
  number: number;
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
  /**
   * Each URL of the repositories' pull requests seen, to its place: its number and its repository's index, in
   * one number (placeOf). Many sessions name the same pull requests, and a scan reads every session of the
   * period: each URL is parsed once, and another repository's URLs are not kept at all.
   */
  readonly #places: Map<string, number>;

  constructor(host: string, repositories: readonly Target[], places = new Map<string, number>()) {
    this.host = host;
    this.repositories = repositories;
    this.#prefixes = new Map(repositories.map((repository, index) => [this.prefixOf(repository), index]));
    this.#places = places;
  }

  /** The same repositories spelt otherwise (as GitHub spells them, say): the same prefixes, the URLs known kept. */
  spelt(repositories: readonly Target[]): RepositoryScope {
    return new RepositoryScope(this.host, repositories, this.#places);
  }

  prefixOf(repository: Target): string {
    return repositoryUrlPrefix({ ...repository, host: this.host });
  }

  /** Whether one of these URLs is a pull request of one of the repositories: what the scan keeps. */
  namesAny = (urls: readonly string[]): boolean => urls.some((url) => this.#indexOf(url) !== undefined);

  /** The pull requests each repository's sessions name, by number; in the order of the repositories. */
  named(sessions: Iterable<[slot: number, session: SessionLinks]>): Map<number, NamedPullRequest>[] {
    const named = this.repositories.map(() => new Map<number, NamedPullRequest>());
    this.#eachNaming(sessions, (_, place, state, updatedAt) => {
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
  slotsNaming(
    sessions: Iterable<[slot: number, session: SessionLinks]>,
    wanted: readonly ReadonlySet<number>[],
  ): Map<number, number[]>[] {
    const found = this.repositories.map(() => new Map<number, number[]>());
    this.#eachNaming(sessions, (slot, { index, number }) => {
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
  slotsOf(sessions: Iterable<[slot: number, session: SessionLinks]>): number[][] {
    const byRepository = this.repositories.map((): number[] => []);
    this.#eachNaming(sessions, (slot, { index }) => {
      const slots = byRepository[index];
      if (slots !== undefined) addOnce(slots, slot);
    });
    return byRepository;
  }

  /** Each pull request of the repositories that each session names, in the sessions' order. */
  #eachNaming(
    sessions: Iterable<[slot: number, session: SessionLinks]>,
    visit: (slot: number, place: Place, state: string | undefined, updatedAt: number) => void,
  ): void {
    for (const [slot, { pullRequests, updatedAt }] of sessions) {
      for (const { url, state } of pullRequests) {
        const place = this.#placeOf(url);
        if (place !== undefined) visit(slot, place, state, updatedAt);
      }
    }
  }

  #indexOf(url: string): number | undefined {
    return this.#placeOf(url)?.index;
  }

  #placeOf(url: string): Place | undefined {
    // The repositories' count is the same in every spelling of the scope, so a place reads the same in all.
    const count = this.repositories.length;
    const known = this.#places.get(url);
    if (known !== undefined) return { index: known % count, number: Math.floor(known / count) };
    const key = normalizePullRequestUrl(url);
    if (key === undefined) return undefined;
    const slash = key.lastIndexOf('/');
    const index = this.#prefixes.get(key.slice(0, slash + 1));
    if (index === undefined) return undefined;
    const number = Number(key.slice(slash + 1));
    // A number too large to share one with the index is parsed again each time (no real pull request has it).
    if (Number.isSafeInteger(number * count + index)) this.#places.set(url, number * count + index);
    return { index, number };
  }
}

/** Adds the slot unless it is the last one there: slots come in order, so a session on two pull requests is added once. */
function addOnce(slots: number[], slot: number): void {
  if (slots[slots.length - 1] !== slot) slots.push(slot);
}
