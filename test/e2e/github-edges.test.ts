import { describe, expect, it } from 'vitest';
import { makeAnalysis } from '../fakes/devin-data.ts';
import { ACTIONS_BOT, type FakeGitHubApi, type FakeUser } from '../fakes/github-api.ts';
import { workflowDispatchEvent } from '../fakes/webhooks.ts';
import { commentBody, link, MARKER, sessionOn, stage } from './stage.ts';

const repo = { owner: 'acme', repo: 'shop' };
const APP_BOT: FakeUser = { login: 'devin-insights[bot]', id: 149_000_001, type: 'Bot' };
const DEPENDABOT = { login: 'dependabot[bot]', id: 49_699_333, type: 'Bot' };

const markedComments = <T extends { body: string }>(comments: T[]) =>
  comments.filter((comment) => comment.body.startsWith(MARKER));

describe('a report comment someone deletes', () => {
  it('is posted again when it was deleted before the update, and the warning says it was deleted', async () => {
    const session = sessionOn(60);
    const { github, run, pullRequest } = await stage({ sessions: [session] });
    const event = pullRequest('synchronize', { ...repo, number: 60, body: link(session.session_id) });
    const earlier = github.addComment({ ...repo, issue_number: 60, body: `${MARKER}\nan earlier report` });
    github.onRequest((request) => {
      if (
        request.method === 'GET' &&
        request.path.endsWith('/issues/60/comments') &&
        !request.query.has('since')
      )
        github.removeComment(earlier.id);
    });

    const result = await run(event);

    expect(result.exitCode, result.stdout).toBe(0);
    const comments = markedComments(github.commentsOn('acme', 'shop', 60));
    expect(comments).toHaveLength(1);
    expect(comments[0]?.id).not.toBe(earlier.id);
    expect(commentBody(github, 'acme', 'shop', 60)).toContain('Snapshot files were edited by hand');
    expect(result.outputs['comment-url']).toBe(comments[0]?.html_url);
    expect(result.stdout).toMatch(/::warning::The report comment .* was deleted .*404.*posting a new one/);
    expect(result.stdout).not.toContain('can read that repository');
  });

  it('is posted again when it was deleted while the run waited for the analysis', async () => {
    const session = sessionOn(61, { analysis: null });
    const { github, run, pullRequest } = await stage({
      sessions: [session],
      generation: { [session.session_id]: { analysis: makeAnalysis(), readsUntilReady: 1 } },
    });
    const event = pullRequest('opened', { ...repo, number: 61, body: link(session.session_id) });
    let deletedId: number | undefined;
    github.onRequest((request) => {
      if (request.method === 'POST' && request.status === 201 && deletedId === undefined) {
        const [pending] = github.commentsOn('acme', 'shop', 61);
        if (!pending) throw new Error('GitHub answered 201 to a POST, but there is no comment to delete');
        deletedId = pending.id;
        github.removeComment(pending.id);
      }
    });

    const result = await run(event);

    expect(result.exitCode, result.stdout).toBe(0);
    expect(deletedId, 'the pending comment deleted').toBeDefined();
    const comments = markedComments(github.commentsOn('acme', 'shop', 61));
    expect(comments).toHaveLength(1);
    expect(comments[0]?.id).not.toBe(deletedId);
    const body = commentBody(github, 'acme', 'shop', 61);
    expect(body).toContain('The test database was not running');
    expect(body).not.toContain('pending');
    const posts = github.requests.filter(
      (request) => request.method === 'POST' && request.path !== '/graphql',
    );
    expect(posts).toHaveLength(2);
  });

  it('is not posted again when the comment input calls for no new comment', async () => {
    const session = sessionOn(62);
    const { github, run, pullRequest } = await stage({ sessions: [session] });
    const event = pullRequest('synchronize', { ...repo, number: 62, body: link(session.session_id) });
    const earlier = github.addComment({ ...repo, issue_number: 62, body: `${MARKER}\nan earlier report` });
    let deleted = false;
    github.onRequest((request) => {
      if (request.method === 'GET' && request.path.endsWith('/issues/62/comments') && !deleted) {
        deleted = true;
        github.removeComment(earlier.id);
      }
    });

    const result = await run(event, { comment: 'on-failure' });

    expect(result.exitCode, result.stdout).toBe(0);
    expect(github.commentsOn('acme', 'shop', 62)).toEqual([]);
    expect(result.outputs['comment-url']).toBe('');
    expect(result.stdout).toMatch(
      /::warning::The report comment .* was deleted .*no new one is due in this run/,
    );
  });
});

