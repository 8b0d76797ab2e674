import { normalizePullRequestUrl, type PullRequest } from '../pull-request.ts';
import type { Session } from '../session.ts';
import { compareCodeUnits } from '../text.ts';
import type { DevinApi } from './api.ts';
import { DevinApiError } from './errors.ts';
import { linkedSessionIds } from './links.ts';

/** The `search` input: links in the body first, links only, or the window scan only. */
export const SEARCH_MODES = ['auto', 'linked', 'window'] as const;
export type SearchMode = (typeof SEARCH_MODES)[number];

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
  api: DevinApi,
  pullRequest: PullRequest,
  search: SearchMode,
  warn: (message: string) => void = () => {},
): Promise<FoundSessions> {
  const target = normalizePullRequestUrl(pullRequest.url);
  const listsPullRequest = (urls: readonly string[]) =>
    urls.some((url) => normalizePullRequestUrl(url) === target);
  const belongs = (session: Session) =>
    listsPullRequest(session.pullRequests.map((pullRequest) => pullRequest.url));
  const linkedIds = linkedSessionIds(pullRequest.body);
  const scanWindow = () => api.findUpdatedSince(pullRequest.createdAt - CLOCK_SKEW_SECONDS, listsPullRequest);
  /** The linked sessions that list the pull request; in auto, undefined (after a warning) when the lookup fails. */
  const lookUpLinked = async (ids: readonly string[], instead: string): Promise<Session[] | undefined> => {
    try {
      return (await api.listByIds(ids)).filter(belongs);
    } catch (error) {
      // In auto the links are only a shortcut: the window scan finds the same sessions, more slowly.
      if (search !== 'auto' || !(error instanceof DevinApiError)) throw error;
      warn(`${error.message} ${instead}`);
      return undefined;
    }
  };

  if (search === 'window') return { sessions: uniqueOldestFirst(await scanWindow()), how: 'window scan' };

  // On a merge the scan also finds follow-up sessions, and every linked session that lists the pull request
  // was updated after it was created, so the scan alone covers both; only links it missed are looked up.
  if (search === 'auto' && pullRequest.merged) {
    const scanned = await scanWindow();
    const scannedIds = new Set(scanned.map((session) => session.id.toLowerCase()));
    const missing = linkedIds.filter((id) => !scannedIds.has(id));
    const linked = await lookUpLinked(missing, 'Keeping the sessions the window scan found.');
    return {
      sessions: uniqueOldestFirst([...scanned, ...(linked ?? [])]),
      how: 'window scan (merged pull request)',
    };
  }

  const linked = await lookUpLinked(linkedIds, 'Looking for the linked sessions in the window scan instead.');
  if (linked === undefined)
    return {
      sessions: uniqueOldestFirst(await scanWindow()),
      how: 'window scan (looking up the links failed)',
    };
  if (linked.length > 0 || search === 'linked')
    return { sessions: uniqueOldestFirst(linked), how: 'session links in the body' };
  return {
    sessions: uniqueOldestFirst(await scanWindow()),
    how: linkedIds.length > 0 ? 'window scan (links did not match)' : 'window scan',
  };
}

/** Each session once, the oldest first (ties by id, for a stable order). */
function uniqueOldestFirst(sessions: Session[]): Session[] {
  const unique = new Map(sessions.map((session) => [session.id, session]));
  return [...unique.values()].sort((a, b) => a.createdAt - b.createdAt || compareCodeUnits(a.id, b.id));
}
