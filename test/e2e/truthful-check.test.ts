/**
 * A check a team can require: `pending` while a session is unchecked, a commit status that every run keeps
 * current, no follow-up session missed before the merge, and no gate switched off by a bad key.
 */
import { describe, expect, it } from 'vitest';
import { readActionMetadata } from '../../scripts/readme-tables.ts';
import { BASE_TIME, makeAnalysis } from '../fakes/devin-data.ts';
import { ACTIONS_BOT, DEFAULT_HEAD_SHA } from '../fakes/github-api.ts';
import { scheduleEvent } from '../fakes/webhooks.ts';
import { commentBody, iso, link, MARKER, sessionOn, stage } from './stage.ts';

const repo = { owner: 'acme', repo: 'shop' };
const working = { status: 'running', status_detail: 'working' } as const;
const STATUS = 'devin-insights';
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** The line after the hidden lines: the verdict and the totals. */
function headline(body: string): string {
  return (
    body.split('\n').find((line) => line !== '' && !line.startsWith('<!--') && !line.startsWith('#')) ?? ''
  );
}

/** The head sha the webhook payload names, which the fake GitHub serves too. */
function headShaOf(event: { payload: Record<string, unknown> }): string {
  return String((event.payload.pull_request as { head: { sha: string } }).head.sha);
}

describe('pending: never "passed" over unchecked sessions', () => {
  it('is pending while Devin still works, says so first, and passes unless if-unchecked is fail', async () => {
    const busy = sessionOn(81, { ...working, analysis: null });
    const { github, run, pullRequest } = await stage({ sessions: [busy] });
    const event = pullRequest('opened', { ...repo, number: 81, body: link(busy.session_id) });

    const passed = await run(event, { 'fail-on-labels': 'security' });

    expect(passed.exitCode, passed.stdout).toBe(0);
    expect(passed.outputs.gate).toBe('pending');
    expect(passed.stdout).toMatch(
      new RegExp(
        `::notice::Devin session insights gate pending: .*1 session not checked yet: ${busy.session_id}`,
      ),
    );
    const body = commentBody(github, 'acme', 'shop', 81);
    expect(headline(body)).toMatch(/^⏳ \*\*Gate pending\*\*: 1 session not checked yet \(1 still working\)/);
    expect(body).not.toContain('passed');
    expect(passed.summary).toContain('**Gate pending**');

    const failed = await run(event, { 'fail-on-labels': 'security', 'if-unchecked': 'fail' });

    expect(failed.exitCode).toBe(1);
    expect(failed.outputs.gate).toBe('pending');
    expect(failed.stdout).toMatch(/::error::Devin session insights gate pending: .*\(if-unchecked: fail\)/);
    expect(commentBody(github, 'acme', 'shop', 81)).toContain('if-unchecked is fail');
  });

  it('is pending when generate is never and no analysis exists, and passes once every session is checked', async () => {
    const bare = sessionOn(82, { status: 'exit', status_detail: null, analysis: null });
    const { devin, run, pullRequest } = await stage({ sessions: [bare] });
    const event = pullRequest('opened', { ...repo, number: 82, body: link(bare.session_id) });

    const unchecked = await run(event, { generate: 'never', 'fail-on-impact': 'critical' });
    expect(unchecked.outputs.gate).toBe('pending');

    devin.setAnalysis(bare.session_id, makeAnalysis());
    const checked = await run(event, { generate: 'never', 'fail-on-impact': 'critical' });
    expect(checked.outputs.gate).toBe('pass');
  });

  it('shows a failure as accepted while it waits, never as failing, when the override label is on', async () => {
    const failing = sessionOn(83);
    const awaited = sessionOn(83, { status: 'exit', status_detail: null, analysis: null });
    const { github, run, pullRequest } = await stage({
      sessions: [failing, awaited],
      generation: { [awaited.session_id]: { readsUntilReady: 1 } },
    });
    const event = pullRequest('opened', {
      ...repo,
      number: 83,
      labels: ['accept-devin'],
      body: `${link(failing.session_id)}\n${link(awaited.session_id)}`,
    });

    const result = await run(event, { 'fail-on-labels': 'environment', 'override-label': 'accept-devin' });

    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.outputs.gate).toBe('accepted');
    const [comment] = github.commentsOn('acme', 'shop', 83);
    expect(comment?.revisions.length).toBeGreaterThan(1);
    for (const revision of comment?.revisions ?? []) {
      expect(headline(revision)).toMatch(/^☑️ \*\*Gate failed, accepted\*\*/);
      expect(revision).not.toMatch(/failing so far/i);
    }
  });

  it('reads the labels again after waiting: an override label added meanwhile counts', async () => {
    const awaited = sessionOn(84, { status: 'exit', status_detail: null, analysis: null });
    const { github, run, pullRequest } = await stage({
      sessions: [awaited],
      generation: { [awaited.session_id]: { readsUntilReady: 1 } },
    });
    const event = pullRequest('opened', { ...repo, number: 84, body: link(awaited.session_id) });
    github.onRequest((request) => {
      if (request.method === 'POST' && request.path.endsWith('/comments'))
        github.setLabels('acme', 'shop', 84, ['accept-devin']);
    });

    const result = await run(event, { 'fail-on-labels': 'environment', 'override-label': 'accept-devin' });

    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.outputs.gate).toBe('accepted');
  });
});

