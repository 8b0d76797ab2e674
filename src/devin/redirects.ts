import { type Headers, header } from '../http/retry-policy.ts';
import { countOf, logText } from '../model/text.ts';

/** Redirects followed within the API's origin, for one call: a gateway may move a path; more hops are a loop. */
const MAX_REDIRECTS = 3;
const REDIRECT_STATUS = new Set([301, 302, 303, 307, 308]);

/** Where a redirect answer points, resolved against the URL that was asked; undefined for any other answer. */
export function redirectTarget(answer: { status: number; headers: Headers }, url: URL): URL | undefined {
  if (!REDIRECT_STATUS.has(answer.status)) return undefined;
  const value = header(answer.headers, 'location');
  if (!value) return undefined;
  try {
    return new URL(value, url);
  } catch {
    return undefined;
  }
}

/**
 * Why a redirect is not followed, or undefined to follow it. The key goes only to the origin of devin-api-url:
 * a redirect elsewhere is refused, whoever answered it.
 */
export function redirectRefusal(
  endpoint: string,
  status: number,
  target: URL,
  start: URL,
  redirectsSoFar: number,
): string | undefined {
  const answered = `The Devin API answered ${status} to ${endpoint}`;
  if (target.origin !== start.origin) {
    return `${answered}, a redirect to another origin (Location: ${logText(target.href, 200)}). The action sends the key only to the origin of devin-api-url (${start.origin}); if the Devin API has moved there, set devin-api-url to that origin.`;
  }
  if (redirectsSoFar >= MAX_REDIRECTS) {
    return `${answered} after ${countOf(redirectsSoFar, 'redirect')} within ${start.origin}, one more (Location: ${logText(target.href, 200)}): the action follows at most ${MAX_REDIRECTS}. Check devin-api-url, and any proxy or gateway in between.`;
  }
  return undefined;
}