describe('runs GitHub starts without secrets', () => {
  it('skips a Dependabot pull request under pull_request_target with a notice, never red', async () => {
    const { devin, github, pullRequest, run } = await stage();
    const event = pullRequest('opened', { ...repo, number: 63 }, 'pull_request_target');
    event.payload.sender = { ...(event.payload.sender as object), ...DEPENDABOT };

    const result = await run(event, { 'devin-api-key': '' });

    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.stdout).toMatch(/::notice::This run was started by Dependabot.*Dependabot secret/);
    expect(result.stdout).not.toContain('::error::');
    expect(result.outputs.gate).toBe('skipped');
    expect(devin.requests).toEqual([]);
    expect(github.requests).toEqual([]);
  });

  it('skips a fork pull request review that got no secrets', async () => {
    const { devin, github, pullRequestCarrier, run } = await stage();
    const event = pullRequestCarrier('pull_request_review', { ...repo, number: 64 });
    const pull = event.payload.pull_request as { head: { repo: { full_name: string } } };
    pull.head.repo.full_name = 'forker/shop';

    const result = await run(event, { 'devin-api-key': '' });

    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.stdout).toMatch(/::notice::.*fork.*pull_request_review/);
    expect(result.outputs.gate).toBe('skipped');
    expect(devin.requests).toEqual([]);
    expect(github.requests).toEqual([]);
  });

  it('skips a pull request closed without merging before any input is required', async () => {
    const { devin, github, pullRequest, run } = await stage();
    const event = pullRequest('closed', { ...repo, number: 65, merged: false }, 'pull_request_target');

    const result = await run(event, { 'devin-api-key': '', comment: 'sometimes' });

    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.stdout).toMatch(/::notice::Pull request #65 was closed without being merged/);
    expect(result.stdout).not.toContain('::error::');
    expect(result.outputs.gate).toBe('skipped');
    expect(devin.requests).toEqual([]);
    expect(github.requests).toEqual([]);
  });
});

describe('the comment of a GitHub App token', () => {
  it("updates the App's own comment, known by its bot account without asking the token's identity, and leaves a person's marker alone", async () => {
    const session = sessionOn(66);
    const { github, run, pullRequest } = await stage(
      { sessions: [session] },
      { tokens: { ghs_app_installation_token: APP_BOT } },
    );
    const event = pullRequest('synchronize', { ...repo, number: 66, body: link(session.session_id) });
    const mallory: FakeUser = { login: 'mallory', id: 666, type: 'User' };
    const planted = github.addComment({
      ...repo,
      issue_number: 66,
      body: `${MARKER}\nmerge it`,
      user: mallory,
    });
    const own = github.addComment({
      ...repo,
      issue_number: 66,
      body: `${MARKER}\nold report`,
      user: APP_BOT,
    });

    const result = await run(event, { 'github-token': 'ghs_app_installation_token' });

    expect(result.exitCode, result.stdout).toBe(0);
    const comments = markedComments(github.commentsOn('acme', 'shop', 66));
    expect(comments.map((comment) => comment.id)).toEqual([planted.id, own.id]);
    expect(comments[0]?.body).toBe(`${MARKER}\nmerge it`);
    expect(comments[1]?.body).toContain('Snapshot files were edited by hand');
    expect(result.outputs['comment-url']).toBe(own.html_url);
    expect(github.requests.filter((request) => request.method === 'POST')).toEqual([]);
    expect(github.requests.filter((request) => request.path === '/graphql')).toEqual([]);
  });

  it("posts its own comment beside a person's marker when the token's identity cannot be read", async () => {
    const session = sessionOn(72);
    const { github, run, pullRequest } = await stage(
      { sessions: [session] },
      { tokens: { ghs_app_installation_token: APP_BOT } },
    );
    github.injectFault({
      pathIncludes: '/graphql',
      status: 403,
      body: JSON.stringify({ message: 'Resource not accessible by integration' }),
      times: Number.POSITIVE_INFINITY,
    });
    const event = pullRequest('synchronize', { ...repo, number: 72, body: link(session.session_id) });
    const mallory: FakeUser = { login: 'mallory', id: 666, type: 'User' };
    const planted = github.addComment({
      ...repo,
      issue_number: 72,
      body: `${MARKER}\nmerge it`,
      user: mallory,
    });

    const result = await run(event, { 'github-token': 'ghs_app_installation_token' });

    expect(result.exitCode, result.stdout).toBe(0);
    const identityReads = github.requests.filter((request) => request.path === '/graphql');
    expect(identityReads.map((request) => request.status)).toEqual([403]);
    const comments = markedComments(github.commentsOn('acme', 'shop', 72));
    expect(comments.map((comment) => [comment.id, comment.user.login])).toEqual([
      [planted.id, 'mallory'],
      [expect.any(Number), APP_BOT.login],
    ]);
    expect(comments[0]?.body).toBe(`${MARKER}\nmerge it`);
    expect(comments[1]?.body).toContain('Snapshot files were edited by hand');
    expect(result.outputs['comment-url']).toBe(comments[1]?.html_url);
  });

  it("still posts its own comment beside a person's marker when the identity is readable", async () => {
    const session = sessionOn(67);
    const { github, run, pullRequest } = await stage({ sessions: [session] });
    const event = pullRequest('opened', { ...repo, number: 67, body: link(session.session_id) });
    const mallory: FakeUser = { login: 'mallory', id: 666, type: 'User' };
    github.addComment({ ...repo, issue_number: 67, body: `${MARKER}\nmerge it`, user: mallory });

    const result = await run(event);

    expect(result.exitCode, result.stdout).toBe(0);
    const comments = markedComments(github.commentsOn('acme', 'shop', 67));
    expect(comments.map((comment) => comment.user.login)).toEqual(['mallory', ACTIONS_BOT.login]);
  });
});

