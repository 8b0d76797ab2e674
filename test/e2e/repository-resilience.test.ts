import { describe, expect, it } from 'vitest';
import { pendingCommentBody } from '../fakes/action-comment.ts';
import { bulkSessions, type FakeSession, makeAnalysis, makeSession } from '../fakes/devin-data.ts';
import { scheduleEvent } from '../fakes/webhooks.ts';
import { stage } from './stage.ts';

const DAY = 86_400;
const shop = { owner: 'acme', repo: 'shop' };
const pullUrl = (number: number) => `https://github.com/acme/shop/pull/${number}`;
const nowSeconds = () => Math.floor(Date.now() / 1000);

interface PeriodJson {
  complete: boolean;
  incomplete_reasons: string[];
  totals: { sessions: number; sessions_outside_period: number; acus_outside_period: number };
  pull_requests: { number: number; acus: number; sessions: number }[];
  acus_per_day: { date: string; acus: number }[];
}

/** A session on pull request `number` of acme/shop. */
function onShop(number: number, overrides: Partial<FakeSession> = {}): FakeSession {
  return makeSession({ pull_requests: [{ pr_url: pullUrl(number), pr_state: 'open' }], ...overrides });
}

/** The session as a v3 list item, for an answer written by hand. */
function asItem(session: FakeSession): Record<string, unknown> {
  return Object.fromEntries(Object.entries(session).filter(([key]) => !key.startsWith('_')));
}

describe('repository mode: a scan of the period that the API makes hard', () => {
  it('counts a session whose update the API clock puts a few minutes after the run in the chart, not outside the period', async () => {
    const now = nowSeconds();
    const ahead = onShop(8, { created_at: now - 3600, updated_at: now + 120, acus_consumed: 4 });
    const { run } = await stage({ sessions: [ahead] });

    const result = await run(scheduleEvent(shop));

    expect(result.exitCode, result.stdout).toBe(0);
    const report = result.reportFile as PeriodJson;
    expect(report.totals).toMatchObject({ sessions: 1, sessions_outside_period: 0, acus_outside_period: 0 });
    expect(report.acus_per_day.reduce((sum, day) => sum + day.acus, 0)).toBe(4);
    expect(result.summary).not.toContain('outside the period');
  });

  it('reads on when the listing gives a total smaller than the page it answers', async () => {
    const now = nowSeconds();
    const target = onShop(8, { created_at: now - 5 * DAY, updated_at: now - 5 * DAY + 60, acus_consumed: 3 });
    const crowd = bulkSessions(700, { startAt: now - 4 * DAY, stepSeconds: 60 });
    const { run } = await stage({ sessions: [...crowd, target], answeredTotal: 0 });

    const result = await run(scheduleEvent(shop));

    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.stdout).not.toContain('does not advance');
    const report = result.reportFile as PeriodJson;
    expect(report.pull_requests).toMatchObject([{ number: 8, acus: 3 }]);
  });

  it('keeps the newer copy of a session that an answer read before its update brings last', async () => {
    const now = nowSeconds();
    const current = onShop(8, {
      created_at: now - 5 * DAY,
      updated_at: now - 4 * DAY,
      acus_consumed: 5,
    });
    const earlier = { ...current, updated_at: current.updated_at - 3600, acus_consumed: 1 };
    // Enough sessions for the period to be read in slices over created_at, all newer than `current`.
    const crowd = bulkSessions(2_000, { startAt: now - 3 * DAY, stepSeconds: 60 });
    const { devin, run } = await stage({ sessions: [...crowd, current] });
    // The slice open above answers last, with the copy it read before the session changed.
    devin.injectFault({
      kind: 'enterprise-list',
      match: (request) =>
        request.query.has('created_after') &&
        !request.query.has('created_before') &&
        !request.query.has('after'),
      status: 200,
      body: JSON.stringify({ items: [asItem(earlier)], end_cursor: null, has_next_page: false, total: 1 }),
      delayMs: 1_000,
    });

    const result = await run(scheduleEvent(shop));

    expect(result.exitCode, result.stdout).toBe(0);
    expect(devin.requests.some((request) => request.query.has('created_before'))).toBe(true);
    const report = result.reportFile as PeriodJson;
    expect(report.pull_requests).toMatchObject([{ number: 8, acus: 5, sessions: 1 }]);
  });

  it('finds a session updated while the period is read', async () => {
    const now = nowSeconds();
    const moved = onShop(8, { created_at: now - 6 * DAY, updated_at: now - 6 * DAY + 60, acus_consumed: 2 });
    const crowd = bulkSessions(450, { startAt: now - 5 * DAY, stepSeconds: 60 });
    const { devin, run } = await stage({ sessions: [...crowd, moved] });
    let updated = false;
    devin.injectFault({
      // No fault: when the second page is asked for, `moved` is updated, which puts it before the cursor.
      match: (request) => {
        if (!updated && request.query.has('after')) {
          updated = true;
          devin.addSessions([{ ...moved, updated_at: nowSeconds(), acus_consumed: 6 }]);
        }
        return false;
      },
    });

    const result = await run(scheduleEvent(shop));

    expect(result.exitCode, result.stdout).toBe(0);
    expect(updated).toBe(true);
    const report = result.reportFile as PeriodJson;
    expect(report.pull_requests).toMatchObject([{ number: 8, acus: 6 }]);
  });

  it('warns and marks the summary and the report incomplete when the listing announces pages it gives no cursor for', async () => {
    const now = nowSeconds();
    const session = onShop(8, { created_at: now - 7200, updated_at: now - 3600 });
    const { devin, run } = await stage({ sessions: [session] });
    devin.injectFault({
      kind: 'enterprise-list',
      status: 200,
      body: JSON.stringify({ items: [asItem(session)], end_cursor: null, has_next_page: true, total: 500 }),
    });

    const result = await run(scheduleEvent(shop));

    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.stdout).toMatch(
      /::warning::The Devin API's listing GET \/v3\/enterprise\/sessions\/insights said more pages follow but gave no end_cursor/,
    );
    const report = result.reportFile as PeriodJson;
    expect(report.complete).toBe(false);
    expect(report.incomplete_reasons).toEqual([expect.stringContaining('gave no end_cursor')]);
    expect(report.pull_requests).toMatchObject([{ number: 8 }]);
    expect(result.summary).toContain('**Incomplete**');
    expect(result.summary).toContain('gave no end\\_cursor');
  });

  it('says the period report is complete when the scan read every page', async () => {
    const now = nowSeconds();
    const { run } = await stage({
      sessions: [onShop(8, { created_at: now - 7200, updated_at: now - 3600 })],
    });

    const result = await run(scheduleEvent(shop));

    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.reportFile).toMatchObject({ complete: true, incomplete_reasons: [] });
    expect(result.summary).not.toContain('Incomplete');
  });
});

