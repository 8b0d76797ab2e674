import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { PAGE_SIZE } from '../../scripts/bench/scenario.ts';
import { pendingCommentBody } from '../fakes/action-comment.ts';
import { bulkSessions, type FakeSession, makeAnalysis, makeSession } from '../fakes/devin-data.ts';
import { DEFAULT_HEAD_SHA, type FakeGitHubApi, type FakeUser } from '../fakes/github-api.ts';
import { scheduleEvent } from '../fakes/webhooks.ts';
import { DAY } from '../repository-fixtures.ts';
import type { RunResult } from './harness.ts';
import { parseCsv, stage } from './stage.ts';

const STATUS = 'devin-insights';
/** The repository whose scheduled workflow reports on the organisation. */
const central = { owner: 'acme', repo: 'platform' };
const APP_TOKEN = 'ghs_app_installation_token';
const APP_BOT: FakeUser = { login: 'acme-insights[bot]', id: 149_000_002, type: 'Bot' };
const PERSONAL_TOKEN = 'ghp_personal_token';
const PERSON: FakeUser = { login: 'octocat', id: 583_231, type: 'User' };
const nowSeconds = () => Math.floor(Date.now() / 1000);

interface Repo {
  owner: string;
  repo: string;
}

interface SectionJson {
  repository: string;
  url: string;
  problems: string[];
  comments_updated: number[];
  comments_unfinished: number[];
  totals: {
    pull_requests: number;
    sessions: number;
    acus: number;
    pull_requests_by_gate: { pending: number };
  };
  issues_by_impact: Record<'critical' | 'high' | 'medium' | 'low' | 'other', number>;
}

interface ReportJson {
  repository: string | null;
  totals: { pull_requests: number; sessions: number; acus: number };
  pull_requests: { repository: string; url: string; number: number; state: string; acus: number }[];
  problems: string[];
  repositories: SectionJson[];
}

/** A session of the last day that names pull request `number` of `repository`, as Devin spells its URL. */
function sessionOn(repository: Repo, number: number, overrides: Partial<FakeSession> = {}): FakeSession {
  const now = nowSeconds();
  return makeSession({
    pull_requests: [
      {
        pr_url: `https://github.com/${repository.owner}/${repository.repo}/pull/${number}`,
        pr_state: 'open',
      },
    ],
    created_at: now - 7_200,
    updated_at: now - 3_600,
    ...overrides,
  });
}

/** The action's comment from a pull request run, still waiting for the analysis of these sessions. */
function pendingComment(github: FakeGitHubApi, repository: Repo, number: number, ids: string[]) {
  return github.addComment({ ...repository, issue_number: number, body: pendingCommentBody(ids) });
}

/** The CSV the action wrote, as objects by column. */
async function csvRows(result: RunResult): Promise<Record<string, string>[]> {
  return parseCsv(await readFile(result.outputs['report-csv'] ?? '', 'utf8'));
}

/** The rows of the summary's table of repositories: name, then each figure. */
function repositoryRows(summary: string): Map<string, string[]> {
  const lines = summary.slice(summary.indexOf('#### By repository')).split('\n').slice(2);
  const rows = new Map<string, string[]>();
  for (const line of lines.slice(0, lines.indexOf(''))) {
    const match = /^\| \[([^\]]+)\]\([^)]+\)( ⚠️)? \| (.*) \|$/.exec(line);
    if (match?.[1]) rows.set(match[1], (match[3] ?? '').split(' | '));
  }
  return rows;
}

/** Requests to one repository's REST paths, compared ignoring case as GitHub does. */
const toRepository = (github: FakeGitHubApi, { owner, repo }: Repo, from = 0) =>
  github.requests
    .slice(from)
    .filter((request) => request.path.toLowerCase().startsWith(`/repos/${owner}/${repo}/`.toLowerCase()));

