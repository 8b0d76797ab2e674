/**
 * The request floors, through the bundled action (dist/index.js, `npm run build` first): counts are exact,
 * so they are asserted here; times and memory are the benchmark's (`npm run bench`), never a test's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRepositoryScenario } from '../../scripts/bench/repository-scenario.ts';
import {
  type CaseName,
  CREATED_AT,
  isGitHubWrite,
  listingCount,
  PAGE_SIZE,
  repeated,
  requestKey,
  type Scenario,
  startScenario,
} from '../../scripts/bench/scenario.ts';
import { API_CONCURRENCY } from '../../src/util/concurrency.ts';
import { type RunResult, runAction } from '../e2e/harness.ts';

interface Run {
  result: RunResult;
  devin: Scenario['devin']['requests'];
  github: Scenario['github']['requests'];
}

async function runCase(scenario: Scenario, name: CaseName): Promise<Run> {
  const devinBefore = scenario.devin.requests.length;
  const githubBefore = scenario.github.requests.length;
  scenario.resetComments();
  const result = await runAction({
    event: scenario.cases[name].event,
    githubApiUrl: scenario.github.url,
    inputs: scenario.inputs(),
  });
  return {
    result,
    devin: scenario.devin.requests.slice(devinBefore),
    github: scenario.github.requests.slice(githubBefore),
  };
}

function expectSucceeded(run: Run, scenario: Scenario, name: CaseName): void {
  expect(run.result.exitCode, run.result.stdout).toBe(0);
  const found = JSON.parse(run.result.outputs['session-ids'] ?? '[]') as string[];
  expect([...found].sort()).toEqual(scenario.cases[name].expectedSessionIds);
}

const listings = (run: Run) =>
  run.github.filter((request) => request.method === 'GET' && request.path.endsWith('/comments'));

describe.each([
  { windowSessions: 1_050, historySessions: 400 },
  { windowSessions: 1_000, historySessions: 250 },
  { windowSessions: 4_321, historySessions: 100 },
])('with $windowSessions sessions updated since creation and $historySessions before', (sizes) => {
  let scenario: Scenario;

  beforeAll(async () => {
    scenario = await startScenario({ ...sizes, existingComment: true });
  });

  afterAll(async () => {
    await scenario.close();
  });

  it('finds a linked session with one Devin list request by its ids, and one for what changed since the last run', async () => {
    const run = await runCase(scenario, 'linked');

    expectSucceeded(run, scenario, 'linked');
    expect(run.devin).toHaveLength(2);
    expect(run.devin.every((request) => request.kind === 'enterprise-list')).toBe(true);
    expect(run.devin[0]?.query.getAll('session_ids')).toContain(scenario.cases.linked.expectedSessionIds[0]);
    // The earlier run recorded its listing in the comment: only what changed since, less the clock skew.
    const since = Number(run.devin[1]?.query.get('updated_after'));
    expect(since).toBeGreaterThan(Date.now() / 1000 - 3_600);
  });

  it.each(['window', 'merged'] as const)(
    'a %s run scans the window within ⌈sessions updated since creation / 200⌉ list requests plus one per extra slice, none before it',
    async (name) => {
      const run = await runCase(scenario, name);

      expectSucceeded(run, scenario, name);
      const floor = Math.ceil(sizes.windowSessions / PAGE_SIZE);
      const listings = listingCount(run.devin);
      if (floor <= 8) {
        // A few pages: the window read on, page after page, then what changed since its first page.
        expect(listings).toBe(2);
        expect(run.devin.length).toBeLessThanOrEqual(floor + 2);
      } else {
        // Many: its first page, the slices over created_at, then what changed since the first page.
        expect(listings).toBeGreaterThan(3);
        expect(listings).toBeLessThanOrEqual(API_CONCURRENCY + 2);
      }
      expect(run.devin.length).toBeLessThanOrEqual(floor + listings - 1);
      expect(run.devin.every((request) => request.kind === 'enterprise-list')).toBe(true);
      expect(run.devin.every((request) => request.query.get('first') === String(PAGE_SIZE))).toBe(true);
      // The history ends ten minutes before creation: a narrower bound than the clock-skew allowance.
      const since = Number(run.devin[0]?.query.get('updated_after'));
      expect(since).toBeGreaterThan(CREATED_AT - 600);
      expect(since).toBeLessThanOrEqual(CREATED_AT);
    },
  );

  it.each(['linked', 'window', 'merged'] as const)(
    'makes no request twice in a %s run, reads comments 100 per page and writes once',
    async (name) => {
      const run = await runCase(scenario, name);

      expectSucceeded(run, scenario, name);
      expect(repeated(run.devin.map(requestKey))).toEqual([]);
      expect(repeated(run.github.map(requestKey))).toEqual([]);
      expect(listings(run).length).toBeGreaterThan(0);
      expect(listings(run).every((request) => request.query.get('per_page') === '100')).toBe(true);
      // Its comment from an earlier run is there: one PATCH, no other write.
      expect(run.github.filter(isGitHubWrite).map((request) => request.method)).toEqual(['PATCH']);
    },
  );
});

describe('the first run on a pull request', () => {
  let scenario: Scenario;

  beforeAll(async () => {
    scenario = await startScenario({ windowSessions: 30 });
  });

  afterAll(async () => {
    await scenario.close();
  });

  it('creates its comment with one write, reading comments 100 per page', async () => {
    const run = await runCase(scenario, 'linked');

    expectSucceeded(run, scenario, 'linked');
    // The links, then every session updated since the pull request was created: one page here.
    expect(run.devin).toHaveLength(2);
    expect(Number(run.devin[1]?.query.get('updated_after'))).toBeLessThanOrEqual(CREATED_AT);
    expect(run.github.filter(isGitHubWrite).map((request) => request.method)).toEqual(['POST']);
    expect(listings(run).every((request) => request.query.get('per_page') === '100')).toBe(true);
    // After creating, the race check lists only the comments written since the first look: no request twice.
    expect(repeated(run.github.map(requestKey))).toEqual([]);
    const [first, check] = listings(run);
    expect(first?.query.has('since')).toBe(false);
    expect(check?.query.get('since')).toMatch(/^\d{4}-\d\d-\d\dT/);
  });
});

describe.each([
  { sessions: 457, total: 'given' },
  { sessions: 457, total: 'omitted' },
  { sessions: 900, total: 'given' },
  { sessions: 900, total: 'omitted' },
] as const)('a scan of a few pages: $sessions sessions, the total $total', ({ sessions, total }) => {
  // Without a total, the first page's share of the window tells its size.
  const answeredTotal = total === 'omitted' ? total : undefined;

  it('costs at most its page floor plus two, on a pull request and on a schedule', async () => {
    const floor = Math.ceil(sessions / PAGE_SIZE);
    const scenario = await startScenario({ windowSessions: sessions, answeredTotal });
    try {
      const run = await runCase(scenario, 'window');
      expectSucceeded(run, scenario, 'window');
      expect(run.devin.length).toBeLessThanOrEqual(floor + 2);
    } finally {
      await scenario.close();
    }

    const repository = await startRepositoryScenario({ periodSessions: sessions, answeredTotal });
    try {
      const before = repository.devin.requests.length;
      const result = await runAction({
        event: repository.event,
        githubApiUrl: repository.github.url,
        inputs: repository.inputs(),
      });
      expect(result.exitCode, result.stdout).toBe(0);
      // The whole period read: every session of the repository in its report.
      const report = result.reportFile as { totals?: { sessions?: number } } | undefined;
      expect(report?.totals?.sessions).toBe(repository.repositorySessions);
      const scan = repository.devin.requests
        .slice(before)
        .filter((request) => request.query.has('updated_after'));
      expect(scan.length).toBeLessThanOrEqual(floor + 2);
    } finally {
      await repository.close();
    }
  });
});
