import { describe, expect, it } from 'vitest';
import type { Session } from '../../src/model/session.ts';
import { periodReportCsv } from '../../src/period/csv.ts';
import { runReportJson } from '../../src/period/json.ts';
import type { RunReport } from '../../src/period/model.ts';
import { buildRunReport } from '../../src/period/run-report.ts';
import { fitRunSummary } from '../../src/period/run-summary.ts';
import { RepositoryScope } from '../../src/period/scope.ts';
import { SessionStore } from '../../src/period/session-store.ts';
import { busyWeek, noRules, pullUrl, WEEK, weekSession } from '../repository-fixtures.ts';

const ONE_MIB = 1024 * 1024;
const NO_GITHUB = { problems: [], comments: { updated: [], unfinished: [] } };

function runReport(
  repositories: { owner: string; repo: string }[],
  sessions: Session[],
  github: RunReport['repositories'][number]['problems'][] = [],
  states: ReadonlyMap<number, string>[] = [],
): RunReport {
  const scope = new RepositoryScope('github.com', repositories);
  const store = new SessionStore(scope);
  for (const session of sessions) store.add(session);
  return buildRunReport({
    store,
    scope,
    period: WEEK,
    rules: { ...noRules, failOnLabels: ['secrets'] },
    incompleteReasons: [],
    github: repositories.map((_, index) => ({
      ...NO_GITHUB,
      problems: github[index] ?? [],
      states: states[index],
    })),
    problems: [],
  });
}

describe('buildRunReport', () => {
  const app = { owner: 'acme', repo: 'app' };
  const web = { owner: 'Acme', repo: 'Web' };
  const idle = { owner: 'acme', repo: 'idle' };
  const secrets = [{ impact: 'High', label: 'Secrets', text: 'Leaked a token' }];

  it('counts a session on pull requests of two repositories in both, and once in the whole', () => {
    const report = runReport(
      [app, web, idle],
      [
        weekSession('a', [{ url: pullUrl(1) }, { url: pullUrl(2, 'acme/web') }], { acus: 2 }),
        weekSession('b', [{ url: pullUrl(3, 'acme/web') }], { acus: 5, issues: secrets }),
        weekSession('c', [{ url: pullUrl(4, 'acme/elsewhere') }], { acus: 100 }),
      ],
    );

    expect(report.whole.totals).toMatchObject({ pullRequests: 3, sessions: 2, acus: 7 });
    expect(report.whole.sessionsWithoutPullRequest).toBe(1);
    // Failing gates first, then the costliest, then by name: an idle repository last.
    expect(report.repositories.map((section) => section.report.repository.repo)).toEqual([
      'Web',
      'app',
      'idle',
    ]);
    expect(report.repositories.map((section) => section.report.totals.sessions)).toEqual([2, 1, 0]);
    expect(report.repositories[0]?.report.sessionsWithoutPullRequest).toBe(0);
    // Failing first, then the costliest; of two that cost alike, by repository (as spelt), then number.
    expect(report.whole.pullRequests.map((pull) => pull.url)).toEqual([
      'https://github.com/Acme/Web/pull/3',
      'https://github.com/Acme/Web/pull/2',
      'https://github.com/acme/app/pull/1',
    ]);
  });

  it("takes GitHub's state of each repository's pull requests over the sessions' records, for that repository only", () => {
    const report = runReport(
      [app, web],
      [
        weekSession('a', [{ url: pullUrl(1), state: 'open' }]),
        weekSession('b', [{ url: pullUrl(1, 'acme/web'), state: 'open' }]),
      ],
      [],
      [new Map([[1, 'merged']]), new Map()],
    );
    expect(report.whole.pullRequests.map((pull) => [pull.url, pull.state])).toEqual([
      ['https://github.com/Acme/Web/pull/1', 'open'],
      ['https://github.com/acme/app/pull/1', 'merged'],
    ]);
  });

  it('writes each pull request with its repository in the JSON and the CSV, and a section per repository', () => {
    const report = runReport(
      [app, web],
      [weekSession('a', [{ url: pullUrl(1) }]), weekSession('b', [{ url: pullUrl(2, 'acme/web') }])],
    );
    const json = runReportJson(report);

    expect(json.repository).toBeNull();
    expect(json.pull_requests.map((pull) => pull.repository).sort()).toEqual(['Acme/Web', 'acme/app']);
    // Of two that cost alike, by name whatever the case.
    expect(json.repositories.map((section) => [section.repository, section.url])).toEqual([
      ['acme/app', 'https://github.com/acme/app'],
      ['Acme/Web', 'https://github.com/Acme/Web'],
    ]);
    const [header, ...rows] = periodReportCsv(report.whole).trim().split('\r\n');
    expect(header?.startsWith('repository,url,number,')).toBe(true);
    expect(rows.map((row) => row.split(',')[0]).sort()).toEqual(['Acme/Web', 'acme/app']);
  });
});

