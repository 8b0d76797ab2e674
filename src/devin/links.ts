import { bareSessionId } from '../model/session.ts';

const SESSION_LINK = /https?:\/\/[^\s/]*devin\.ai\/sessions\/([A-Za-z0-9_-]+)/gi;
const LABELLED_LINK =
  /Link to Devin (?:run|session)\s*:\s*<?https?:\/\/[^\s/]+\/sessions\/([A-Za-z0-9_-]+)/gi;

/**
 * Session ids that the pull request body links to (Devin writes `Link to Devin run: …/sessions/<id>`),
 * lower-cased: the ids are hex, and a link may spell them in upper case.
 */
export function linkedSessionIds(body: string): string[] {
  const ids = new Set<string>();
  for (const pattern of [SESSION_LINK, LABELLED_LINK]) {
    for (const match of body.matchAll(pattern)) {
      if (match[1]) ids.add(bareSessionId(match[1].toLowerCase()));
    }
  }
  return [...ids];
}