describe("another account's marker comment that the token may not edit", () => {
  /** GitHub's answer to an installation token editing a comment another account wrote. */
  const refuseEditing = (github: FakeGitHubApi, id: number) =>
    github.injectFault({
      method: 'PATCH',
      pathIncludes: `/issues/comments/${id}`,
      status: 403,
      body: JSON.stringify({ message: 'Resource not accessible by integration', status: '403' }),
      times: Number.POSITIVE_INFINITY,
    });

  it("posts the App's own comment and says the marked one is another account's, then keeps its own current", async () => {
    const session = sessionOn(74);
    const { github, run, pullRequest } = await stage(
      { sessions: [session] },
      { tokens: { ghs_app_installation_token: APP_BOT } },
    );
    const event = pullRequest('synchronize', { ...repo, number: 74, body: link(session.session_id) });
    const before = github.addComment({
      ...repo,
      issue_number: 74,
      body: `${MARKER}\nthe workflow token's report`,
    });
    refuseEditing(github, before.id);
    const inputs = { 'github-token': 'ghs_app_installation_token' };

    const first = await run(event, inputs);
    const second = await run(event, inputs);

    for (const result of [first, second]) {
      expect(result.exitCode, result.stdout).toBe(0);
      expect(result.stdout).toContain(
        `::warning::The comment ${before.html_url} starts with this action's marker, but it belongs to github-actions[bot], another account than this token's`,
      );
      expect(result.stdout).not.toContain('pull-requests: write');
    }
    const comments = markedComments(github.commentsOn('acme', 'shop', 74));
    expect(comments.map((comment) => [comment.id, comment.user.login])).toEqual([
      [before.id, ACTIONS_BOT.login],
      [expect.any(Number), APP_BOT.login],
    ]);
    expect(comments[0]?.body).toBe(`${MARKER}\nthe workflow token's report`);
    expect(comments[1]?.body).toContain('Snapshot files were edited by hand');
    expect(first.stdout).toContain(`posted the report in a new comment, ${comments[1]?.html_url}.`);
    expect(second.stdout).toContain(
      `this run wrote the report to this token's own comment, ${comments[1]?.html_url}.`,
    );
    expect(first.outputs['comment-url']).toBe(comments[1]?.html_url);
    expect(second.outputs['comment-url']).toBe(comments[1]?.html_url);
  });

  it("finds its own comment again when the token's identity cannot be read", async () => {
    const session = sessionOn(75);
    const { github, run, pullRequest } = await stage(
      { sessions: [session] },
      { tokens: { ghs_app_installation_token: APP_BOT } },
    );
    github.injectFault({ pathIncludes: '/graphql', status: 403, times: Number.POSITIVE_INFINITY });
    const event = pullRequest('synchronize', { ...repo, number: 75, body: link(session.session_id) });
    const before = github.addComment({
      ...repo,
      issue_number: 75,
      body: `${MARKER}\nthe workflow token's report`,
    });
    refuseEditing(github, before.id);
    const inputs = { 'github-token': 'ghs_app_installation_token' };

    const first = await run(event, inputs);
    const second = await run(event, inputs);

    expect(first.stdout).toContain('posted the report in a new comment');
    expect(second.stdout).toMatch(
      /::warning::The comment .* belongs to github-actions\[bot\], another account .*own comment/,
    );
    const comments = markedComments(github.commentsOn('acme', 'shop', 75));
    expect(comments.map((comment) => comment.user.login)).toEqual([ACTIONS_BOT.login, APP_BOT.login]);
    expect(second.outputs['comment-url']).toBe(comments[1]?.html_url);
  });

  it('says so, and that no new comment is due, when the comment input calls for none', async () => {
    const session = sessionOn(76);
    const { github, run, pullRequest } = await stage(
      { sessions: [session] },
      { tokens: { ghs_app_installation_token: APP_BOT } },
    );
    const event = pullRequest('synchronize', { ...repo, number: 76, body: link(session.session_id) });
    const before = github.addComment({
      ...repo,
      issue_number: 76,
      body: `${MARKER}\nthe workflow token's report`,
    });
    refuseEditing(github, before.id);
    const inputs = { 'github-token': 'ghs_app_installation_token', comment: 'on-failure' };

    const known = await run(event, inputs);
    github.injectFault({ pathIncludes: '/graphql', status: 403, times: Number.POSITIVE_INFINITY });
    const unknown = await run(event, inputs);

    expect(known.exitCode, known.stdout).toBe(0);
    expect(known.stdout).toMatch(
      /::warning::The comment .* belongs to github-actions\[bot\], another account .*: no new one is due in this run/,
    );
    expect(known.stdout).not.toContain('pull-requests: write');
    // Without the token's identity, the refusal may also be a missing permission: the warning says both.
    expect(unknown.exitCode, unknown.stdout).toBe(0);
    expect(unknown.stdout).toMatch(
      /::warning::The comment .* may be another account than this token's; if it is the same account, the github-token needs 'pull-requests: write': no new one is due in this run/,
    );
    expect(markedComments(github.commentsOn('acme', 'shop', 76))).toHaveLength(1);
    expect(known.outputs['comment-url']).toBe('');
  });
});

