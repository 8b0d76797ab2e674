import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { BASE_TIME, makeAnalysis } from '../fakes/devin-data.ts';
import { ACTIONS_BOT } from '../fakes/github-api.ts';
import type { WebhookEvent } from '../fakes/webhooks.ts';
import { runAction } from './harness.ts';
import { commentBody, DEVIN_KEY, GITHUB_TOKEN, iso, link, MARKER, sessionOn, stage } from './stage.ts';

const repo = { owner: 'acme', repo: 'shop' };

describe('Devin API faults', () => {
  it('retries 429 with Retry-After and an HTML 503 from a proxy, and loses nothing', async () => {
    const session = sessionOn(31, { analysis: null });
    const { devin, github, run, pullRequest } = await stage({
      sessions: [session],
      generation: { [session.session_id]: { readsUntilReady: 1 } },
    });
    devin.injectFault({ kind: 'enterprise-list', status: 429, headers: { 'retry-after': '0' } });
    devin.injectFault({
      kind: 'enterprise-get',
      status: 503,
      body: '<html><body>Service Unavailable</body></html>',
    });
    devin.injectFault({ kind: 'generate', reset: true });
    const event = pullRequest('opened', { ...repo, number: 31, body: link(session.session_id) });

    const result = await run(event);

    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.stdout).toMatch(
      /^The Devin API answered 429 to GET \/v3\/enterprise\/sessions\/insights.*Retrying/m,
    );
    expect(result.stdout).toMatch(/^The Devin API answered 503 .*text\/html.*Service Unavailable.*Retrying/m);
    // A retry is a log line, not an annotation.
    expect(result.stdout).not.toContain('::warning::');
    expect(devin.countRequests('enterprise-list')).toBe(3);
    expect(result.outputs['issue-count']).toBe('3');
    expect(github.commentsOn('acme', 'shop', 31)).toHaveLength(1);
  });

  it('does not retry a 403 and names the permission in one line, without a stack trace', async () => {
    const { devin, run, pullRequest } = await stage({ forbidden: ['enterprise-list'] });
    const event = pullRequest('opened', { ...repo, number: 32, createdAt: iso(BASE_TIME) });

    const result = await run(event);

    expect(result.exitCode).toBe(1);
    expect(devin.countRequests('enterprise-list')).toBe(1);
    const errors = result.stdout.split('\n').filter((line) => line.startsWith('::error::'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/403 to GET \/v3\/enterprise\/sessions\/insights.*ViewAccountSessions/);
    expect(result.stdout + result.stderr).not.toMatch(/\n\s+at /);
  });

  it('shows the loc and msg of a 422', async () => {
    const { devin, run, pullRequest } = await stage();
    devin.injectFault({
      kind: 'enterprise-list',
      status: 422,
      body: JSON.stringify({
        detail: [
          { loc: ['query', 'updated_after'], msg: 'Input should be a valid integer', type: 'int_parsing' },
        ],
      }),
    });
    const event = pullRequest('opened', { ...repo, number: 33, createdAt: iso(BASE_TIME) });

    const result = await run(event);

    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/::error::.*422.*query\.updated_after.*Input should be a valid integer/);
  });

  it('reports a failed generate (404) as a warning naming the session and org, and still comments', async () => {
    const session = sessionOn(34, { analysis: null });
    const { devin, github, run, pullRequest } = await stage({ sessions: [session] });
    devin.injectFault({
      kind: 'generate',
      status: 404,
      body: JSON.stringify({ detail: 'Session not found' }),
    });
    const event = pullRequest('opened', { ...repo, number: 34, body: link(session.session_id) });

    const result = await run(event);

    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.stdout).toMatch(
      new RegExp(
        `::warning::Could not ask Devin to analyse session ${session.session_id}: .*404.*devin-${session.session_id} in org ${session.org_id}`,
      ),
    );
    expect(commentBody(github, 'acme', 'shop', 34)).toContain('Devin could not be asked for one');
  });

  it('accepts unknown enum values and extra fields and shows them as they are', async () => {
    const session = sessionOn(35, {
      status: 'hibernating',
      status_detail: 'waiting_for_quota_reset',
      session_size: 'xxl',
      brand_new_field: { nested: true },
      _off_contract: true,
      analysis: {
        ...makeAnalysis(),
        issues: [
          { id: 'i1', issue: 'Ran out of disk', impact: 'Sev 1', label: 'Infrastructure', severity: 9 },
        ],
        action_items: [
          { issue_id: 'i1', type: 'capacity_planning', action_item: 'Give the machine more disk' },
        ],
      },
    });
    const { github, run, pullRequest } = await stage({ sessions: [session] });
    const event = pullRequest('opened', { ...repo, number: 35, body: link(session.session_id) });

    const result = await run(event);

    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.outputs['session-size']).toBe('xxl');
    const body = commentBody(github, 'acme', 'shop', 35);
    expect(body).toContain('hibernating: waiting\\_for\\_quota\\_reset');
    expect(body).toContain('| Sev 1 |');
    expect(body).toContain('Ran out of disk');
    expect(body).toMatch(/Capacity planning|capacity\\_planning/);
  });

  it('names the missing field when an answer lacks what the action needs', async () => {
    const { devin, run, pullRequest } = await stage();
    devin.injectFault({ kind: 'enterprise-list', status: 200, body: JSON.stringify({ data: [] }) });
    const event = pullRequest('opened', { ...repo, number: 36, createdAt: iso(BASE_TIME) });

    const result = await run(event);

    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/::error::.*GET \/v3\/enterprise\/sessions\/insights.*items/);
  });
});

