import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { bulkSessions, makeAnalysis, makeSession } from '../fakes/devin-data.ts';
import { scheduleEvent, workflowDispatchEvent } from '../fakes/webhooks.ts';
import { MARKER, parseCsv, stage } from './stage.ts';

const DAY = 86_400;
const PAGE_SIZE = 200;
const shop = { owner: 'acme', repo: 'shop' };
const other = { owner: 'acme', repo: 'other' };
const link = (id: string) => `Link to Devin run: https://app.devin.ai/sessions/${id}`;
const pullUrl = (repository: { owner: string; repo: string }, number: number) =>
  `https://github.com/${repository.owner}/${repository.repo}/pull/${number}`;

/** A session of the last two hours on shop's pull request of this number, which it recorded open: 2.5 ACUs. */
function recentSessionOn(number: number) {
  const now = Math.floor(Date.now() / 1000);
  return makeSession({
    pull_requests: [{ pr_url: pullUrl(shop, number), pr_state: 'open' }],
    created_at: now - 7200,
    updated_at: now - 3600,
    acus_consumed: 2.5,
  });
}

/** The sessions of one repository's week: pull requests open, merged and closed, among many of other repositories. */
function week(now: number) {
  const hoursAgo = (hours: number) => now - hours * 3600;
  const on = (repository: { owner: string; repo: string }, number: number, state: string) => [
    { pr_url: pullUrl(repository, number), pr_state: state },
  ];
  const pending = makeSession({
    pull_requests: on(shop, 1, 'open'),
    created_at: hoursAgo(30),
    updated_at: hoursAgo(20),
    acus_consumed: 3.5,
    analysis: null,
  });
  const stillWorking = makeSession({
    pull_requests: on(shop, 6, 'open'),
    created_at: hoursAgo(10),
    updated_at: hoursAgo(1),
    status: 'running',
    status_detail: 'working',
    acus_consumed: 1.25,
    analysis: null,
  });
  const merged = makeSession({
    pull_requests: on(shop, 2, 'merged'),
    created_at: hoursAgo(50),
    updated_at: hoursAgo(40),
    acus_consumed: 7,
  });
  const closed = makeSession({
    pull_requests: on(shop, 3, 'closed'),
    created_at: hoursAgo(80),
    updated_at: hoursAgo(70),
    acus_consumed: 2,
  });
  const analysedOpen = makeSession({
    pull_requests: on(shop, 4, 'open'),
    created_at: hoursAgo(8),
    updated_at: hoursAgo(5),
    acus_consumed: 1,
  });
  const beforeThePeriod = makeSession({
    pull_requests: on(shop, 2, 'merged'),
    created_at: now - 12 * DAY,
    updated_at: now - 11 * DAY,
    acus_consumed: 50,
  });
  const otherRepository = makeSession({
    pull_requests: on(other, 1, 'open'),
    created_at: hoursAgo(30),
    updated_at: hoursAgo(20),
    analysis: null,
  });
  const crowd = bulkSessions(450, { startAt: now - 6 * DAY, stepSeconds: 60 });
  const oldCrowd = bulkSessions(300, { startAt: now - 40 * DAY, stepSeconds: 60 });
  return {
    pending,
    stillWorking,
    merged,
    closed,
    analysedOpen,
    otherRepository,
    inPeriod: 7 + crowd.length - 1,
    all: [
      pending,
      stillWorking,
      merged,
      closed,
      analysedOpen,
      beforeThePeriod,
      otherRepository,
      ...crowd,
      ...oldCrowd,
    ],
  };
}