describe('one scheduled run over the organisation', () => {
  it('scans the period once for three repositories, finishes the comments of each, and reports them apart in the summary, JSON and CSV alike', async () => {
    const now = nowSeconds();
    // GitHub spells this one with capitals; Devin's URLs do not.
    const shop = { owner: 'Acme', repo: 'Shop' };
    const web = { owner: 'acme', repo: 'web' };
    const api = { owner: 'other-org', repo: 'api' };
    const shopPending = sessionOn({ owner: 'acme', repo: 'shop' }, 1, { acus_consumed: 4 });
    const shopMerged = sessionOn({ owner: 'acme', repo: 'shop' }, 2, { acus_consumed: 2.5 });
    const webPending = sessionOn(web, 5, { acus_consumed: 3 });
    const webClosed = sessionOn(web, 6, {
      acus_consumed: 1,
      pull_requests: [{ pr_url: 'https://github.com/acme/web/pull/6', pr_state: 'closed' }],
    });
    const apiPending = sessionOn(api, 9, { acus_consumed: 6, analysis: makeAnalysis({ issues: [] }) });
    const elsewhere = sessionOn({ owner: 'acme', repo: 'elsewhere' }, 1, { acus_consumed: 50 });
    const crowd = bulkSessions(450, { startAt: now - 6 * DAY, stepSeconds: 60 });
    const ours = [shopPending, shopMerged, webPending, webClosed, apiPending];
    const { devin, github, run } = await stage({ sessions: [...ours, elsewhere, ...crowd] });
    github.addPull({ ...shop, number: 1 });
    // Merged since Devin last recorded it as open.
    github.addPull({ ...shop, number: 2, merged: true, state: 'closed' });
    github.addPull({ ...web, number: 5 });
    github.addPull({ ...web, number: 6, state: 'closed' });
    github.addPull({ ...web, number: 7 });
    github.addPull({ ...api, number: 9 });
    github.addPull({ owner: 'acme', repo: 'elsewhere', number: 1 });
    const comments = [
      pendingComment(github, shop, 1, [shopPending.session_id]),
      pendingComment(github, web, 5, [webPending.session_id]),
      pendingComment(github, api, 9, [apiPending.session_id]),
      pendingComment(github, { owner: 'acme', repo: 'elsewhere' }, 1, [elsewhere.session_id]),
    ];

    const result = await run(scheduleEvent(central), {
      repositories: 'acme/shop\nacme/web, other-org/api',
      'commit-status': STATUS,
      'fail-on-impact': 'high',
    });

    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.stderr).toBe('');
    // One scan of the period, at the page floor of one repository's, then what changed while it ran; then one
    // listing of the waiting comments' sessions by id, and nothing else.
    const inPeriod = ours.length + 1 + crowd.length;
    const scan = devin.requests.filter((request) => request.query.has('updated_after'));
    expect(scan).toHaveLength(Math.ceil(inPeriod / PAGE_SIZE) + 1);
    expect(new Set(scan.slice(0, -1).map((request) => request.query.get('updated_after'))).size).toBe(1);
    const byIds = devin.requests.filter((request) => request.query.has('session_ids'));
    expect(byIds).toHaveLength(1);
    expect(byIds[0]?.query.getAll('session_ids').sort()).toEqual(
      [shopPending, webPending, apiPending].map((session) => session.session_id).sort(),
    );
    expect(devin.requests).toHaveLength(scan.length + byIds.length);

    // Per repository: its open pull requests (and, for the one merged since, those closed lately), the
    // comments of the open pull requests that sessions name, one update and one status.
    const calls = (repository: Repo) =>
      toRepository(github, repository).map(
        (request) =>
          `${request.method} ${request.path.toLowerCase()}${request.query.get('state') ? `?state=${request.query.get('state')}` : ''}`,
      );
    expect(calls(shop)).toEqual([
      'GET /repos/acme/shop/pulls?state=open',
      'GET /repos/acme/shop/pulls?state=closed',
      'GET /repos/acme/shop/issues/1/comments',
      `PATCH /repos/acme/shop/issues/comments/${comments[0]?.id}`,
      `POST /repos/acme/shop/statuses/${DEFAULT_HEAD_SHA}`,
    ]);
    expect(calls(web)).toEqual([
      'GET /repos/acme/web/pulls?state=open',
      'GET /repos/acme/web/issues/5/comments',
      `PATCH /repos/acme/web/issues/comments/${comments[1]?.id}`,
      `POST /repos/acme/web/statuses/${DEFAULT_HEAD_SHA}`,
    ]);
    expect(calls(api)).toEqual([
      'GET /repos/other-org/api/pulls?state=open',
      'GET /repos/other-org/api/issues/9/comments',
      `PATCH /repos/other-org/api/issues/comments/${comments[2]?.id}`,
      `POST /repos/other-org/api/statuses/${DEFAULT_HEAD_SHA}`,
    ]);
    expect(toRepository(github, { owner: 'acme', repo: 'elsewhere' })).toEqual([]);
    expect(toRepository(github, central)).toEqual([]);
    expect(comments.map((comment) => comment.revisions.length)).toEqual([2, 2, 2, 1]);
    expect(comments[0]?.body).toContain('The test database was not running');
    expect(github.latestStatuses('acme', 'web', DEFAULT_HEAD_SHA).get(STATUS)?.state).toBe('failure');
    expect(github.latestStatuses('other-org', 'api', DEFAULT_HEAD_SHA).get(STATUS)?.state).toBe('success');

    // The JSON report: the run's totals, each pull request naming its repository in GitHub's spelling, and a
    // section per repository.
    const report = result.reportFile as ReportJson;
    expect(report.repository).toBeNull();
    expect(report.totals).toMatchObject({ pull_requests: 5, sessions: 5, acus: 16.5 });
    expect(report.problems).toEqual([]);
    const pulls = new Map(report.pull_requests.map((pull) => [`${pull.repository}#${pull.number}`, pull]));
    expect([...pulls.keys()].sort()).toEqual(
      ['Acme/Shop#1', 'Acme/Shop#2', 'acme/web#5', 'acme/web#6', 'other-org/api#9'].sort(),
    );
    expect(pulls.get('Acme/Shop#1')).toMatchObject({
      url: 'https://github.com/Acme/Shop/pull/1',
      state: 'open',
    });
    expect(pulls.get('Acme/Shop#2')?.state).toBe('merged');
    expect(pulls.get('acme/web#6')?.state).toBe('closed');
    const sections = new Map(report.repositories.map((section) => [section.repository, section]));
    expect([...sections.keys()].sort()).toEqual(['Acme/Shop', 'acme/web', 'other-org/api']);
    expect(sections.get('Acme/Shop')).toMatchObject({
      url: 'https://github.com/Acme/Shop',
      problems: [],
      comments_updated: [1],
      comments_unfinished: [],
      totals: { pull_requests: 2, sessions: 2, acus: 6.5 },
    });
    expect(sections.get('other-org/api')?.totals).toMatchObject({ pull_requests: 1, sessions: 1, acus: 6 });

    // The CSV, the summary's table and the sections agree, repository by repository.
    const rows = await csvRows(result);
    expect(rows.map((row) => `${row.repository}#${row.number}`).sort()).toEqual([...pulls.keys()].sort());
    expect(rows.find((row) => row.number === '2')).toMatchObject({
      url: 'https://github.com/Acme/Shop/pull/2',
      state: 'merged',
    });
    const table = repositoryRows(result.summary);
    expect([...table.keys()].sort()).toEqual([...sections.keys()].sort());
    for (const [name, section] of sections) {
      const ofRepository = rows.filter((row) => row.repository === name);
      expect(ofRepository).toHaveLength(section.totals.pull_requests);
      const acus = ofRepository.reduce((sum, row) => sum + Number(row.acus), 0);
      expect(acus).toBeCloseTo(section.totals.acus, 6);
      const { critical, high, medium, low, other } = section.issues_by_impact;
      expect(table.get(name)).toEqual(
        [
          section.totals.pull_requests,
          section.totals.sessions,
          section.totals.acus,
          critical,
          high,
          medium,
          low,
          other,
          section.totals.pull_requests_by_gate.pending,
        ].map(String),
      );
      expect(result.summary).toContain(`### Devin's work in ${name},`);
    }
    // The run's totals come first, then the table, then each repository's details.
    const summary = result.summary;
    expect(summary.indexOf("### Devin's work in 3 repositories")).toBe(0);
    expect(summary.indexOf('**5 pull requests · 5 sessions · 16.5 ACUs')).toBeLessThan(
      summary.indexOf('#### By repository'),
    );
    expect(summary.indexOf('#### By repository')).toBeLessThan(
      summary.indexOf("### Devin's work in Acme/Shop"),
    );
    expect(summary).toContain('[#2](https://github.com/Acme/Shop/pull/2) | merged |');
    expect(summary).toContain(
      'Updated the comment of 1 pull request that waited for an analysis: [#1](https://github.com/Acme/Shop/pull/1).',
    );
    expect(summary).not.toContain('elsewhere');
    expect(result.outputs).toMatchObject({ matched: 'true', acus: '16.5', gate: 'skipped' });
  });

  it('keeps the summary of one repository named in the input as it has always been: no table of one row', async () => {
    const session = sessionOn({ owner: 'acme', repo: 'shop' }, 3, { acus_consumed: 2 });
    const { run } = await stage({ sessions: [session] });

    const result = await run(scheduleEvent(central), { repositories: 'acme/shop' });

    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.summary.startsWith("### Devin's work in acme/shop,")).toBe(true);
    expect(result.summary).not.toContain('By repository');
    expect(result.reportFile).toMatchObject({
      repository: 'acme/shop',
      repositories: [{ repository: 'acme/shop', totals: { pull_requests: 1 } }],
    });
  });

  it('refuses a malformed entry before any request, naming the input and the forms it allows', async () => {
    const { devin, github, run } = await stage();

    const result = await run(scheduleEvent(central), {
      repositories: 'acme/shop, https://github.com/acme/web',
    });

    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain(
      "::error::Input 'repositories' must list owner/repo entries or owner/* (every repository of that owner the token can read), comma- or newline-separated; 'https://github.com/acme/web' is neither",
    );
    expect(devin.requests).toEqual([]);
    expect(github.requests).toEqual([]);
  });
});

