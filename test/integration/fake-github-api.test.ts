import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { graphqlUrlFor, parseFileCommands, runAction } from '../e2e/harness.ts';
import { ACTIONS_BOT, type FakeGitHubApi, type FakeUser, startFakeGitHubApi } from '../fakes/github-api.ts';
import { type PullRequestAction, pullRequestEvent, workflowDispatchEvent } from '../fakes/webhooks.ts';

const OWNER = 'acme';
const REPO = 'widgets';
const PR = 7;
const BOT_TOKEN = 'ghs_fake_token';
const USER_TOKEN = 'ghp_user_token';
const FORK_TOKEN = 'ghs_fork_token';
const OCTOCAT: FakeUser = { login: 'octocat', id: 583231, type: 'User' };

function headers(token = BOT_TOKEN): Record<string, string> {
  return { authorization: `token ${token}`, 'content-type': 'application/json' };
}

interface CommentJson {
  id: number;
  body: string;
  html_url: string;
}

async function json<T>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

function nextLink(response: Response): string | undefined {
  return /<([^>]+)>;\s*rel="next"/.exec(response.headers.get('link') ?? '')?.[1];
}

describe('fake GitHub API', () => {
  let api: FakeGitHubApi;
  const commentsUrl = () => `${api.url}/repos/${OWNER}/${REPO}/issues/${PR}/comments`;
  const post = (body: unknown, token = BOT_TOKEN) =>
    fetch(commentsUrl(), { method: 'POST', headers: headers(token), body: JSON.stringify(body) });

  beforeEach(async () => {
    api = await startFakeGitHubApi({
      pulls: [
        { owner: OWNER, repo: REPO, number: PR, body: 'Devin session https://app.devin.ai/sessions/abc' },
      ],
      tokens: { [BOT_TOKEN]: ACTIONS_BOT, [USER_TOKEN]: OCTOCAT, [FORK_TOKEN]: ACTIONS_BOT },
      readOnlyTokens: [FORK_TOKEN],
    });
  });
  afterEach(() => api.close());

  it('serves a realistic pull request and 404 for an unknown one', async () => {
    const response = await fetch(`${api.url}/repos/${OWNER}/${REPO}/pulls/${PR}`, { headers: headers() });
    const pull = await response.json();
    expect(response.status).toBe(200);
    expect(response.headers.get('x-ratelimit-resource')).toBe('core');
    expect(pull).toMatchObject({
      number: PR,
      state: 'open',
      merged: false,
      html_url: `https://github.com/${OWNER}/${REPO}/pull/${PR}`,
      base: { repo: { full_name: `${OWNER}/${REPO}` } },
    });
    const missing = await fetch(`${api.url}/repos/${OWNER}/${REPO}/pulls/999`, { headers: headers() });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ message: 'Not Found' });
  });

  it('paginates 250 comments oldest first with Link headers', async () => {
    for (let index = 0; index < 250; index++) {
      api.addComment({ owner: OWNER, repo: REPO, issue_number: PR, body: `comment ${index}`, user: OCTOCAT });
    }
    const bodies: string[] = [];
    const links: string[] = [];
    let url: string | undefined = `${commentsUrl()}?per_page=100`;
    while (url) {
      const response = await fetch(url, { headers: headers() });
      links.push(response.headers.get('link') ?? '');
      bodies.push(...(await json<CommentJson[]>(response)).map((comment) => comment.body));
      url = nextLink(response);
    }
    expect(bodies).toHaveLength(250);
    expect(bodies[0]).toBe('comment 0');
    expect(bodies[249]).toBe('comment 249');
    expect(links[0]).toBe(
      `<${commentsUrl()}?per_page=100&page=2>; rel="next", <${commentsUrl()}?per_page=100&page=3>; rel="last"`,
    );
    expect(links[2]).toContain('rel="prev"');
    expect(links[2]).not.toContain('rel="next"');
  });

  it('creates, updates and deletes a comment as the token identity', async () => {
    const created = await post({ body: 'first' });
    const comment = await json<CommentJson>(created);
    expect(created.status).toBe(201);
    expect(comment).toMatchObject({ body: 'first', user: { login: 'github-actions[bot]', type: 'Bot' } });
    expect(comment.html_url).toBe(
      `https://github.com/${OWNER}/${REPO}/pull/${PR}#issuecomment-${comment.id}`,
    );
    const second = await json<CommentJson>(await post({ body: 'second' }, USER_TOKEN));
    expect(second.id).toBeGreaterThan(comment.id);

    const commentUrl = `${api.url}/repos/${OWNER}/${REPO}/issues/comments/${comment.id}`;
    const patched = await fetch(commentUrl, {
      method: 'PATCH',
      headers: headers(),
      body: '{"body":"edited"}',
    });
    expect(patched.status).toBe(200);
    expect(api.commentsOn(OWNER, REPO, PR).map((c) => c.body)).toEqual(['edited', 'second']);

    const deleted = await fetch(commentUrl, { method: 'DELETE', headers: headers() });
    expect(deleted.status).toBe(204);
    expect(api.comments.map((c) => c.body)).toEqual(['second']);
    expect(api.requests.map((r) => `${r.method} ${r.status}`)).toEqual([
      'POST 201',
      'POST 201',
      'PATCH 200',
      'DELETE 204',
    ]);
  });

  it('rejects bodies over 65,536 characters and missing bodies with 422', async () => {
    const tooLong = await post({ body: 'x'.repeat(65_537) });
    expect(tooLong.status).toBe(422);
    expect(await tooLong.json()).toMatchObject({
      message: 'Validation Failed',
      errors: [{ field: 'body', message: 'body is too long (maximum is 65536 characters)' }],
    });
    expect((await post({ body: 'x'.repeat(65_536) })).status).toBe(201);
    expect((await post({})).status).toBe(422);
  });

  it('answers 401 for bad or missing credentials and 403 for read-only writes', async () => {
    const bad = await fetch(commentsUrl(), { headers: headers('nope') });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toMatchObject({ message: 'Bad credentials' });
    expect((await fetch(commentsUrl())).status).toBe(401);
    const fork = await post({ body: 'hi' }, FORK_TOKEN);
    expect(fork.status).toBe(403);
    expect(await fork.json()).toMatchObject({ message: 'Resource not accessible by integration' });
  });

  it('answers /user 403 for the bot and 200 for a user, and the graphql viewer for both', async () => {
    expect((await fetch(`${api.url}/user`, { headers: headers() })).status).toBe(403);
    const user = await fetch(`${api.url}/user`, { headers: { authorization: `Bearer ${USER_TOKEN}` } });
    expect(await user.json()).toMatchObject({ login: 'octocat', id: 583231, type: 'User' });

    const viewer = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: headers(),
      body: JSON.stringify({ query: 'query { viewer { login databaseId } }' }),
    });
    expect(await viewer.json()).toEqual({
      data: { viewer: { login: 'github-actions[bot]', databaseId: 41898282 } },
    });
    const other = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: headers(),
      body: JSON.stringify({ query: '{ repository(owner:"a", name:"b") { id } }' }),
    });
    expect(other.status).toBe(200);
    expect(await other.json()).toHaveProperty('errors');
  });

  it('answers queued faults first, then recovers', async () => {
    api.injectFault({ method: 'GET', pathIncludes: '/comments', status: 502, times: 2 });
    api.injectFault({ status: 429, headers: { 'retry-after': '1', 'x-ratelimit-remaining': '0' } });
    expect((await fetch(commentsUrl(), { headers: headers() })).status).toBe(502);
    expect((await fetch(commentsUrl(), { headers: headers() })).status).toBe(502);
    const limited = await fetch(commentsUrl(), { headers: headers() });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect((await fetch(commentsUrl(), { headers: headers() })).status).toBe(200);
    expect((await fetch(`${api.url}/nope`, { headers: headers() })).status).toBe(404);
  });
});

