import { bareSessionId, devinId, type Session } from '../session.ts';
import { pullRequestUrlsOf } from './schemas.ts';

/** The `session_ids` filter for these ids: each in both forms, since the API may store either. */
export function sessionIdFilter(ids: readonly string[]): string[] {
  return [...new Set(ids.flatMap((id) => [bareSessionId(id), devinId(id)]))];
}

/** The listed sessions whose ids were asked for (a filter the API might apply loosely); hex ids, any case. */
export async function keepSessionsWithIds(
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

/** The listed sessions that name a wanted pull request; the others are skipped without being validated. */
export async function keepSessionsNaming(
  items: AsyncIterable<unknown>,
  wanted: (pullRequestUrls: readonly string[]) => boolean,
  toSession: (item: unknown) => Session,
): Promise<Session[]> {
  const sessions: Session[] = [];
  for await (const item of items) {
    if (wanted(pullRequestUrlsOf(item))) sessions.push(toSession(item));
  }
  return sessions;
}
