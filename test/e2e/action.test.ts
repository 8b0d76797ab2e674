import { describe, expect, it } from 'vitest';
import { BASE_TIME, bulkSessions, makeAnalysis } from '../fakes/devin-data.ts';
import { workflowDispatchEvent } from '../fakes/webhooks.ts';
import { commentBody, DEVIN_KEY, iso, link, MARKER, sessionOn, stage } from './stage.ts';

const repo = { owner: 'acme', repo: 'shop' };

describe('a pull request Devin opened', () => {
  it('generates the missing analysis during the run, showing it pending first', async () => {
    const session = sessionOn(7, {
      analysis: null,
      acus_consumed: 4.5,
      session_size: 's',
    });
    const { devin, github, run, pullRequest } = await stage({
      sessions: [session],
      generation: { [session.session_id]: { analysis: makeAnalysis(), readsUntilReady: 1 } },
    });
    const event = pullRequest('opened', {
      ...repo,
      number: 7,
      createdAt: iso(BASE_TIME),
      body: `Fixes the flaky test.\n\n${link(session.session_id)}\nRequested by: @octocat`,
    });

    const result = await run(event);

    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.outputs).toMatchObject({
      matched: 'true',
      'session-ids': JSON.stringify([session.session_id]),
      'session-size': 's',
      acus: '4.5',
      'issue-count': '3',
      'action-item-count': '4',
      gate: 'pass',
      'failing-issues': '[]',
    });
    // The linked session by its id, and every session updated since the pull request was created.
    expect(devin.countRequests('enterprise-list')).toBe(2);
    expect(devin.countRequests('generate')).toBe(1);
    const writes = github.requests.filter((request) => request.method !== 'GET');
    expect(writes.map((request) => request.method)).toEqual(['POST', 'PATCH']);
    const body = commentBody(github, 'acme', 'shop', 7);
    expect(body).toContain('The test database was not running');
    expect(body).not.toContain('pending');
    expect(result.outputs['comment-url']).toBe(github.commentsOn('acme', 'shop', 7)[0]?.html_url);
    expect(result.summary).toContain('The test database was not running');
    expect(result.reportFile).toMatchObject({ gate: 'pass', 'session-ids': [session.session_id] });
  });

  it('reports a session whose analysis never arrives as such: the gate is pending, the step passes', async () => {
    const session = sessionOn(9, { analysis: null });
    const { github, run, pullRequest } = await stage({
      sessions: [session],
      generation: { [session.session_id]: { readsUntilReady: 'never' } },
    });
    const event = pullRequest('opened', { ...repo, number: 9, body: link(session.session_id) });

    const result = await run(event, { 'wait-timeout': '0.5', 'fail-on-impact': 'low' });

    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.outputs).toMatchObject({ matched: 'true', gate: 'pending', 'issue-count': '0' });
    const body = commentBody(github, 'acme', 'shop', 9);
    expect(body).toMatch(/^⏳ \*\*Gate pending\*\*: 1 session not checked yet \(1 analysis not in yet\)/m);
    expect(body).not.toContain('Gate passed');
    expect(body).toContain('no analysis after waiting');
    expect(body).toContain('Devin had not finished analysing 1 session after 0.5 s');
  });
});