describe('commit-status', () => {
  it('follows one pull request from pending to the failure a scheduled run finds', async () => {
    const now = nowSeconds();
    const session = sessionOn(85, {
      status: 'exit',
      status_detail: null,
      analysis: null,
      created_at: now - 7_200,
      updated_at: now - 3_600,
    });
    const { devin, github, run, pullRequest } = await stage({
      sessions: [session],
      generation: { [session.session_id]: { readsUntilReady: 'never' } },
    });
    const event = pullRequest('opened', {
      ...repo,
      number: 85,
      createdAt: iso(now - 86_400),
      body: link(session.session_id),
    });
    const sha = headShaOf(event);
    const inputs = { 'fail-on-labels': 'environment', 'commit-status': STATUS, 'wait-timeout': '0' };

    const opened = await run(event, inputs);

    expect(opened.exitCode, opened.stdout).toBe(0);
    expect(opened.outputs.gate).toBe('pending');
    const pending = github.latestStatuses('acme', 'shop', sha).get(STATUS);
    expect(pending).toMatchObject({ state: 'pending', description: 'Pending: 1 session not checked yet' });
    expect(pending?.target_url).toBe(opened.outputs['comment-url']);

    // The analysis arrives after the pull request's run: the scheduled run finishes the comment and the check.
    devin.setAnalysis(session.session_id, makeAnalysis());
    const scheduled = await run(scheduleEvent(repo), inputs);

    expect(scheduled.exitCode, scheduled.stdout).toBe(0);
    const failure = github.latestStatuses('acme', 'shop', sha).get(STATUS);
    expect(failure?.state).toBe('failure');
    expect(failure?.description).toMatch(/^Failed: 1 issue labelled Environment \(fail-on-labels\)/);
    expect(failure?.target_url).toBe(opened.outputs['comment-url']);
    for (const status of github.statuses)
      expect([...(status.description ?? '')].length).toBeLessThanOrEqual(140);
  });

  it('says why a failure passes, and fits a long reason within 140 characters', async () => {
    const labels = Array.from({ length: 40 }, (_, index) => `Label number ${index}`);
    const session = sessionOn(86, {
      analysis: makeAnalysis({
        issues: labels.map((label, index) => ({ id: `i${index}`, impact: 'High', label, issue: 'Text' })),
      }),
    });
    const { github, run, pullRequest } = await stage({ sessions: [session] });
    const event = pullRequest('opened', { ...repo, number: 86, body: link(session.session_id) });

    const result = await run(event, { 'fail-on-labels': '*', 'warn-only': 'true', 'commit-status': STATUS });

    expect(result.exitCode, result.stdout).toBe(0);
    const status = github.latestStatuses('acme', 'shop', headShaOf(event)).get(STATUS);
    expect(status?.state).toBe('success');
    expect(status?.description).toMatch(/^Failed, passed as warn-only: 40 issues labelled/);
    expect([...(status?.description ?? '')].length).toBeLessThanOrEqual(140);
  });

  it('explains a refused status (403) and loses neither the comment nor the outputs', async () => {
    const session = sessionOn(87);
    const { github, run, pullRequest } = await stage({ sessions: [session] });
    github.injectFault({
      method: 'POST',
      pathIncludes: '/statuses/',
      status: 403,
      body: JSON.stringify({ message: 'Resource not accessible by integration' }),
    });
    const event = pullRequest('opened', { ...repo, number: 87, body: link(session.session_id) });

    const result = await run(event, { 'commit-status': STATUS });

    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.stdout).toMatch(
      /::warning::Could not set the commit status 'devin-insights'.*statuses: write/,
    );
    expect(github.commentsOn('acme', 'shop', 87)).toHaveLength(1);
    expect(result.outputs.gate).toBe('pass');
  });

  it('in the merge queue: asks for the analysis of a working session, and sets the status on the group head', async () => {
    const busy = sessionOn(88, { ...working, analysis: null });
    const { devin, github, run, mergeGroup } = await stage({
      sessions: [busy],
      generation: { [busy.session_id]: { readsUntilReady: 1 } },
    });
    const event = mergeGroup({ ...repo, number: 88, body: link(busy.session_id), createdAt: iso(BASE_TIME) });
    const groupHead = String((event.payload.merge_group as { head_sha: string }).head_sha);

    const result = await run(event, { 'fail-on-labels': 'environment', 'commit-status': STATUS });

    expect(result.exitCode).toBe(1);
    expect(devin.countRequests('generate')).toBe(1);
    expect(result.outputs.gate).toBe('fail');
    expect(github.latestStatuses('acme', 'shop', groupHead).get(STATUS)?.state).toBe('failure');
    expect(github.latestStatuses('acme', 'shop', DEFAULT_HEAD_SHA).size).toBe(0);
  });
});

