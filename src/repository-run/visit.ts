import type { GitHubClient } from '../github/client.ts';
import { fromPayload, type PullRequest } from '../model/pull-request.ts';
import type { NamedPullRequest } from '../period/scope.ts';
import type { Target } from './targets.ts';

/** What GitHub says of the pull requests a repository's sessions name. */
export interface Visit {
  /** The repository as GitHub spells it, when a listing said. */
  spelling?: Target;
  /** GitHub's state of the named pull requests the run read (open, merged or closed), by number. */
  states: Map<number, string>;
  /** The named pull requests that are open. */
  open: PullRequest[];
}

/** Pages of recently closed pull requests read to tell merged from closed: a thousand of them. */
const MAX_CLOSED_PAGES = 10;

/**
 * Reads the repository's open pull requests, in one listing; when a session recorded one as open that is no
 * longer, also the pull requests closed since the period began (the most recently updated first), to tell
 * merged from closed. Throws GitHub's error when it refuses.
 */
export async function visitRepository(
  github: GitHubClient,
  repository: Target,
  named: ReadonlyMap<number, NamedPullRequest>,
  /** When the period began (Unix seconds): a pull request closed since was updated since. */
  since: number,
): Promise<Visit> {
  const visit: Visit = { states: new Map(), open: [] };
  const repo = { owner: repository.owner, repo: repository.repo };
  for await (const { data } of github.paginate.iterator(github.rest.pulls.list, {
    ...repo,
    state: 'open',
    per_page: 100,
  })) {
    for (const pull of data) {
      const pullRequest = fromPayload(pull as unknown as Record<string, unknown>, { repo });
      visit.spelling ??= { owner: pullRequest.owner, repo: pullRequest.repo };
      if (!named.has(pullRequest.number)) continue;
      visit.open.push(pullRequest);
      visit.states.set(pullRequest.number, 'open');
    }
  }
  // Recorded open, not open now: closed or merged since the session's record.
  const closed = new Set(
    [...named]
      .filter(([number, pullRequest]) => pullRequest.recordedState === 'open' && !visit.states.has(number))
      .map(([number]) => number),
  );
  if (closed.size > 0) await readClosed(github, repo, closed, since, visit);
  // Not open, whether merged or closed: GitHub's listings say that much.
  for (const number of closed) visit.states.set(number, 'closed');
  return visit;
}

async function readClosed(
  github: GitHubClient,
  repo: Target,
  wanted: Set<number>,
  since: number,
  visit: Visit,
): Promise<void> {
  let pages = 0;
  for await (const { data } of github.paginate.iterator(github.rest.pulls.list, {
    ...repo,
    state: 'closed',
    sort: 'updated',
    direction: 'desc',
    per_page: 100,
  })) {
    for (const pull of data) {
      if (!wanted.delete(pull.number)) continue;
      visit.states.set(pull.number, pull.merged_at ? 'merged' : 'closed');
    }
    const oldest = data.at(-1)?.updated_at;
    pages += 1;
    if (wanted.size === 0 || pages >= MAX_CLOSED_PAGES || (oldest && Date.parse(oldest) / 1000 < since))
      return;
  }
}