describe('a merged pull request without a link', () => {
  it('finds its sessions by the window scan across several pages and totals their ACUs', async () => {
    const prUrl = 'https://github.com/acme/shop/pull/8';
    const unrelated = bulkSessions(650, { startAt: BASE_TIME - 600, stepSeconds: 30 });
    const first = sessionOn(8, {
      pull_requests: [{ pr_url: 'https://github.com/ACME/Shop/pulls/8/files', pr_state: 'open' }],
      acus_consumed: 2.25,
      session_size: 's',
      updated_at: BASE_TIME + 900,
    });
    const second = sessionOn(8, {
      pull_requests: [{ pr_url: `${prUrl}/`, pr_state: 'open' }],
      acus_consumed: 7.5,
      session_size: 'l',
      updated_at: BASE_TIME + 15_000,
    });
    const { devin, github, run, pullRequest } = await stage({ sessions: [...unrelated, first, second] });
    const event = pullRequest('closed', {
      ...repo,
      number: 8,
      merged: true,
      createdAt: iso(BASE_TIME),
      body: 'A change without a session link.',
    });

    const result = await run(event);

    expect(result.exitCode, result.stdout).toBe(0);
    expect(JSON.parse(result.outputs['session-ids'] ?? '[]').sort()).toEqual(
      [first.session_id, second.session_id].sort(),
    );
    expect(result.outputs).toMatchObject({ matched: 'true', acus: '9.75', 'session-size': 'l' });
    const listRequests = devin.requests.filter((request) => request.kind === 'enterprise-list');
    expect(listRequests.length).toBeGreaterThanOrEqual(3);
    expect(listRequests.every((request) => request.query.get('first') === '200')).toBe(true);
    // Too few pages to slice: the pages follow the cursor, then one listing reads what changed meanwhile.
    expect(listRequests.slice(1, -1).every((request) => request.query.has('after'))).toBe(true);
    const updatedAfter = (request: (typeof listRequests)[number] | undefined) =>
      Number(request?.query.get('updated_after'));
    expect(updatedAfter(listRequests.at(-1))).toBeGreaterThan(updatedAfter(listRequests[0]));
    const body = commentBody(github, 'acme', 'shop', 8);
    expect(body).toMatch(/\| \*\*Total\*\* \|/);
    expect(body).toContain('9.75');
  });
});

describe('the comment', () => {
  it('is updated in place on a second run, among more than 100 other comments', async () => {
    const session = sessionOn(11);
    const { github, devin, run, pullRequest } = await stage({ sessions: [session] });
    const event = pullRequest('synchronize', { ...repo, number: 11, body: link(session.session_id) });
    for (let index = 0; index < 120; index++) {
      github.addComment({ ...repo, issue_number: 11, body: `Review comment ${index}` });
    }

    const first = await run(event);
    devin.setAnalysis(session.session_id, makeAnalysis({ issues: [] }));
    const second = await run(event);

    expect(first.exitCode, first.stdout).toBe(0);
    expect(second.exitCode, second.stdout).toBe(0);
    const comments = github.commentsOn('acme', 'shop', 11);
    expect(comments).toHaveLength(121);
    expect(comments.filter((comment) => comment.body.includes(MARKER))).toHaveLength(1);
    expect(second.outputs['comment-url']).toBe(first.outputs['comment-url']);
    expect(second.outputs['issue-count']).toBe('0');
    expect(commentBody(github, 'acme', 'shop', 11)).not.toContain('The test database was not running');
    const posts = github.requests.filter(
      (request) => request.method === 'POST' && request.path !== '/graphql',
    );
    expect(posts).toHaveLength(1);
    expect(github.requests.filter((request) => request.method === 'PATCH')).toHaveLength(1);
  });
});

describe('skipped and empty runs', () => {
  it('skips a pull request closed without merging, calling no API', async () => {
    const { devin, github, run, pullRequest } = await stage();
    const event = pullRequest('closed', { ...repo, number: 12, merged: false });

    const result = await run(event);

    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.outputs).toMatchObject({ gate: 'skipped', matched: 'false' });
    expect(result.stdout).toMatch(/::notice::.*closed without being merged/i);
    expect(devin.requests).toEqual([]);
    expect(github.requests).toEqual([]);
  });

  it('passes quietly when no session references the pull request and if-no-session is ignore', async () => {
    const { github, run, pullRequest } = await stage({
      sessions: [sessionOn(99)],
    });
    const event = pullRequest('opened', { ...repo, number: 13, createdAt: iso(BASE_TIME) });

    const result = await run(event);

    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.outputs).toMatchObject({
      matched: 'false',
      gate: 'pass',
      'session-ids': '[]',
      'comment-url': '',
    });
    expect(github.commentsOn('acme', 'shop', 13)).toEqual([]);
  });

  it('fails the step when no session references the pull request and if-no-session is fail', async () => {
    const { github, run, pullRequest } = await stage();
    const event = pullRequest('opened', { ...repo, number: 14, createdAt: iso(BASE_TIME) });

    const result = await run(event, { 'if-no-session': 'fail' });

    expect(result.exitCode).toBe(1);
    expect(result.outputs).toMatchObject({ matched: 'false', gate: 'fail' });
    expect(result.stdout).toMatch(/::error::.*no Devin session/i);
    expect(commentBody(github, 'acme', 'shop', 14)).toContain(
      'No Devin session references this pull request.',
    );
  });
});