describe('fake GitHub API under a GHES prefix', () => {
  it('serves REST under /api/v3 and GraphQL at /api/graphql', async () => {
    const api = await startFakeGitHubApi({
      pathPrefix: '/api/v3',
      htmlHost: 'ghes.example.com',
      pulls: [{ owner: OWNER, repo: REPO, number: PR }],
    });
    try {
      expect(api.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v3$/);
      const pullUrl = `${api.url}/repos/${OWNER}/${REPO}/pulls/${PR}`;
      const pull = await json<{ html_url: string }>(await fetch(pullUrl, { headers: headers() }));
      expect(pull.html_url).toBe(`https://ghes.example.com/${OWNER}/${REPO}/pull/${PR}`);
      const outside = await fetch(`${new URL(api.url).origin}/repos/${OWNER}/${REPO}/pulls/${PR}`, {
        headers: headers(),
      });
      expect(outside.status).toBe(404);
      const viewer = await fetch(graphqlUrlFor(api.url), {
        method: 'POST',
        headers: headers(),
        body: '{"query":"{ viewer { login } }"}',
      });
      expect(await viewer.json()).toMatchObject({ data: { viewer: { login: 'github-actions[bot]' } } });
      expect(api.requests.map((request) => request.path)).toEqual([
        `/repos/${OWNER}/${REPO}/pulls/${PR}`,
        `/repos/${OWNER}/${REPO}/pulls/${PR}`,
        '/graphql',
      ]);
    } finally {
      await api.close();
    }
  });
});

