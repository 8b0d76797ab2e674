import { CLOCK_SKEW_SECONDS } from '../model/clock.ts';
import { normalizePullRequestUrl, type PullRequest } from '../model/pull-request.ts';
import type { Session } from '../model/session.ts';
import { compareCodeUnits, countOf } from '../model/text.ts';
import type { DevinApi } from './api.ts';
import { DevinApiError, isConfigurationError } from './errors.ts';
import { linkedSessionIds } from './links.ts';
import { findUpdatedSince } from './list-filters.ts';

/** The `search` input: links in the body first, links only, or the window scan only. */
export const SEARCH_MODES = ['auto', 'linked', 'window'] as const;
export type SearchMode = (typeof SEARCH_MODES)[number];

export interface FoundSessions {
  sessions: Session[];
  /** How they were found, for the log. */
  how: string;
  /** When the listing that this run read began (Unix seconds), for the next run to scan on from. */
  scannedAt?: number;
  /** What the search could not find, for the log and the report: linked sessions the API did not return. */
  notes: string[];
}

export interface SearchPlan {
  mode: SearchMode;
  /** The merge or the merge queue, the last gate: `auto` reads the whole window. */
  atMerge: boolean;
  /** Now, in Unix seconds: when this run's listing begins. */
  now: number;
  /** What an earlier run recorded in its comment: the sessions it reported and when it last listed. */
  earlier?: { sessionIds: readonly string[]; scannedAt?: number };
}

/**
 * The sessions that list this pull request. `auto` looks up the linked sessions and those an earlier run
 * found, by id, and lists the sessions updated since the earlier run's listing (on a first run, since the
 * pull request was created), so that a follow-up session without a link is found before the merge; at the
 * merge it reads the whole window. A link alone never counts: a session belongs to the pull request only when
 * it lists the pull request itself.
 */
export async function findSessions(
  api: DevinApi,
  pullRequest: PullRequest,
  plan: SearchPlan,
  warn: (message: string) => void = () => {},
): Promise<FoundSessions> {
  const { mode } = plan;
  const target = normalizePullRequestUrl(pullRequest.url);
  const listsPullRequest = (urls: readonly string[]) =>
    urls.some((url) => normalizePullRequestUrl(url) === target);
  const belongs = (session: Session) =>
    listsPullRequest(session.pullRequests.map((pullRequest) => pullRequest.url));
  const linkedIds = linkedSessionIds(pullRequest.body);
  const notes: string[] = [];
  const scanSince = (since: number) => findUpdatedSince(api, since - CLOCK_SKEW_SECONDS, listsPullRequest);
  const scanWindow = () => scanSince(pullRequest.createdAt);
  /** The sessions with these ids that list the pull request; in auto, undefined (after a warning) when the lookup fails. */
  const lookUp = async (ids: readonly string[], instead: string): Promise<Session[] | undefined> => {
    if (ids.length === 0) return [];
    let listed: Session[];
    try {
      listed = await api.listByIds(ids);
    } catch (error) {
      // In auto the lookup is only a shortcut: the window scan finds the same sessions, more slowly. Not so
      // when the key, its scope or the URL is wrong: the scan cannot succeed either.
      if (mode !== 'auto' || !(error instanceof DevinApiError) || isConfigurationError(error)) throw error;
      warn(`${error.message} ${instead}`);
      return undefined;
    }
    const returned = new Set(listed.map((session) => session.id.toLowerCase()));
    const unreturned = linkedIds.filter((id) => ids.includes(id) && !returned.has(id));
    if (unreturned.length > 0) {
      const note = `The Devin API did not return ${countOf(unreturned.length, 'session')} linked in the pull request body: ${unreturned.slice(0, NAMED_UNRETURNED).join(', ')}${unreturned.length > NAMED_UNRETURNED ? ` and ${unreturned.length - NAMED_UNRETURNED} more` : ''}. It may belong to another organization than devin-org-id, lie outside the key's scope, or have been deleted.`;
      warn(note);
      notes.push(note);
    }
    return listed.filter(belongs);
  };
  const found = (sessions: Session[], how: string, scannedAt = plan.now): FoundSessions => ({
    sessions: uniqueOldestFirst(sessions),
    how,
    scannedAt,
    notes,
  });

  if (mode === 'window') return found(await scanWindow(), 'window scan');
  if (mode === 'linked') {
    const linked = (await lookUp(linkedIds, '')) ?? [];
    return found(linked, 'session links in the body', plan.earlier?.scannedAt);
  }

  // At the merge the scan finds every session that lists the pull request, as each was updated after the pull
  // request was created; only links it missed are looked up.
  if (plan.atMerge) {
    const scanned = await scanWindow();
    const scannedIds = new Set(scanned.map((session) => session.id.toLowerCase()));
    const linked = await lookUp(
      linkedIds.filter((id) => !scannedIds.has(id)),
      'Keeping the sessions the window scan found.',
    );
    return found([...scanned, ...(linked ?? [])], 'window scan (at the merge)');
  }

  const known = [
    ...new Set([...linkedIds, ...(plan.earlier?.sessionIds ?? []).map((id) => id.toLowerCase())]),
  ];
  const looked = await lookUp(known, 'Looking for them in the window scan instead.');
  if (looked === undefined) return found(await scanWindow(), 'window scan (looking up the links failed)');
  const since = plan.earlier?.scannedAt ?? pullRequest.createdAt;
  const increment = await scanSince(since);
  const from =
    plan.earlier?.scannedAt === undefined ? 'the pull request was created' : 'the last run listed them';
  return found(
    [...looked, ...increment],
    `session links and earlier findings, and the sessions updated since ${from}`,
  );
}

/** How many linked sessions the API did not return a warning names; the others are counted. */
const NAMED_UNRETURNED = 10;

/** Each session once, the oldest first (ties by id, for a stable order). */
function uniqueOldestFirst(sessions: Session[]): Session[] {
  const unique = new Map(sessions.map((session) => [session.id, session]));
  return [...unique.values()].sort((a, b) => a.createdAt - b.createdAt || compareCodeUnits(a.id, b.id));
}