describe('the gate', () => {
  it('fails the step on a configured issue label and says why everywhere', async () => {
    const session = sessionOn(15);
    const { github, run, pullRequest } = await stage({ sessions: [session] });
    const event = pullRequest('opened', { ...repo, number: 15, body: link(session.session_id) });

    const result = await run(event, { 'fail-on-labels': 'environment, Security' });

    expect(result.exitCode).toBe(1);
    expect(result.outputs.gate).toBe('fail');
    const failing = JSON.parse(result.outputs['failing-issues'] ?? '[]');
    expect(failing).toEqual([
      expect.objectContaining({
        session_id: session.session_id,
        rule: 'fail-on-labels',
        label: 'Environment',
      }),
    ]);
    expect(result.stdout).toMatch(/::error::Devin session insights gate failed: .*Environment/);
    const body = commentBody(github, 'acme', 'shop', 15);
    expect(body).toContain('⛔');
    expect(body).toMatch(/\*\*Gate:\*\* .*failed/);
    expect(result.summary).toMatch(/\*\*Gate:\*\* .*failed/);
  });

  it('only warns under warn-only', async () => {
    const session = sessionOn(16, { acus_consumed: 30 });
    const { run, pullRequest } = await stage({ sessions: [session] });
    const event = pullRequest('opened', { ...repo, number: 16, body: link(session.session_id) });

    const result = await run(event, { 'max-acus': '20', 'warn-only': 'true' });

    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.outputs.gate).toBe('warn');
    expect(result.stdout).toMatch(/::warning::Devin session insights gate failed \(warn-only\): .*30.*20/);
    expect(result.stdout).not.toContain('::error::');
  });
});

describe('other events', () => {
  it('reads the pull request named by pr-number from the GitHub API on workflow_dispatch', async () => {
    const session = sessionOn(17);
    const { github, run } = await stage(
      { sessions: [session] },
      { pulls: [{ ...repo, number: 17, body: link(session.session_id), created_at: iso(BASE_TIME) }] },
    );

    const result = await run(workflowDispatchEvent(repo), { 'pr-number': '17' });

    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.outputs).toMatchObject({
      matched: 'true',
      'session-ids': JSON.stringify([session.session_id]),
    });
    expect(github.requests[0]).toMatchObject({ method: 'GET', path: '/repos/acme/shop/pulls/17' });
    expect(commentBody(github, 'acme', 'shop', 17)).toContain(session.title);
  });

  it('fails before any API call when an input is bad, naming the input and the allowed values', async () => {
    const { devin, github, run } = await stage();

    const result = await run(workflowDispatchEvent(repo), {
      'pr-number': 'seven',
      'wait-timeout': 'soon',
      comment: 'sometimes',
      'fail-on-impact': 'extreme',
      'max-acus': '-3x',
      search: 'everything',
    });

    expect(result.exitCode).toBe(1);
    for (const input of ['pr-number', 'wait-timeout', 'comment', 'fail-on-impact', 'max-acus', 'search']) {
      expect(result.stdout).toContain(`'${input}'`);
    }
    expect(result.stdout).toContain('always, on-failure, never');
    expect(result.stdout).not.toContain('    at ');
    const logged = result.stdout.replace(`::add-mask::${DEVIN_KEY}`, '');
    expect(logged).not.toContain(DEVIN_KEY);
    expect(devin.requests).toEqual([]);
    expect(github.requests).toEqual([]);
  });

  it('fails with a message, not a stack, on a runner that names no repository', async () => {
    const { devin, github, run } = await stage();
    const event = workflowDispatchEvent(repo);
    // The harness needs full_name to stage the run; the action reads name and owner, which this one lacks.
    const payload = { ...event.payload, repository: { full_name: 'acme/shop' } };

    const result = await run({ ...event, payload }, {}, { GITHUB_REPOSITORY: undefined });

    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain("::error::The runner set no GITHUB_REPOSITORY (like 'owner/repo')");
    expect(result.stdout + result.stderr).not.toContain('    at ');
    expect(devin.requests).toEqual([]);
    expect(github.requests).toEqual([]);
  });
});