describe('owner/*: every repository of the owner that the token can read', () => {
  it("with a GitHub App installation token, reads the installation's repositories once and leaves archived ones out", async () => {
    const shop = sessionOn({ owner: 'acme', repo: 'shop' }, 1, { acus_consumed: 1 });
    const web = sessionOn({ owner: 'acme', repo: 'web' }, 2, { acus_consumed: 2 });
    const attic = sessionOn({ owner: 'acme', repo: 'attic' }, 3, { acus_consumed: 4 });
    const foreign = sessionOn({ owner: 'other-org', repo: 'api' }, 4, { acus_consumed: 8 });
    const { devin, github, run } = await stage(
      { sessions: [shop, web, attic, foreign] },
      {
        tokens: { [APP_TOKEN]: APP_BOT },
        repositories: [
          { owner: 'acme', name: 'shop' },
          { owner: 'acme', name: 'web' },
          { owner: 'acme', name: 'attic', archived: true },
          { owner: 'other-org', name: 'api' },
        ],
        installations: { [APP_TOKEN]: ['acme/shop', 'acme/web', 'acme/attic', 'other-org/api'] },
      },
    );

    const result = await run(scheduleEvent(central), { repositories: 'acme/*', 'github-token': APP_TOKEN });

    expect(result.exitCode, result.stdout).toBe(0);
    const listings = github.requests.filter((request) => request.path === '/installation/repositories');
    expect(listings).toHaveLength(1);
    expect(listings[0]?.query.get('per_page')).toBe('100');
    expect(github.requests.some((request) => request.path.startsWith('/orgs/'))).toBe(false);
    const report = result.reportFile as ReportJson;
    expect(report.repositories.map((section) => section.repository).sort()).toEqual([
      'acme/shop',
      'acme/web',
    ]);
    expect(report.totals).toMatchObject({ sessions: 2, acus: 3 });
    // One scan, whatever the number of repositories.
    expect(devin.requests.filter((request) => request.query.has('updated_after'))).toHaveLength(1);
  });

  it("with another token, reads the organization's repositories, a user's when GitHub knows no such organization, and names an owner it knows not at all", async () => {
    const shop = sessionOn({ owner: 'acme', repo: 'shop' }, 1, { acus_consumed: 1 });
    const tools = sessionOn({ owner: 'octo', repo: 'tools' }, 2, { acus_consumed: 2 });
    const { github, run } = await stage(
      { sessions: [shop, tools] },
      {
        tokens: { [PERSONAL_TOKEN]: PERSON },
        repositories: [
          { owner: 'acme', name: 'shop' },
          { owner: 'acme', name: 'archive', archived: true },
          { owner: 'octo', name: 'tools', ownerType: 'User' },
        ],
      },
    );

    const result = await run(scheduleEvent(central), {
      repositories: 'acme/*, octo/*, ghost/*',
      'github-token': PERSONAL_TOKEN,
    });

    expect(result.exitCode, result.stdout).toBe(0);
    const listings = github.requests
      .filter((request) => request.path.endsWith('/repos') && !request.path.startsWith('/repos/'))
      .map((request) => `${request.path} ${request.status}`);
    expect(listings).toEqual([
      '/orgs/acme/repos 200',
      '/orgs/octo/repos 404',
      '/users/octo/repos 200',
      '/orgs/ghost/repos 404',
      '/users/ghost/repos 404',
    ]);
    const report = result.reportFile as ReportJson;
    expect(report.repositories.map((section) => section.repository).sort()).toEqual([
      'acme/shop',
      'octo/tools',
    ]);
    const problem = 'ghost/*: GitHub knows no organization or user named ghost (404).';
    expect(report.problems).toEqual([problem]);
    expect(result.stdout).toContain(`::warning::${problem}`);
    expect(result.summary).toContain('- ghost/\\*: GitHub knows no organization or user named ghost (404).');
  });
});