describe("another account's marker comment during a Devin API outage", () => {
  it('is left alone, and the warning says whose it is rather than blaming a permission', async () => {
    const { devin, github, run, pullRequest } = await stage(
      {},
      { tokens: { ghs_app_installation_token: APP_BOT } },
    );
    devin.injectFault({ status: 503, headers: { 'retry-after': '3600' }, times: Number.POSITIVE_INFINITY });
    const event = pullRequest('opened', { ...repo, number: 79 });
    const before = github.addComment({
      ...repo,
      issue_number: 79,
      body: `${MARKER}\nthe workflow token's report`,
    });
    github.injectFault({
      method: 'PATCH',
      pathIncludes: `/issues/comments/${before.id}`,
      status: 403,
      body: JSON.stringify({ message: 'Resource not accessible by integration' }),
    });

    const result = await run(event, { 'github-token': 'ghs_app_installation_token', 'if-api-error': 'warn' });

    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.outputs.gate).toBe('error');
    expect(result.stdout).toContain(
      `::warning::The comment ${before.html_url} starts with this action's marker, but it belongs to github-actions[bot], another account than this token's, whose comments GitHub does not let this token edit (403): the note on this run is not written to it.`,
    );
    expect(result.stdout).not.toContain('pull-requests: write');
    expect(github.commentsOn('acme', 'shop', 79).map((comment) => comment.body)).toEqual([
      `${MARKER}\nthe workflow token's report`,
    ]);
  });
});