describe('the comment input', () => {
  it('on-failure creates no comment while the gate passes, and creates one when it fails', async () => {
    const session = sessionOn(18);
    const { github, run, pullRequest } = await stage({ sessions: [session] });
    const event = pullRequest('opened', { ...repo, number: 18, body: link(session.session_id) });

    const passing = await run(event, { comment: 'on-failure' });
    const commentsWhilePassing = github.commentsOn('acme', 'shop', 18).length;
    const failing = await run(event, { comment: 'on-failure', 'fail-on-impact': 'HIGH' });

    expect(passing.exitCode, passing.stdout).toBe(0);
    expect(passing.outputs['comment-url']).toBe('');
    expect(commentsWhilePassing).toBe(0);
    expect(failing.exitCode).toBe(1);
    expect(failing.outputs['failing-issues']).toContain('"rule":"fail-on-impact"');
    expect(commentBody(github, 'acme', 'shop', 18)).toContain('fail-on-impact');
  });

  it('never touches the pull request, even when the gate fails, but still fills the summary', async () => {
    const session = sessionOn(19);
    const { github, run, pullRequest } = await stage({ sessions: [session] });
    const event = pullRequest('opened', { ...repo, number: 19, body: link(session.session_id) });

    const result = await run(event, { comment: 'never', 'fail-on-labels': '*' });

    expect(result.exitCode).toBe(1);
    expect(github.requests).toEqual([]);
    expect(result.summary).toContain('Devin session insights');
  });

  it('warns without failing when no session is found and if-no-session is warn', async () => {
    const { run, pullRequest } = await stage();
    const event = pullRequest('opened', { ...repo, number: 20, createdAt: iso(BASE_TIME) });

    const result = await run(event, { 'if-no-session': 'warn' });

    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.outputs.gate).toBe('warn');
    expect(result.stdout).toMatch(/::warning::.*no Devin session/i);
  });
});

describe('inputs given as empty strings', () => {
  it('take their defaults, as a reusable workflow passes them for what its caller left out', async () => {
    const session = sessionOn(21, { analysis: null });
    const { devin, github, run, pullRequest } = await stage({
      sessions: [session],
      generation: { [session.session_id]: { analysis: makeAnalysis(), readsUntilReady: 1 } },
    });
    const event = pullRequest('opened', { ...repo, number: 21, body: link(session.session_id) });

    const result = await run(event, { search: '', comment: '', 'wait-timeout': '', 'report-days': '' });

    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.stdout).not.toContain('::error::');
    expect(result.outputs).toMatchObject({ matched: 'true', gate: 'pass', 'issue-count': '3' });
    expect(devin.countRequests('generate')).toBe(1);
    expect(commentBody(github, 'acme', 'shop', 21)).toContain('The test database was not running');
    expect(result.outputs['comment-url']).toBe(github.commentsOn('acme', 'shop', 21)[0]?.html_url);
  });

  it('except github-token, whose default only the runner knows: that stays an error naming it', async () => {
    const { devin, github, pullRequest, run } = await stage();
    const event = pullRequest('opened', { ...repo, number: 22 });

    const result = await run(event, { 'github-token': '' });

    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain("::error::Input 'github-token' is required");
    expect(devin.requests).toEqual([]);
    expect(github.requests).toEqual([]);
  });
});
