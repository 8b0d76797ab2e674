import { ExpectedFailure } from './expected-failure.ts';

export interface PullRequest {
  owner: string;
  repo: string;
  number: number;
  /** The pull request's web URL (html_url). */
  url: string;
  body: string;
  /** Unix seconds. */
  createdAt: number;
  merged: boolean;
  /** Label names, for override-label. */
  labels: string[];
  /** The head commit, where a commit status goes; absent where the payload has none. */
  headSha?: string;
}

export class PullRequestError extends ExpectedFailure {
  override name = 'PullRequestError';
}

/** Maps a pull request object as GitHub's REST API and webhooks spell it. */
export function fromPayload(
  pull: Record<string, unknown>,
  context: { repo: { owner: string; repo: string } },
): PullRequest {
  const base = (pull.base as { repo?: { name?: string; owner?: { login?: string } } } | undefined)?.repo;
  return {
    owner: base?.owner?.login ?? context.repo.owner,
    repo: base?.name ?? context.repo.repo,
    number: Number(pull.number),
    url: String(pull.html_url),
    body: typeof pull.body === 'string' ? pull.body : '',
    createdAt: Math.floor(Date.parse(String(pull.created_at)) / 1000),
    merged: pull.merged === true || (typeof pull.merged_at === 'string' && pull.merged_at !== ''),
    labels: labelNames(pull.labels),
    headSha: headShaOf(pull.head),
  };
}

function headShaOf(head: unknown): string | undefined {
  const sha = (head as { sha?: unknown } | null | undefined)?.sha;
  return typeof sha === 'string' && /^[0-9a-f]{40}$/i.test(sha) ? sha : undefined;
}

function labelNames(labels: unknown): string[] {
  if (!Array.isArray(labels)) return [];
  return labels.flatMap((label: { name?: unknown } | string | null) => {
    const name = typeof label === 'string' ? label : label?.name;
    return typeof name === 'string' ? [name] : [];
  });
}

/**
 * What every normalised URL of a pull request of this repository starts with (`host/owner/repo/`), on the
 * GitHub server `host` names.
 */
export function repositoryUrlPrefix(repository: { host: string; owner: string; repo: string }): string {
  return `${canonicalHost(repository.host)}/${repository.owner}/${repository.repo}/`.toLowerCase();
}

/** A GitHub host as URLs compare it: lower case, without `www.`. */
export function canonicalHost(host: string): string {
  return host.toLowerCase().replace(/^www\./, '');
}

/**
 * A pull request URL reduced to `host/owner/repo/number`, so that every spelling of one pull request
 * compares equal: any scheme and host case, `pull` or `pulls`, REST API URLs, trailing slashes, queries,
 * fragments and sub-pages (`/files`, `/commits`). Undefined when the text is not a pull request URL.
 */
export function normalizePullRequestUrl(text: string): string | undefined {
  return plainPullRequestKey(text) ?? parsedPullRequestKey(text);
}

/**
 * `https://host/owner/repo/pull/N` with plain names: the form GitHub and Devin write, which the URL parser would
 * leave as it is but for the host's case. Host labels start with a letter (not an IP address), no port.
 */
const PLAIN_PULL_REQUEST_URL =
  /^https?:\/\/((?:[A-Za-z][A-Za-z0-9-]*\.)*[A-Za-z][A-Za-z0-9-]*)\/([\w.-]+)\/([\w.-]+)\/pulls?\/(\d+)$/;

/**
 * The key of a URL in the plain form, read without the URL parser: a scan reads the URLs of a hundred thousand
 * sessions. Undefined for anything the parser could change: a `.` or `..` segment, a REST API path (`repos/…`).
 */
function plainPullRequestKey(text: string): string | undefined {
  const match = PLAIN_PULL_REQUEST_URL.exec(text);
  if (match === null) return undefined;
  const [, host = '', owner = '', repo = '', number = ''] = match;
  if (isDotSegment(owner) || isDotSegment(repo) || owner === 'repos') return undefined;
  return `${canonicalHost(host)}/${owner.toLowerCase()}/${repo.toLowerCase()}/${Number(number)}`;
}

function isDotSegment(segment: string): boolean {
  return segment === '.' || segment === '..';
}

function parsedPullRequestKey(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  let host = canonicalHost(url.host);
  let segments = url.pathname.split('/').filter((segment) => segment !== '');
  if (host === 'api.github.com' && segments[0] === 'repos') {
    host = 'github.com';
    segments = segments.slice(1);
  } else if (segments[0] === 'api' && segments[1] === 'v3' && segments[2] === 'repos') {
    segments = segments.slice(3);
  }
  const [owner, repo, kind, number] = segments;
  if (!owner || !repo || (kind !== 'pull' && kind !== 'pulls') || !number || !/^\d+$/.test(number))
    return undefined;
  return `${host}/${owner.toLowerCase()}/${repo.toLowerCase()}/${Number(number)}`;
}