describe('no session missed before the merge', () => {
  it('finds a follow-up session without a link on the next push, and fails before the merge', async () => {
    const linked = sessionOn(89);
    const { devin, github, run, pullRequest } = await stage({ sessions: [linked] });
    const target = { ...repo, number: 89, body: link(linked.session_id), createdAt: iso(BASE_TIME) };
    const inputs = { 'fail-on-labels': 'security' };

    const opened = await run(pullRequest('opened', target), inputs);
    expect(opened.outputs.gate).toBe('pass');
    const state = /devin-session-insights-state (\{.*\}) -->/.exec(
      commentBody(github, 'acme', 'shop', 89),
    )?.[1];
    const scannedAt = (JSON.parse(state ?? '{}') as { scannedAt?: number }).scannedAt ?? 0;
    expect(scannedAt).toBeGreaterThan(nowSeconds() - 60);

    // A second session pushes to the pull request, with no link in its body.
    const followUp = sessionOn(89, {
      created_at: nowSeconds(),
      updated_at: nowSeconds(),
      analysis: makeAnalysis({
        issues: [{ id: 'x', impact: 'High', label: 'Security', issue: 'A token was printed to the log' }],
      }),
    });
    devin.addSessions([followUp]);
    const before = devin.requests.length;

    const pushed = await run(pullRequest('synchronize', target), inputs);

    expect(pushed.exitCode).toBe(1);
    expect(pushed.outputs.gate).toBe('fail');
    expect(JSON.parse(pushed.outputs['session-ids'] ?? '[]')).toEqual([
      linked.session_id,
      followUp.session_id,
    ]);
    // The links and the earlier findings by id, then only what changed since the first run listed.
    const requests = devin.requests.slice(before);
    expect(requests).toHaveLength(2);
    expect(Number(requests[1]?.query.get('updated_after'))).toBeGreaterThanOrEqual(scannedAt - 300);
  });

  it('names a linked session the API does not return, in the log and the comment', async () => {
    const { github, run, pullRequest } = await stage();
    const event = pullRequest('opened', {
      ...repo,
      number: 90,
      createdAt: iso(BASE_TIME),
      body: link('0123456789abcdef0123456789abcdef'),
    });

    const result = await run(event, { 'devin-org-id': 'org-wrong' });

    expect(result.stdout).toMatch(/::warning::The Devin API did not return 1 session linked .*devin-org-id/);
    expect(commentBody(github, 'acme', 'shop', 90)).toContain(
      'did not return 1 session linked in the pull request body: 0123456789abcdef0123456789abcdef',
    );
  });
});

