import { bareSessionId, type Session } from '../model/session.ts';
import { API_CONCURRENCY, runConcurrently } from '../util/concurrency.ts';
import type { DevinApi } from './api.ts';
import { pullRequestUrlsOf } from './schemas.ts';

/**
 * Ids per `session_ids` filter: 50 ids of 32 hex digits keep a request URL near 2.5 KB, well under the 8 KB
 * that proxies commonly allow for a request line.
 */
const IDS_PER_REQUEST = 50;

/**
 * The sessions with these ids, listed in batches of `session_ids` filters (a few at once) by `list`; each id
 * is sent once, as the documents' session ID (without `devin-`).
 */
export async function listSessionsByIds(
  ids: readonly string[],
  list: (sessionIds: string[]) => AsyncIterable<unknown>,
  toSession: (item: unknown) => Session,
): Promise<Session[]> {
  const sessions: Session[] = [];
  await runConcurrently(
    sessionIdBatches(ids).map((batch) => async () => {
      sessions.push(...(await keepSessionsWithIds(list(batch), batch, toSession)));
    }),
    API_CONCURRENCY,
  );
  return sessions;
}

function sessionIdBatches(ids: readonly string[]): string[][] {
  const unique = [...new Set(ids.map(bareSessionId))];
  const batches: string[][] = [];
  for (let start = 0; start < unique.length; start += IDS_PER_REQUEST)
    batches.push(unique.slice(start, start + IDS_PER_REQUEST));
  return batches;
}

/** The listed sessions whose ids were asked for (a filter the API might apply loosely); hex ids, any case. */
async function keepSessionsWithIds(
  items: AsyncIterable<unknown>,
  ids: readonly string[],
  toSession: (item: unknown) => Session,
): Promise<Session[]> {
  const wanted = new Set(ids.map((id) => bareSessionId(id).toLowerCase()));
  const sessions: Session[] = [];
  for await (const item of items) {
    const session = toSession(item);
    if (wanted.has(session.id.toLowerCase())) sessions.push(session);
  }
  return sessions;
}

/** Hands each listed session that names a wanted pull request to `take`; the others are skipped without being validated. */
export async function takeSessionsNaming(
  items: AsyncIterable<unknown>,
  wanted: (pullRequestUrls: readonly string[]) => boolean,
  toSession: (item: unknown) => Session,
  take: (session: Session) => void,
): Promise<void> {
  for await (const item of items) {
    if (wanted(pullRequestUrlsOf(item))) take(toSession(item));
  }
}

/**
 * The sessions updated since `since` (Unix seconds) whose pull request URLs are wanted, each once with its
 * newest data: the API's scan can hand over two copies of a session in either order.
 */
export async function findUpdatedSince(
  api: Pick<DevinApi, 'scanUpdatedSince'>,
  since: number,
  wanted: (pullRequestUrls: readonly string[]) => boolean,
): Promise<Session[]> {
  const found = new Map<string, Session>();
  await api.scanUpdatedSince(since, wanted, (session) => {
    const known = found.get(session.id);
    if (known === undefined || session.updatedAt >= known.updatedAt) found.set(session.id, session);
  });
  return [...found.values()];
}