describe('GitHub faults', () => {
  it('retries a 502 on the comment write and ends with one comment', async () => {
    const session = sessionOn(37);
    const { github, run, pullRequest } = await stage({ sessions: [session] });
    github.injectFault({ method: 'POST', pathIncludes: '/issues/37/comments', status: 502 });
    const event = pullRequest('opened', { ...repo, number: 37, body: link(session.session_id) });

    const result = await run(event);

    expect(result.exitCode, result.stdout).toBe(0);
    expect(github.commentsOn('acme', 'shop', 37)).toHaveLength(1);
    expect(result.outputs['comment-url']).not.toBe('');
  });

  it('waits out a GitHub rate limit and carries on', async () => {
    const session = sessionOn(43);
    const { github, run, pullRequest } = await stage({ sessions: [session] });
    const reset = Math.ceil(Date.now() / 1000) + 1;
    github.injectFault({
      method: 'GET',
      pathIncludes: '/issues/43/comments',
      status: 403,
      headers: {
        'x-ratelimit-limit': '5000',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': String(reset),
      },
      body: JSON.stringify({ message: 'API rate limit exceeded for installation ID 1.' }),
    });
    const event = pullRequest('opened', { ...repo, number: 43, body: link(session.session_id) });

    const result = await run(event);

    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.stdout).toMatch(
      /::warning::GitHub rate limit hit for GET .*\/issues\/43\/comments.*; retrying after \d+ s/,
    );
    expect(github.commentsOn('acme', 'shop', 43)).toHaveLength(1);
  });

  it('warns about pull-requests: write on a 403 and keeps the report and the gate verdict', async () => {
    const session = sessionOn(38);
    const { github, run, pullRequest } = await stage(
      { sessions: [session] },
      { readOnlyTokens: [GITHUB_TOKEN] },
    );
    const event = pullRequest('opened', { ...repo, number: 38, body: link(session.session_id) });

    const result = await run(event, { 'fail-on-labels': 'testing' });

    expect(result.exitCode).toBe(1);
    expect(result.outputs.gate).toBe('fail');
    expect(result.stdout).toMatch(
      /::warning::GitHub refused to write the pull request comment \(403\).*pull-requests: write.*forks/,
    );
    expect(result.summary).toContain('Snapshot files were edited by hand');
    expect(result.outputs['comment-url']).toBe('');
    expect(result.reportFile).toMatchObject({ gate: 'fail' });
    expect(github.commentsOn('acme', 'shop', 38)).toEqual([]);
  });
});