describe('a token GitHub does not accept', () => {
  it('is reported as invalid or expired (401), not as a missing permission', async () => {
    const session = sessionOn(77);
    const { github, run, pullRequest } = await stage({ sessions: [session] });
    const event = pullRequest('opened', { ...repo, number: 77, body: link(session.session_id) });

    const result = await run(event, { 'github-token': 'ghs_expired_token' });

    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.stdout).toContain(
      '::warning::GitHub refused to write the pull request comment (401 Bad credentials): the github-token is invalid or expired.',
    );
    expect(result.stdout).not.toContain('pull-requests: write');
    expect(result.summary).toContain('Snapshot files were edited by hand');
    expect(github.requests.map((request) => request.status)).toEqual([401]);
  });

  it('fails a run that must read its pull request from GitHub with the same explanation', async () => {
    const { devin, github, run } = await stage({}, { pulls: [{ ...repo, number: 78 }] });

    const result = await run(workflowDispatchEvent(repo), {
      'pr-number': '78',
      'github-token': 'ghs_expired',
    });

    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain(
      '::error::GitHub refused to read pull request #78 in acme/shop (401 Bad credentials): the github-token is invalid or expired.',
    );
    expect(result.stdout).not.toContain('pull-requests: read');
    expect(github.requests.map((request) => request.status)).toEqual([401]);
    expect(devin.requests).toEqual([]);
  });
});

describe('a refusal GitHub explains', () => {
  it('reports a locked conversation in GitHub’s words, not as a missing permission', async () => {
    const session = sessionOn(68);
    const { github, run, pullRequest } = await stage({ sessions: [session] });
    github.injectFault({
      method: 'POST',
      pathIncludes: '/issues/68/comments',
      status: 403,
      body: JSON.stringify({
        message: 'Unable to create comment because issue is locked.',
        documentation_url: 'https://docs.github.com/articles/locking-conversations/',
        status: '403',
      }),
    });
    const event = pullRequest('opened', { ...repo, number: 68, body: link(session.session_id) });

    const result = await run(event, { 'fail-on-labels': 'testing' });

    expect(result.exitCode).toBe(1);
    expect(result.outputs.gate).toBe('fail');
    expect(result.stdout).toMatch(
      /::warning::GitHub refused to write the pull request comment \(403\): "Unable to create comment because issue is locked\."/,
    );
    expect(result.stdout).not.toContain('pull-requests: write');
    expect(result.summary).toContain('Snapshot files were edited by hand');
    expect(github.commentsOn('acme', 'shop', 68)).toEqual([]);
  });
});

describe('merge queues', () => {
  it('checks the gate of the pull request its branch names and writes no new comment', async () => {
    const session = sessionOn(69);
    const { github, run, mergeGroup } = await stage({ sessions: [session] });
    const event = mergeGroup({ ...repo, number: 69, body: link(session.session_id) });

    const result = await run(event, { 'fail-on-labels': 'testing', 'pr-number': 'ignored' });

    expect(result.exitCode).toBe(1);
    expect(result.outputs).toMatchObject({
      gate: 'fail',
      matched: 'true',
      'session-ids': JSON.stringify([session.session_id]),
      'comment-url': '',
    });
    expect(result.stdout).toMatch(/::error::Devin session insights gate failed: .*Testing/);
    expect(github.requests[0]).toMatchObject({ method: 'GET', path: '/repos/acme/shop/pulls/69' });
    expect(github.requests.filter((request) => request.method !== 'GET')).toEqual([]);
    expect(github.commentsOn('acme', 'shop', 69)).toEqual([]);
  });

  it('passes the check and keeps an existing comment current', async () => {
    const session = sessionOn(70);
    const { github, run, mergeGroup } = await stage({ sessions: [session] });
    const event = mergeGroup({ ...repo, number: 70, body: link(session.session_id) });
    const earlier = github.addComment({ ...repo, issue_number: 70, body: `${MARKER}\nan earlier report` });

    const result = await run(event);

    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.outputs).toMatchObject({ gate: 'pass', 'comment-url': earlier.html_url });
    expect(commentBody(github, 'acme', 'shop', 70)).toContain('Snapshot files were edited by hand');
    expect(github.requests.filter((request) => request.method === 'POST')).toEqual([]);
  });
});

describe('review events', () => {
  it.each(['pull_request_review', 'pull_request_review_comment'] as const)(
    '%s works like pull_request, ignoring pr-number',
    async (eventName) => {
      const session = sessionOn(71);
      const { github, run, pullRequestCarrier } = await stage({ sessions: [session] });
      const event = pullRequestCarrier(eventName, { ...repo, number: 71, body: link(session.session_id) });

      const result = await run(event, { 'pr-number': 'seven' });

      expect(result.exitCode, result.stdout).toBe(0);
      expect(result.outputs).toMatchObject({ matched: 'true', gate: 'pass' });
      expect(commentBody(github, 'acme', 'shop', 71)).toContain('Snapshot files were edited by hand');
      expect(github.requests.some((request) => request.path.includes('/pulls/'))).toBe(false);
    },
  );
});