describe('an input that names no repository', () => {
  it("reads no session, and says why in a warning, the summary and the report (an installation token GitHub won't list)", async () => {
    const { devin, github, run } = await stage({ sessions: [sessionOn({ owner: 'acme', repo: 'shop' }, 1)] });

    // The stage's token is an installation token (ghs_) of no installation the fake knows: GitHub answers 403.
    const result = await run(scheduleEvent(central), { repositories: 'acme/*' });

    expect(result.exitCode, result.stdout).toBe(0);
    expect(devin.requests).toEqual([]);
    expect(github.requests.map((request) => `${request.path} ${request.status}`)).toEqual([
      '/installation/repositories 403',
    ]);
    const problem =
      "acme/*: GitHub refused to list the GitHub App installation's repositories (403): github.token reaches only its own repository; pass a GitHub App's installation token (actions/create-github-app-token) to report on an owner's repositories.";
    expect(result.stdout).toContain(`::warning::${problem}`);
    expect(result.reportFile).toMatchObject({
      problems: [problem],
      repositories: [],
      totals: { sessions: 0 },
    });
    expect(result.summary).toContain("### Devin's work in 0 repositories");
    expect(result.summary).toContain('No Devin session named a pull request of these repositories.');
    expect(result.outputs).toMatchObject({ matched: 'false', gate: 'skipped' });
  });
});