describe('misuse and races', () => {
  it('leaves a planted marker comment by someone else alone and posts its own', async () => {
    const session = sessionOn(39);
    const { github, run, pullRequest } = await stage({ sessions: [session] });
    const event = pullRequest('opened', { ...repo, number: 39, body: link(session.session_id) });
    const mallory = { login: 'mallory', id: 666, type: 'User' as const };
    const planted = github.addComment({
      ...repo,
      issue_number: 39,
      body: `${MARKER}\nall good, merge it`,
      user: mallory,
    });

    const result = await run(event);

    expect(result.exitCode, result.stdout).toBe(0);
    const comments = github.commentsOn('acme', 'shop', 39);
    expect(comments).toHaveLength(2);
    expect(comments.find((comment) => comment.id === planted.id)?.body).toBe(`${MARKER}\nall good, merge it`);
    expect(comments.find((comment) => comment.id !== planted.id)?.user.login).toBe(ACTIONS_BOT.login);
  });

  it('ends with exactly one comment when two runs on one pull request race', async () => {
    const session = sessionOn(40);
    const { github, devin, pullRequest } = await stage({ sessions: [session] }, { holdFirstListings: 2 });
    const opened = pullRequest('opened', { ...repo, number: 40, body: link(session.session_id) });
    const synchronized = pullRequest('synchronize', { ...repo, number: 40, body: link(session.session_id) });
    const runOne = (event: WebhookEvent) =>
      runAction({
        event,
        githubApiUrl: github.url,
        inputs: { 'devin-api-key': DEVIN_KEY, 'devin-api-url': devin.url, 'github-token': GITHUB_TOKEN },
      });

    const results = await Promise.all([runOne(opened), runOne(synchronized)]);

    for (const result of results) expect(result.exitCode, result.stdout).toBe(0);
    expect(github.commentsOn('acme', 'shop', 40)).toHaveLength(1);
    const creations = github.requests.filter(
      (request) => request.method === 'POST' && request.path.includes('/comments'),
    );
    // Both runs saw no comment and created one; the race check left one of them.
    expect(creations).toHaveLength(2);
    const deleted = github.requests.filter((request) => request.method === 'DELETE' && request.status < 300);
    expect(deleted).toHaveLength(1);
  });

  it('skips a fork pull request that got no secrets, explaining pull_request_target, calling nothing', async () => {
    const { devin, github, run, pullRequest } = await stage();
    const event = pullRequest('opened', { ...repo, number: 41 });
    const pull = event.payload.pull_request as { head: { repo: { full_name: string } } };
    pull.head.repo.full_name = 'forker/shop';

    const result = await run(event, { 'devin-api-key': '' });

    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.stdout).toMatch(/::notice::.*fork.*pull_request_target/);
    expect(result.outputs.gate).toBe('skipped');
    expect(devin.requests).toEqual([]);
    expect(github.requests).toEqual([]);
  });

  it('never lets the key reach a log line, an output, the summary, the report or the comment', async () => {
    const session = sessionOn(42, { analysis: null });
    const { devin, github, run, pullRequest } = await stage({ sessions: [session] });
    devin.injectFault({
      kind: 'generate',
      status: 403,
      body: `{"detail":"bad token ${DEVIN_KEY}"}`,
      times: 10,
    });
    devin.injectFault({ kind: 'enterprise-list', status: 502, body: `upstream said Bearer ${DEVIN_KEY}` });
    const event = pullRequest('opened', { ...repo, number: 42, body: link(session.session_id) });

    const result = await run(event, { 'wait-timeout': '0' });
    const failed = await run(event, { 'devin-api-url': `${devin.url}/nowhere` });

    for (const outcome of [result, failed]) {
      const reportText = outcome.outputs.report ? await readFile(outcome.outputs.report, 'utf8') : '';
      const everything = [
        outcome.stdout.replaceAll(`::add-mask::${DEVIN_KEY}`, ''),
        outcome.stderr,
        JSON.stringify(outcome.outputs),
        outcome.summary,
        reportText,
        ...github.comments.map((comment) => comment.body),
      ].join('\n');
      expect(everything).not.toContain(DEVIN_KEY);
    }
    expect(failed.exitCode).toBe(1);
    expect(result.stdout).toMatch(/Retrying/);
    const misdirected = devin.takeViolations().map(({ request }) => request);
    expect(misdirected.length).toBeGreaterThan(0);
    for (const request of misdirected) expect(request).toMatch(/^GET \/nowhere\/v3\//);
  });
});