describe('repository mode on a schedule', () => {
  it('finishes the pending comments once and reports the week in the summary, JSON and CSV alike', async () => {
    const now = Math.floor(Date.now() / 1000);
    const sessions = week(now);
    const { devin, github, run, pullRequest } = await stage({
      sessions: sessions.all,
      generation: {
        [sessions.pending.session_id]: {
          analysis: makeAnalysis(),
          // Still pending at the scheduled run's scan, its listing of the comment's sessions by id and first
          // polls (the pull request run reads it twice: by its link, and in the listing of what changed since the
          // pull request was created).
          readsUntilReady: 6,
        },
        [sessions.otherRepository.session_id]: { readsUntilReady: 'never' },
      },
    });
    // The pull request runs that wrote the comments, with no time to wait for analyses.
    for (const [repository, number, session] of [
      [shop, 1, sessions.pending],
      [shop, 4, sessions.analysedOpen],
      [shop, 6, sessions.stillWorking],
      [other, 1, sessions.otherRepository],
    ] as const) {
      const opened = await run(
        pullRequest('opened', { ...repository, number, body: link(session.session_id) }),
        { 'wait-timeout': '0', generate: number === 6 ? 'false' : 'true' },
      );
      expect(opened.exitCode, opened.stdout).toBe(0);
    }
    // Merged and closed pull requests, and a pending-looking comment someone else wrote.
    github.addPull({ ...shop, number: 2, merged: true, state: 'closed' });
    github.addPull({ ...shop, number: 3, state: 'closed' });
    const forged = github.addComment({
      ...shop,
      issue_number: 4,
      body: `${MARKER}\n<!-- devin-session-insights-state {"sessions":["${sessions.merged.session_id}"],"unanalysed":["${sessions.merged.session_id}"]} -->\nforged`,
      user: { login: 'mallory', id: 66, type: 'User' },
    });
    const before = github.comments.map((comment) => ({
      id: comment.id,
      revisions: comment.revisions.length,
    }));
    const devinBefore = devin.requests.length;
    const githubBefore = github.requests.length;

    const result = await run(scheduleEvent(shop), { 'fail-on-impact': 'high' });

    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.stderr).toBe('');
    const devinRequests = devin.requests.slice(devinBefore);
    const githubRequests = github.requests.slice(githubBefore);

    // One scan at the page floor of the period's sessions, then what changed while it ran; only the settled
    // pending session is asked for.
    const scan = devinRequests.filter((request) => request.query.has('updated_after'));
    expect(scan).toHaveLength(Math.ceil(sessions.inPeriod / PAGE_SIZE) + 1);
    expect(Number(scan[0]?.query.get('updated_after'))).toBeGreaterThanOrEqual(now - 7 * DAY);
    const generated = devinRequests.filter((request) => request.kind === 'generate');
    expect(generated.map((request) => request.path)).toEqual([
      expect.stringContaining(sessions.pending.session_id),
    ]);

    // Exactly one update, of the pending comments; no comment created, none elsewhere touched.
    const writes = githubRequests.filter(
      (request) => request.method !== 'GET' && request.path !== '/graphql',
    );
    expect(writes.map((request) => request.method)).toEqual(['PATCH', 'PATCH']);
    const after = new Map(github.comments.map((comment) => [comment.id, comment]));
    const changed = before.filter(({ id, revisions }) => after.get(id)?.revisions.length !== revisions);
    const changedOn = changed.map(({ id }) => after.get(id)?.issue_number).sort();
    expect(changedOn).toEqual([1, 6]);
    expect(githubRequests.some((request) => request.path.includes('/acme/other/'))).toBe(false);
    expect(after.get(forged.id)?.revisions).toHaveLength(1);

    expect(github.commentsOn('acme', 'shop', 1)[0]?.revisions).toHaveLength(2);
    const finished = github.commentsOn('acme', 'shop', 1)[0]?.body ?? '';
    expect(finished).toContain('The test database was not running');
    expect(finished).not.toContain('pending');
    const working = github.commentsOn('acme', 'shop', 6)[0]?.body ?? '';
    expect(working).toContain('Devin is still working');

    // The summary, the JSON report and the CSV tell the same story.
    const report = result.reportFile as {
      totals: { pull_requests: number; sessions: number; acus: number };
      pull_requests: { number: number; state: string; sessions: number; acus: number; gate: string }[];
    };
    const byNumber = new Map(report.pull_requests.map((entry) => [entry.number, entry]));
    expect([...byNumber.keys()].sort()).toEqual([1, 2, 3, 4, 6]);
    expect(byNumber.get(1)).toMatchObject({ state: 'open', sessions: 1, acus: 3.5, gate: 'fail' });
    expect(byNumber.get(2)).toMatchObject({ state: 'merged', sessions: 1, acus: 7 });
    expect(byNumber.get(3)).toMatchObject({ state: 'closed', sessions: 1, acus: 2 });
    expect(byNumber.get(6)).toMatchObject({ gate: 'pending' });
    expect(report.totals).toMatchObject({ pull_requests: 5, sessions: 5 });
    const rows = parseCsv(await readFile(result.outputs['report-csv'] ?? '', 'utf8'));
    expect(rows.map((row) => Number(row.number))).toEqual(report.pull_requests.map((entry) => entry.number));
    for (const row of rows) {
      const entry = byNumber.get(Number(row.number));
      expect(row).toMatchObject({ state: entry?.state, acus: String(entry?.acus), gate: entry?.gate });
      expect(result.summary).toContain(`[#${row.number}](${row.url})`);
    }
    expect(result.summary).toContain(`${report.totals.acus} ACUs`);
    expect(result.summary).toContain('xychart-beta');
    expect(result.summary).toContain('Updated the comment of 2 pull requests that waited for an analysis');
    expect(result.outputs).toMatchObject({
      gate: 'skipped',
      matched: 'true',
      acus: String(report.totals.acus),
    });
  });

  it('finishes a pending comment on a pull request carrying the override label as accepted, as its own runs judge', async () => {
    const now = Math.floor(Date.now() / 1000);
    const session = makeSession({
      pull_requests: [{ pr_url: pullUrl(shop, 9), pr_state: 'open' }],
      created_at: now - 7200,
      updated_at: now - 3600,
      analysis: null,
    });
    const { github, run, pullRequest } = await stage({
      sessions: [session],
      generation: {
        [session.session_id]: {
          analysis: makeAnalysis({
            issues: [{ impact: 'High', label: 'Security', issue: 'Leaked a token' }],
          }),
          readsUntilReady: 2,
        },
      },
    });
    const gate = { 'fail-on-labels': 'security', 'override-label': 'devin-accepted' };
    const opened = await run(
      pullRequest('opened', {
        ...shop,
        number: 9,
        body: link(session.session_id),
        labels: ['devin-accepted'],
      }),
      { ...gate, 'wait-timeout': '0' },
    );
    expect(opened.exitCode, opened.stdout).toBe(0);

    const result = await run(scheduleEvent(shop), gate);

    expect(result.exitCode, result.stdout).toBe(0);
    const [comment] = github.commentsOn('acme', 'shop', 9);
    expect(comment?.revisions).toHaveLength(2);
    expect(comment?.body).toContain('Leaked a token');
    expect(comment?.body).toContain('**Gate failed, accepted** with the label');
    expect(comment?.body).not.toContain('❌');
  });

  it('runs on workflow_dispatch without pr-number, and fails on a bad report-days before any request', async () => {
    const { devin, github, run } = await stage();

    const bad = await run(workflowDispatchEvent(shop), { 'report-days': 'a week' });

    expect(bad.exitCode).toBe(1);
    expect(bad.stdout).toContain("Input 'report-days' must be a number of days greater than 0");
    expect(devin.requests).toHaveLength(0);
    expect(github.requests).toHaveLength(0);

    const empty = await run(workflowDispatchEvent(shop), { 'report-days': '1' });

    expect(empty.exitCode, empty.stdout).toBe(0);
    expect(empty.summary).toContain('No Devin session named a pull request of this repository.');
    expect(empty.outputs).toMatchObject({ matched: 'false', gate: 'skipped' });
  });

  it('leaves the acus output empty when a session of the period has no ACU figure, as pull request runs do', async () => {
    const now = Math.floor(Date.now() / 1000);
    const onPull = (number: number) => ({
      pull_requests: [{ pr_url: pullUrl(shop, number), pr_state: 'open' }],
      created_at: now - 7200,
      updated_at: now - 3600,
    });
    const known = makeSession({ ...onPull(8), acus_consumed: 2.5 });
    const unknown = makeSession({
      ...onPull(9),
      acus_consumed: null as unknown as number,
      _off_contract: true,
    });
    const { run } = await stage({ sessions: [known, unknown] });

    const result = await run(scheduleEvent(shop));

    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.outputs).toMatchObject({ matched: 'true', acus: '' });
    const report = JSON.parse(await readFile(result.outputs.report ?? '', 'utf8')) as {
      totals: { acus: number; acus_unknown_sessions: number };
    };
    expect(report.totals).toMatchObject({ acus: 2.5, acus_unknown_sessions: 1 });
  });

  it("names a pull request whose comments GitHub will not show, and keeps GitHub's states for the report", async () => {
    const { github, run } = await stage({ sessions: [recentSessionOn(2), recentSessionOn(8)] });
    github.addPull({ ...shop, number: 2, merged: true, state: 'closed' });
    github.addPull({ ...shop, number: 8 });
    github.injectFault({
      method: 'GET',
      pathIncludes: '/issues/8/comments',
      status: 403,
      times: Number.POSITIVE_INFINITY,
    });

    const result = await run(scheduleEvent(shop));

    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.stdout).toContain(
      "::warning::Could not read the comments of pull request acme/shop#8: GitHub answered 403: the github-token needs 'pull-requests: write'",
    );
    expect(result.stdout).not.toContain('Could not look for comments');
    const report = result.reportFile as { pull_requests: { number: number; state: string }[] };
    expect(report.pull_requests.map(({ number, state }) => [number, state]).sort()).toEqual([
      [2, 'merged'],
      [8, 'open'],
    ]);
  });

  it('still reports the period when GitHub refuses to list pull requests, and fails when the Devin API cannot be read', async () => {
    const session = recentSessionOn(8);
    const { devin, github, run } = await stage({ sessions: [session] });
    github.injectFault({
      method: 'GET',
      pathIncludes: '/pulls',
      status: 403,
      times: Number.POSITIVE_INFINITY,
    });

    const refused = await run(scheduleEvent(shop));

    expect(refused.exitCode, refused.stdout).toBe(0);
    expect(refused.stdout).toContain('::warning::Could not look for comments waiting for an analysis');
    expect(refused.summary).toContain('[#8](https://github.com/acme/shop/pull/8)');
    expect(refused.outputs.acus).toBe('2.5');

    devin.injectFault({ kind: 'enterprise-list', status: 401, times: Number.POSITIVE_INFINITY });

    const failed = await run(scheduleEvent(shop));

    expect(failed.exitCode).toBe(1);
    expect(failed.stdout).toContain(
      '::error::The Devin API answered 401 to GET /v3/enterprise/sessions/insights',
    );
    expect(failed.outputs).toMatchObject({ gate: 'error', matched: '', acus: '' });

    // A refused key is no outage: if-api-error: warn does not let it pass.
    const refusedUnderWarn = await run(scheduleEvent(shop), { 'if-api-error': 'warn' });

    expect(refusedUnderWarn.exitCode).toBe(1);
    expect(refusedUnderWarn.outputs).toMatchObject({ gate: 'error', matched: '', acus: '' });
    expect(refusedUnderWarn.summary).toContain('which if-api-error: warn does not cover');

    // An outage is: a Retry-After beyond the retry budget ends the retries at once, as a long outage would.
    const down = await stage({ sessions: [session] });
    down.devin.injectFault({
      status: 503,
      headers: { 'retry-after': '3600' },
      times: Number.POSITIVE_INFINITY,
    });
    const warned = await down.run(scheduleEvent(shop), { 'if-api-error': 'warn' });

    expect(warned.exitCode, warned.stdout).toBe(0);
    expect(warned.stdout).toContain(
      '::warning::The Devin API answered 503 to GET /v3/enterprise/sessions/insights',
    );
    expect(warned.stdout).toContain('No period report was made (if-api-error: warn).');
    expect(warned.outputs).toMatchObject({ gate: 'error', matched: '', acus: '' });
    expect(warned.summary).toContain('**No period report**: the Devin API could not be read.');
  });
});