describe('a repository GitHub refuses', () => {
  it('is named in a warning and in the report, while the others are finished and reported', async () => {
    const shop = { owner: 'acme', repo: 'shop' };
    const secret = { owner: 'acme', repo: 'secret' };
    const locked = { owner: 'acme', repo: 'locked' };
    const onShop = sessionOn(shop, 1, { acus_consumed: 1 });
    const onSecret = sessionOn(secret, 3, { acus_consumed: 2 });
    const onLocked = sessionOn(locked, 4, { acus_consumed: 3 });
    const { github, run } = await stage({ sessions: [onShop, onSecret, onLocked] });
    for (const [repository, number, session] of [
      [shop, 1, onShop],
      [secret, 3, onSecret],
      [locked, 4, onLocked],
    ] as const) {
      github.addPull({ ...repository, number });
      pendingComment(github, repository, number, [session.session_id]);
    }
    // The token cannot read acme/secret at all, nor write the comments of acme/locked.
    github.injectFault({ pathIncludes: '/repos/acme/secret/', status: 403, times: Number.POSITIVE_INFINITY });
    github.injectFault({
      method: 'PATCH',
      pathIncludes: '/repos/acme/locked/',
      status: 403,
      body: JSON.stringify({ message: 'Resource not accessible by integration' }),
      times: Number.POSITIVE_INFINITY,
    });

    const result = await run(scheduleEvent(central), { repositories: 'acme/shop, acme/secret, acme/locked' });

    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.stdout).toContain(
      "::warning::Could not look for comments waiting for an analysis in acme/secret: GitHub answered 403: the github-token needs 'pull-requests: write'",
    );
    expect(result.stdout).toContain(
      '::warning::acme/locked#4: GitHub refused to write the pull request comment (403)',
    );
    expect(github.commentsOn('acme', 'shop', 1)[0]?.revisions).toHaveLength(2);
    expect(github.commentsOn('acme', 'locked', 4)[0]?.revisions).toHaveLength(1);

    const report = result.reportFile as ReportJson;
    const sections = new Map(report.repositories.map((section) => [section.repository, section]));
    expect(sections.get('acme/shop')).toMatchObject({ problems: [], comments_updated: [1] });
    expect(sections.get('acme/secret')?.problems).toEqual([
      expect.stringContaining('Could not look for comments waiting for an analysis in acme/secret'),
    ]);
    expect(sections.get('acme/secret')?.totals).toMatchObject({ pull_requests: 1, acus: 2 });
    expect(sections.get('acme/locked')).toMatchObject({ comments_updated: [], comments_unfinished: [4] });
    // Every repository's sessions are reported: the Devin API's figures stand.
    expect(report.totals).toMatchObject({ pull_requests: 3, sessions: 3, acus: 6 });
    const table = repositoryRows(result.summary);
    expect([...table.keys()].sort()).toEqual(['acme/locked', 'acme/secret', 'acme/shop']);
    expect(result.summary).toMatch(/\| \[acme\/secret\]\([^)]+\) ⚠️ \|/);
    expect(result.summary).toMatch(/\| \[acme\/locked\]\([^)]+\) ⚠️ \|/);
    expect(result.summary).toContain("⚠️ **On GitHub's side**");
    expect(result.summary).toContain(
      '- **acme/secret**: Could not look for comments waiting for an analysis in acme/secret',
    );
    expect(result.summary).toContain(
      '- **acme/locked**: could not update the comment waiting for an analysis on [#4](https://github.com/acme/locked/pull/4); the workflow log says why.',
    );
  });
});