describe('outages are not configuration errors', () => {
  const previous = `${MARKER}\n### Devin session insights\n\nThe report of an earlier run.\n`;

  it.each([
    ['a refused key (401)', { status: 401, body: '{"detail":"Invalid token"}' }, {}],
    [
      'an unknown organization (404)',
      { status: 404, body: '{"detail":"Not Found"}' },
      { 'devin-org-id': 'org-typo' },
    ],
    ['a sign-in page (200, not JSON)', { status: 200, body: '<html>Sign in</html>' }, {}],
  ] as const)(
    'fails on %s under if-api-error: warn, with every output and a summary',
    async (_name, fault, extra) => {
      const { devin, github, run, pullRequest } = await stage();
      devin.injectFault({ ...fault, times: Number.POSITIVE_INFINITY });
      const event = pullRequest('opened', {
        ...repo,
        number: 91,
        createdAt: iso(BASE_TIME),
        body: link('0123456789abcdef0123456789abcdef'),
      });
      github.addComment({ ...repo, issue_number: 91, body: previous, user: ACTIONS_BOT });

      const result = await run(event, { 'if-api-error': 'warn', 'commit-status': STATUS, ...extra });

      expect(result.exitCode, result.stdout).toBe(1);
      expect(Object.keys(result.outputs).sort()).toEqual(Object.keys(readActionMetadata().outputs).sort());
      expect(result.outputs).toMatchObject({ gate: 'error', matched: '', acus: '' });
      expect(result.summary).toContain('which if-api-error: warn does not cover');
      // The linked lookup failed for a reason no window scan can get past: none follows.
      expect(devin.requests).toHaveLength(1);
      expect(commentBody(github, 'acme', 'shop', 91)).toContain('could not read the Devin API');
      expect(github.latestStatuses('acme', 'shop', headShaOf(event)).get(STATUS)?.state).toBe('error');
    },
  );

  it('passes an outage under warn with few annotations: retries are log lines', async () => {
    const { devin, github, run, pullRequest } = await stage();
    // Two retries, then a Retry-After beyond the retry budget ends them, as a long outage would.
    devin.injectFault({ status: 503, times: 2, headers: { 'retry-after': '0' } });
    devin.injectFault({ status: 503, times: Number.POSITIVE_INFINITY, headers: { 'retry-after': '3600' } });
    const event = pullRequest('opened', { ...repo, number: 92, createdAt: iso(BASE_TIME) });

    const result = await run(event, { 'if-api-error': 'warn', 'commit-status': STATUS });

    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.outputs.gate).toBe('error');
    const annotations = result.stdout.split('\n').filter((line) => /^::(warning|error|notice)/.test(line));
    expect(annotations.length).toBeLessThanOrEqual(3);
    expect(result.stdout).toMatch(/^The Devin API answered 503 .*Retrying/m);
    const status = github.latestStatuses('acme', 'shop', headShaOf(event)).get(STATUS);
    expect(status).toMatchObject({ state: 'success' });
    expect(status?.description).toMatch(/^Not checked, passed as if-api-error is warn/);
  });

  it('keeps a failure with thousands of labels to one annotation of bounded length', async () => {
    const session = sessionOn(93, {
      analysis: makeAnalysis({
        issues: Array.from({ length: 3_000 }, (_, index) => ({
          id: `i${index}`,
          impact: 'Low',
          label: `Label ${index} ${'x'.repeat(40)}`,
          issue: 'Text',
        })),
      }),
    });
    const { run, pullRequest } = await stage({ sessions: [session] });
    const event = pullRequest('opened', { ...repo, number: 93, body: link(session.session_id) });

    const result = await run(event, { 'fail-on-labels': '*', comment: 'never' });

    expect(result.exitCode).toBe(1);
    const errors = result.stdout.split('\n').filter((line) => line.startsWith('::error::'));
    expect(errors).toHaveLength(1);
    expect(errors[0]?.length).toBeLessThan(1_200);
  });
});

describe('smaller truths', () => {
  it('gives no push or label advice on a merged pull request', async () => {
    const session = sessionOn(94);
    const { github, run, pullRequest } = await stage({ sessions: [session] });
    const event = pullRequest('closed', {
      ...repo,
      number: 94,
      merged: true,
      body: link(session.session_id),
    });

    const result = await run(event, { 'fail-on-labels': 'environment', 'override-label': 'accept-devin' });

    expect(result.exitCode).toBe(1);
    const body = commentBody(github, 'acme', 'shop', 94);
    expect(body).toContain('**What now?** This pull request is merged');
    expect(body).not.toContain('add the label');
    expect(body).not.toContain('A new push');
  });

  it('skips a review on a pull request closed without merging', async () => {
    const { devin, run, pullRequestCarrier, github } = await stage();
    const event = pullRequestCarrier('pull_request_review', { ...repo, number: 95 });
    (event.payload.pull_request as { state: string }).state = 'closed';

    const result = await run(event);

    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.outputs.gate).toBe('skipped');
    expect(result.stdout).toContain('was closed without being merged');
    expect(devin.requests).toHaveLength(0);
    expect(github.requests).toHaveLength(0);
  });
});
