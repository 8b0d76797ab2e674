import type { Session } from '../model/session.ts';

/** What the flow needs of a Devin API version; each version's adapter maps its responses into Sessions. */
export interface DevinApi {
  /** The sessions with these ids, in as few requests as the API allows. */
  listByIds(ids: readonly string[]): Promise<Session[]>;
  /**
   * The sessions updated at or after `since` (Unix seconds) that list a pull request URL for which `wanted`
   * is true, each handed to `take` as it is read and none kept. A scan of several pages ends by reading again
   * what changed since it began, so that a session updated meanwhile is not missed: a session may come more
   * than once, an older copy after a newer one, and the taker keeps the one with the newest `updatedAt`
   * (`findUpdatedSince` in list-filters.ts does).
   */
  scanUpdatedSince(
    since: number,
    wanted: (pullRequestUrls: readonly string[]) => boolean,
    take: (session: Session) => void,
  ): Promise<void>;
  /** The session as it is now. */
  get(session: Session): Promise<Session>;
  /**
   * Asks Devin to analyse the session; answers the API's status (`started`, `already_exists`, …). Absent
   * where the API cannot start an analysis.
   */
  generate?(session: Session): Promise<string>;
}
