/**
 * run() in-process, driven through its dependencies: inputs, event, and a fake clock, so that the wait for
 * Devin's analysis takes no real time. The APIs are the fakes on loopback; @actions/core writes to files.
 */
import { afterEach, expect, it } from 'vitest';
import { MIN_POLL_INTERVAL_SECONDS } from '../../src/devin/insights.ts';
import { type FakeDevinApi, startFakeDevinApi } from '../fakes/devin-api.ts';
import { BASE_TIME, type FakeSession, makeSession } from '../fakes/devin-data.ts';
import { type FakeGitHubApi, startFakeGitHubApi } from '../fakes/github-api.ts';
import { pullRequestEvent, scheduleEvent } from '../fakes/webhooks.ts';
import { inProcessRuns } from './in-process.ts';

const runInProcess = inProcessRuns();
const open: { close(): Promise<void> }[] = [];

afterEach(async () => {
  await Promise.all(open.splice(0).map((server) => server.close()));
});

/** Pull request 7 of acme/shop, linking one session that has no analysis yet and settles when asked. */
async function awaitedSession(readsUntilReady: number | 'never'): Promise<{
  devin: FakeDevinApi;
  github: FakeGitHubApi;
  session: FakeSession;
  event: ReturnType<typeof pullRequestEvent>;
}> {
  const session = makeSession({
    pull_requests: [{ pr_url: 'https://github.com/acme/shop/pull/7', pr_state: 'open' }],
    created_at: BASE_TIME + 60,
    updated_at: BASE_TIME + 3_600,
    analysis: null,
  });
  const devin = await startFakeDevinApi({
    sessions: [session],
    generation: { [session.session_id]: { readsUntilReady } },
  });
  open.push(devin);
  const github = await startFakeGitHubApi();
  open.push(github);
  const target = {
    owner: 'acme',
    repo: 'shop',
    number: 7,
    body: `Link to Devin run: https://app.devin.ai/sessions/${session.session_id}`,
    createdAt: new Date(BASE_TIME * 1000).toISOString(),
  };
  github.addPull({ ...target, created_at: target.createdAt, merged: false, state: 'open' });
  return { devin, github, session, event: pullRequestEvent('opened', target) };
}

it('waits for the generated analysis on the injected clock, then comments and passes', async () => {
  const { devin, github, session, event } = await awaitedSession(3);

  const result = await runInProcess({
    event,
    devinUrl: devin.url,
    githubUrl: github.url,
    inputs: { 'poll-interval': '10' },
  });

  expect(result.exitCode, result.log).toBe(0);
  // The first read comes at once; the analysis is on the third, after waits of 10 s and then 15 s.
  expect(result.clock.sleeps).toEqual([10_000, 15_000]);
  expect(devin.countRequests('enterprise-get')).toBe(3);
  expect(result.outputs).toMatch(/^gate<<.*\npass\n/m);
  expect(result.outputs).toContain(`["${session.session_id}"]`);
  const [comment] = github.commentsOn('acme', 'shop', 7);
  expect(comment?.body, result.log).toContain('Data read from the Devin API at 2025-10-03T08:15:25Z');
});

it('never polls faster than the floor, whatever poll-interval says, and says so once', async () => {
  const { devin, github, event } = await awaitedSession('never');

  const result = await runInProcess({
    event,
    devinUrl: devin.url,
    githubUrl: github.url,
    inputs: { 'poll-interval': '0.001', 'wait-timeout': '10' },
  });

  expect(result.exitCode, result.log).toBe(0);
  const floor = MIN_POLL_INTERVAL_SECONDS * 1000;
  // From the floor up by 1.5 each time; the last wait ends at wait-timeout.
  expect(result.clock.sleeps).toEqual([floor, 1.5 * floor, 2.25 * floor, 3.375 * floor, 1_875]);
  expect(devin.countRequests('enterprise-get')).toBe(result.clock.sleeps.length + 1);
  const notes = result.log.split('\n').filter((line) => line.includes('below the floor'));
  expect(notes).toEqual([
    `poll-interval 0.001 s is below the floor of ${MIN_POLL_INTERVAL_SECONDS} s: polls wait at least ${MIN_POLL_INTERVAL_SECONDS} s, backing off from there.`,
  ]);
  expect(result.log).toContain('No analysis after 10 s for');
});

it('backs off from poll-interval by half each time, up to four times it, until wait-timeout', async () => {
  const { devin, github, event } = await awaitedSession('never');

  const result = await runInProcess({
    event,
    devinUrl: devin.url,
    githubUrl: github.url,
    inputs: { 'poll-interval': '2', 'wait-timeout': '60' },
  });

  expect(result.exitCode, result.log).toBe(0);
  expect(result.clock.sleeps).toEqual([2_000, 3_000, 4_500, 6_750, 8_000, 8_000, 8_000, 8_000, 8_000, 3_750]);
  expect(devin.countRequests('enterprise-get')).toBe(11);
  expect(result.log).not.toContain('below the floor');
});

it('on a schedule, tells the caller once the scan is done: after its listings, before GitHub is read', async () => {
  const now = Date.parse('2025-10-03T08:15:00Z') / 1000;
  const sessions = Array.from({ length: 3 }, (_, index) =>
    makeSession({
      pull_requests: [{ pr_url: `https://github.com/acme/shop/pull/${index + 1}`, pr_state: 'open' }],
      created_at: now - 86_400,
      updated_at: now - 3_600 + index,
    }),
  );
  const devin = await startFakeDevinApi({ sessions });
  open.push(devin);
  const github = await startFakeGitHubApi();
  open.push(github);
  for (const number of [1, 2, 3])
    github.addPull({ owner: 'acme', repo: 'shop', number, merged: false, state: 'open' });
  const seen: { devin: number; github: string[] }[] = [];

  const result = await runInProcess({
    event: scheduleEvent({ owner: 'acme', repo: 'shop' }),
    devinUrl: devin.url,
    githubUrl: github.url,
    onScanned: () =>
      seen.push({ devin: devin.requests.length, github: github.requests.map((request) => request.path) }),
  });

  expect(result.exitCode, result.log).toBe(0);
  expect(seen).toHaveLength(1);
  const [scanned] = seen;
  // Every Devin request of the run was the scan's, and none of the pull requests had been read.
  expect(scanned?.devin).toBeGreaterThan(0);
  expect(scanned?.devin).toBe(devin.requests.length);
  expect(scanned?.github.filter((path) => path.includes('/pulls'))).toEqual([]);
  expect(github.requests.some((request) => request.path.includes('/pulls'))).toBe(true);
});