describe('repository mode: pending comments that cannot be finished', () => {
  /** Pull request 8 waits for two sessions: one of the period, one last updated before it. */
  async function pendingOnEight(
    fault: { status: number; headers?: Record<string, string>; body: string } = {
      status: 403,
      body: JSON.stringify({ detail: 'Missing required permission: ViewAccountSessions' }),
    },
  ) {
    const now = nowSeconds();
    const recent = onShop(8, {
      created_at: now - 7200,
      updated_at: now - 3600,
      acus_consumed: 2.5,
      analysis: null,
    });
    const older = onShop(8, { created_at: now - 12 * DAY, updated_at: now - 10 * DAY, analysis: null });
    const staged = await stage({ sessions: [recent, older] });
    staged.github.addPull({ ...shop, number: 8, state: 'open' });
    staged.github.addComment({
      ...shop,
      issue_number: 8,
      body: pendingCommentBody([recent.session_id, older.session_id]),
    });
    // Looking up the session from before the period fails; the scan of the period does not.
    staged.devin.injectFault({
      kind: 'enterprise-list',
      match: (request) => request.query.has('session_ids'),
      ...fault,
      times: Number.POSITIVE_INFINITY,
    });
    return staged;
  }

  it('publishes the period report, names the pull request it could not finish, then fails', async () => {
    const { run } = await pendingOnEight();

    const result = await run(scheduleEvent(shop));

    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(
      /::warning::Could not finish the comment waiting for an analysis on #8: The Devin API answered 403/,
    );
    expect(result.stdout).toMatch(
      /::error::The period report was written, but the comment waiting for an analysis on #8 could not be finished/,
    );
    expect(result.summary).toContain('[#8](https://github.com/acme/shop/pull/8)');
    expect(result.summary).toContain(
      'Could not finish the comment of 1 pull request that waited for an analysis: #8',
    );
    expect(result.summary).not.toContain('No period report');
    expect(result.outputs).toMatchObject({ gate: 'skipped', matched: 'true', acus: '2.5' });
    expect(result.outputs['report-csv']).toBeTruthy();
    expect(result.reportFile).toMatchObject({ pull_requests: [{ number: 8 }] });
  });

  it('passes with a warning under if-api-error: warn when the Devin API is down', async () => {
    // A Retry-After beyond the retry budget ends the retries at once, as a long outage would.
    const { run } = await pendingOnEight({
      status: 503,
      headers: { 'retry-after': '3600' },
      body: '{"detail":"Service Unavailable"}',
    });

    const result = await run(scheduleEvent(shop), { 'if-api-error': 'warn' });

    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.stdout).toMatch(
      /::warning::The period report was written, but the comment waiting for an analysis on #8 could not be finished.*\(if-api-error: warn\)/,
    );
    expect(result.summary).toContain(
      'Could not finish the comment of 1 pull request that waited for an analysis: #8',
    );
  });

  it('names a pull request whose comment GitHub refused to update, and passes: if-api-error speaks for the Devin API', async () => {
    const now = nowSeconds();
    const session = onShop(9, {
      created_at: now - 7200,
      updated_at: now - 3600,
      analysis: null,
      status: 'exit',
    });
    const { devin, github, run } = await stage({
      sessions: [session],
      generation: { [session.session_id]: { analysis: makeAnalysis(), readsUntilReady: 1 } },
    });
    github.addPull({ ...shop, number: 9, state: 'open' });
    github.addComment({ ...shop, issue_number: 9, body: pendingCommentBody([session.session_id]) });
    github.injectFault({
      method: 'PATCH',
      pathIncludes: '/issues/comments/',
      status: 403,
      body: JSON.stringify({ message: 'Resource not accessible by integration' }),
      times: Number.POSITIVE_INFINITY,
    });

    const result = await run(scheduleEvent(shop));

    expect(result.exitCode, result.stdout).toBe(0);
    expect(devin.countRequests('generate')).toBe(1);
    expect(result.stdout).toContain('::warning::GitHub refused to write the pull request comment (403)');
    expect(result.summary).toContain(
      'Could not finish the comment of 1 pull request that waited for an analysis: #9',
    );
    expect(result.summary).toContain('[#9](https://github.com/acme/shop/pull/9)');
  });
});