describe('fitRunSummary', () => {
  const repositories = ['a', 'b', 'c', 'd', 'e'].map((repo) => ({ owner: 'acme', repo }));

  /** A busy week in each repository: its pull requests' URLs moved to that repository. */
  function busyRepositories(sessionsEach: number, pullRequestsEach: number): Session[] {
    return repositories.flatMap(({ repo }) =>
      busyWeek(sessionsEach, pullRequestsEach).map((session) => ({
        ...session,
        id: `${repo}-${session.id}`,
        pullRequests: session.pullRequests.map((pull) => ({
          ...pull,
          url: pull.url.replace('/app/', `/${repo}/`),
        })),
      })),
    );
  }

  it('keeps the totals and every repository row, and shortens the details alike, within 1 MiB', () => {
    const report = runReport(repositories, busyRepositories(10_000, 2_000));
    const fitted = fitRunSummary(report, ONE_MIB, 'the report file');

    expect(Buffer.byteLength(fitted.markdown)).toBeLessThanOrEqual(ONE_MIB);
    expect(fitted.markdown).toContain("### Devin's work in 5 repositories");
    expect(fitted.markdown).toContain('**10000 pull requests · 50000 sessions');
    for (const { repo } of repositories) {
      expect(fitted.markdown).toContain(`| [acme/${repo}](https://github.com/acme/${repo}) | 2000 | 10000 |`);
      expect(fitted.markdown).toContain(`### Devin's work in acme/${repo},`);
    }
    expect(fitted.omitted.some((part) => /^acme\/a: \d+ pull request rows$/.test(part))).toBe(true);
    expect(fitted.markdown).toContain("ℹ️ Left out to fit GitHub's size limit:");
  });

  it('leaves out the details of the least important repositories first, and says so', () => {
    const report = runReport(repositories, busyRepositories(50, 20));
    const whole = fitRunSummary(report, ONE_MIB);
    // Room for the table and the details of about two repositories, at their plainest.
    const limit = 3_500;
    const fitted = fitRunSummary(report, limit, 'the report file');

    expect(whole.omitted).toEqual([]);
    expect(Buffer.byteLength(whole.markdown)).toBeGreaterThan(5 * limit);
    expect(Buffer.byteLength(fitted.markdown)).toBeLessThanOrEqual(limit);
    expect(fitted.markdown).toContain('#### By repository');
    const order = report.repositories.map((section) => section.report.repository.repo);
    expect(fitted.markdown).toContain(`### Devin's work in acme/${order[0]},`);
    expect(fitted.markdown).not.toContain(`### Devin's work in acme/${order[4]},`);
    expect(fitted.markdown).toMatch(
      /the details of \d repositor(y|ies) — the full report is in the report file\./,
    );
  });

  it('names what GitHub refused under the table, with links to the pull requests left waiting', () => {
    const report = runReport(
      repositories.slice(0, 2),
      [weekSession('s', [{ url: pullUrl(1, 'acme/a') }])],
      [['GitHub answered 403 <b>no</b>.']],
    );
    report.repositories[1] = {
      ...(report.repositories[1] as RunReport['repositories'][number]),
      comments: { updated: [], unfinished: [7, 8] },
    };
    const { markdown } = fitRunSummary(report, ONE_MIB);

    expect(markdown).toContain('- **acme/a**: GitHub answered 403 &lt;b&gt;no&lt;/b&gt;.');
    expect(markdown).toContain(
      '- **acme/b**: could not update the comments waiting for an analysis on [#7](https://github.com/acme/b/pull/7), [#8](https://github.com/acme/b/pull/8); the workflow log says why.',
    );
    expect(markdown).toMatch(/\| \[acme\/a\]\([^)]+\) ⚠️ \|/);
  });

  it('returns something within any limit', () => {
    const report = runReport(repositories, busyRepositories(30, 10));
    for (const limit of [0, 10, 200, 600, 3_000, 20_000]) {
      expect(Buffer.byteLength(fitRunSummary(report, limit).markdown)).toBeLessThanOrEqual(limit);
    }
  });
});