describe('webhook payloads', () => {
  const actions: PullRequestAction[] = [
    'opened',
    'reopened',
    'synchronize',
    'ready_for_review',
    'edited',
    'closed',
  ];

  it.each(actions)('rewrites the %s example to the requested pull request', (action) => {
    const merged = action === 'closed';
    const { eventName, payload } = pullRequestEvent(
      action,
      { owner: OWNER, repo: REPO, number: 42, body: 'hello', createdAt: '2025-01-02T03:04:05Z', merged },
      'pull_request_target',
    );
    expect(eventName).toBe('pull_request_target');
    expect(payload).toMatchObject({
      action,
      number: 42,
      repository: { full_name: `${OWNER}/${REPO}`, name: REPO, owner: { login: OWNER } },
      pull_request: {
        number: 42,
        html_url: `https://github.com/${OWNER}/${REPO}/pull/42`,
        url: `https://api.github.com/repos/${OWNER}/${REPO}/pulls/42`,
        body: 'hello',
        created_at: '2025-01-02T03:04:05Z',
        merged,
        state: merged ? 'closed' : 'open',
      },
    });
    expect(JSON.stringify(payload)).not.toMatch(/Codertocat\/Hello-World|\/pull\/2\b/);
  });

  it('uses the server URL for GHES hosts and builds workflow_dispatch payloads', () => {
    const { payload } = pullRequestEvent('opened', {
      owner: OWNER,
      repo: REPO,
      number: 3,
      serverUrl: 'https://ghes.example.com',
    });
    expect(payload).toMatchObject({
      pull_request: {
        html_url: `https://ghes.example.com/${OWNER}/${REPO}/pull/3`,
        url: `https://ghes.example.com/api/v3/repos/${OWNER}/${REPO}/pulls/3`,
      },
    });
    const dispatch = workflowDispatchEvent({ owner: OWNER, repo: REPO }, { 'pr-number': '7' });
    expect(dispatch.eventName).toBe('workflow_dispatch');
    expect(dispatch.payload).toMatchObject({
      inputs: { 'pr-number': '7' },
      repository: { full_name: `${OWNER}/${REPO}`, html_url: `https://github.com/${OWNER}/${REPO}` },
    });
  });
});

describe('e2e harness', () => {
  let scriptDir: string;
  const script = (name: string) => path.join(scriptDir, name);

  beforeAll(async () => {
    scriptDir = await mkdtemp(path.join(os.tmpdir(), 'harness-test-'));
    await writeFile(
      script('echo.mjs'),
      `import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
const env = process.env;
const event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8'));
writeFileSync('report.json', JSON.stringify({ number: event.number }));
appendFileSync(env.GITHUB_OUTPUT, 'multi<<ghadelimiter_1\\nline one\\nline two\\nghadelimiter_1\\n');
appendFileSync(env.GITHUB_OUTPUT, 'key=' + env['INPUT_DEVIN-API-KEY'] + '\\n');
appendFileSync(env.GITHUB_OUTPUT, 'env<<EOF\\n' + JSON.stringify(env) + '\\nEOF\\n');
appendFileSync(env.GITHUB_OUTPUT, 'report<<EOF\\nreport.json\\nEOF\\n');
appendFileSync(env.GITHUB_STEP_SUMMARY, '## Summary\\n');
console.log('hello from the action');
console.error('warning text');
process.exitCode = 3;
`,
    );
    await writeFile(script('hang.mjs'), 'setInterval(() => {}, 1000);\n');
  });
  afterAll(() => rm(scriptDir, { recursive: true, force: true }));

  it('runs a script with runner env, inputs and file commands', async () => {
    const result = await runAction({
      entry: script('echo.mjs'),
      inputs: { 'devin-api-key': 'cog_x', 'fail on labels': 'testing' },
      event: pullRequestEvent('opened', { owner: OWNER, repo: REPO, number: 9 }),
      githubApiUrl: 'http://127.0.0.1:1/api/v3',
      env: { HTTPS_PROXY: 'http://proxy:8080', RUNNER_OS: undefined },
    });
    const env = JSON.parse(result.outputs.env ?? '{}');
    expect(result.exitCode).toBe(3);
    expect(result.stdout).toBe('hello from the action\n');
    expect(result.stderr).toBe('warning text\n');
    expect(result.outputs.multi).toBe('line one\nline two');
    expect(result.outputs.key).toBe('cog_x');
    expect(result.summary).toBe('## Summary\n');
    expect(result.reportFile).toEqual({ number: 9 });
    expect(env).toMatchObject({
      GITHUB_ACTIONS: 'true',
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_REPOSITORY: `${OWNER}/${REPO}`,
      GITHUB_API_URL: 'http://127.0.0.1:1/api/v3',
      GITHUB_GRAPHQL_URL: 'http://127.0.0.1:1/api/graphql',
      GITHUB_REF: 'refs/pull/9/merge',
      GITHUB_RUN_ID: '4242',
      INPUT_FAIL_ON_LABELS: 'testing',
      HTTPS_PROXY: 'http://proxy:8080',
    });
    expect(env).not.toHaveProperty('RUNNER_OS');
    expect(env).not.toHaveProperty('VITEST');
    expect(env).not.toHaveProperty('INPUT_GITHUB-TOKEN');
  });

  it('kills a hanging action and reports its output', async () => {
    const run = runAction({
      entry: script('hang.mjs'),
      inputs: {},
      event: workflowDispatchEvent({ owner: OWNER, repo: REPO }),
      githubApiUrl: 'https://api.github.com',
      timeoutMs: 200,
    });
    await expect(run).rejects.toThrow(/timed out after 200 ms/);
  });

  it('parses name=value lines and heredoc outputs together', () => {
    expect(parseFileCommands('a=1\nb<<X\n\nx=y\nX\nc=\n')).toEqual({ a: '1', b: '\nx=y', c: '' });
  });
});
