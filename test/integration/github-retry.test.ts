import { afterEach, describe, expect, it } from 'vitest';
import { createGitHubClient, type GitHubClient, statusOf } from '../../src/github/client.ts';
import { FakeClock } from '../fake-clock.ts';
import { ACTIONS_BOT, type FakeGitHubApi, startFakeGitHubApi } from '../fakes/github-api.ts';

const OWNER = 'acme';
const REPO = 'widgets';
const PR = 7;
const TOKEN = 'ghs_fake_token';
const READ_ONLY_TOKEN = 'ghs_read_only';
const COMMENTS = `/repos/${OWNER}/${REPO}/issues/${PR}/comments`;

let api: FakeGitHubApi | undefined;

afterEach(async () => {
  await api?.close();
  api = undefined;
});

async function setUp(token = TOKEN): Promise<{
  api: FakeGitHubApi;
  octokit: GitHubClient;
  clock: FakeClock;
  warnings: string[];
}> {
  api = await startFakeGitHubApi({
    tokens: { [TOKEN]: ACTIONS_BOT, [READ_ONLY_TOKEN]: ACTIONS_BOT },
    readOnlyTokens: [READ_ONLY_TOKEN],
  });
  api.addPull({ owner: OWNER, repo: REPO, number: PR, body: '', created_at: new Date().toISOString() });
  const clock = new FakeClock(Date.UTC(2026, 0, 5, 12));
  const warnings: string[] = [];
  const octokit = await createGitHubClient(token, api.url, (message) => warnings.push(message), clock);
  return { api, octokit, clock, warnings };
}

const listComments = (octokit: GitHubClient) =>
  octokit.rest.issues.listComments({ owner: OWNER, repo: REPO, issue_number: PR });
const postComment = (octokit: GitHubClient, body: string) =>
  octokit.rest.issues.createComment({ owner: OWNER, repo: REPO, issue_number: PR, body });
const requestsTo = (fake: FakeGitHubApi, method: string) =>
  fake.requests.filter((request) => request.method === method && request.path === COMMENTS);

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.unreachable('the request should have failed'),
    (reason: unknown) => reason,
  );
}

/** GitHub's primary rate limit on listing the comments: a 403 with nothing remaining until `reset` (Unix s). */
function injectRateLimit(api: FakeGitHubApi, reset: number): void {
  api.injectFault({
    method: 'GET',
    pathIncludes: COMMENTS,
    status: 403,
    headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) },
    body: JSON.stringify({ message: 'API rate limit exceeded' }),
  });
}

describe('GitHub client retries', () => {
  it('waits out a primary rate limit until x-ratelimit-reset on the clock, and warns', async () => {
    const { api, octokit, clock, warnings } = await setUp();
    const reset = Math.floor(clock.now() / 1000) + 30;
    injectRateLimit(api, reset);

    const { status } = await listComments(octokit);

    expect(status).toBe(200);
    expect(clock.sleeps).toEqual([reset * 1000 - Date.UTC(2026, 0, 5, 12)]);
    expect(requestsTo(api, 'GET')).toHaveLength(2);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /^GitHub rate limit hit for GET http.*\/issues\/7\/comments; retrying after 30 s\.$/,
    );
  });

  it('waits the Retry-After of a secondary rate limit', async () => {
    const { api, octokit, clock, warnings } = await setUp();
    api.injectFault({
      method: 'GET',
      pathIncludes: COMMENTS,
      status: 403,
      headers: { 'retry-after': '7' },
      body: JSON.stringify({ message: 'You have exceeded a secondary rate limit.' }),
    });

    await listComments(octokit);

    expect(clock.sleeps).toEqual([7000]);
    expect(warnings[0]).toContain('retrying after 7 s');
  });

  it('does not retry a permission 403 and passes its status on', async () => {
    const { api, octokit, clock, warnings } = await setUp(READ_ONLY_TOKEN);

    const error = await rejection(postComment(octokit, 'report'));

    expect(statusOf(error)).toBe(403);
    expect(requestsTo(api, 'POST')).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
    expect(warnings).toEqual([]);
  });

  it('sends the body of a write again when it retries a 502, with backoff on the clock', async () => {
    const { api, octokit, clock } = await setUp();
    api.injectFault({ method: 'POST', pathIncludes: COMMENTS, status: 502, times: 2 });

    const { data } = await postComment(octokit, 'the report, whole');

    expect(data.body).toBe('the report, whole');
    expect(api.commentsOn(OWNER, REPO, PR).map((comment) => comment.body)).toEqual(['the report, whole']);
    expect(requestsTo(api, 'POST').map((request) => request.status)).toEqual([502, 502, 201]);
    expect(clock.sleeps).toHaveLength(2);
    expect(clock.sleeps[0]).toBeGreaterThanOrEqual(500);
    expect(clock.sleeps[0]).toBeLessThanOrEqual(1000);
    expect(clock.sleeps[1]).toBeGreaterThanOrEqual(1000);
    expect(clock.sleeps[1]).toBeLessThanOrEqual(2000);
  });

  it('asks again from the start when the connection drops partway through a 200', async () => {
    const { api, octokit, clock } = await setUp();
    const bodies = Array.from({ length: 30 }, (_, index) => `comment ${index}`);
    for (const body of bodies) api.addComment({ owner: OWNER, repo: REPO, issue_number: PR, body });
    const listing = JSON.stringify(bodies.map((body) => ({ body })));
    api.injectFault({
      method: 'GET',
      pathIncludes: COMMENTS,
      status: 200,
      body: listing,
      cutAfterBytes: Math.floor(listing.length / 2),
    });

    const { data } = await listComments(octokit);

    expect(data.map((comment) => comment.body)).toEqual(bodies);
    expect(requestsTo(api, 'GET')).toHaveLength(2);
    expect(clock.sleeps).toHaveLength(1);
  });

  it('gives up after five attempts and reports the status GitHub last answered', async () => {
    const { api, octokit, clock } = await setUp();
    api.injectFault({ method: 'GET', pathIncludes: COMMENTS, status: 503, times: Number.POSITIVE_INFINITY });

    const error = await rejection(listComments(octokit));

    expect(statusOf(error)).toBe(503);
    expect(requestsTo(api, 'GET')).toHaveLength(5);
    expect(clock.sleeps).toHaveLength(4);
  });

  it('does not wait for a rate limit that resets after the retry budget, and reports the 403', async () => {
    const { api, octokit, clock, warnings } = await setUp();
    const reset = Math.floor(clock.now() / 1000) + 3600;
    injectRateLimit(api, reset);

    const error = await rejection(listComments(octokit));

    expect(statusOf(error)).toBe(403);
    expect(requestsTo(api, 'GET')).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
    expect(warnings).toEqual([]);
  });
});
