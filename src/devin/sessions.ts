import { linkedSessionIds, normalizePullRequestUrl, type PullRequest } from '../pull-request.ts';
import type { Session } from '../session.ts';
import type { SearchMode } from '../settings.ts';
import type { SessionSource } from './source.ts';

/** How far before the pull request's creation a session's last update may lie (clock skew). */
export const CLOCK_SKEW_SECONDS = 5 * 60;

export interface FoundSessions {
  sessions: Session[];
  /** How they were found, for the log. */
  how: string;
}

/**
 * The sessions that list this pull request. Linked ids from the body are the fast path; the window scan
 * reads every session updated since the pull request was created. A link alone never counts: a session
 * belongs to the pull request only when it lists the pull request itself.
 */
export async function findSessions(
  source: SessionSource,
  pullRequest: PullRequest,
  search: SearchMode,
): Promise<FoundSessions> {
  const target = normalizePullRequestUrl(pullRequest.url);
  const listsPullRequest = (urls: readonly string[]) =>
    urls.some((url) => normalizePullRequestUrl(url) === target);
  const belongs = (session: Session) =>
    listsPullRequest(session.pullRequests.map((pullRequest) => pullRequest.url));
  const linkedIds = linkedSessionIds(pullRequest.body);
  const scanWindow = () =>
    source.findUpdatedSince(pullRequest.createdAt - CLOCK_SKEW_SECONDS, listsPullRequest);

  if (search === 'window') return { sessions: sorted(await scanWindow()), how: 'window scan' };

  // On a merge the scan also finds follow-up sessions, and every linked session that lists the pull request
  // was updated after it was created, so the scan alone covers both; only links it missed are looked up.
  if (search === 'auto' && pullRequest.merged) {
    const scanned = await scanWindow();
    const missing = linkedIds.filter((id) => !scanned.some((session) => session.id === id));
    const linked = (await source.listByIds(missing)).filter(belongs);
    return { sessions: sorted([...scanned, ...linked]), how: 'window scan (merged pull request)' };
  }

  const linked = (await source.listByIds(linkedIds)).filter(belongs);
  if (linked.length > 0 || search === 'linked')
    return { sessions: sorted(linked), how: 'session links in the body' };
  return {
    sessions: sorted(await scanWindow()),
    how: linkedIds.length > 0 ? 'window scan (links did not match)' : 'window scan',
  };
}

function sorted(sessions: Session[]): Session[] {
  const unique = new Map(sessions.map((session) => [session.id, session]));
  return [...unique.values()].sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}
