import { reportPeriodApiFailure } from '../action/api-failure.ts';
import { devinAccess, type Settings } from '../action/settings.ts';
import { connectDevin, type DevinConnection } from '../devin/connect.ts';
import { DevinApiError } from '../devin/errors.ts';
import type { GitHubClient } from '../github/client.ts';
import type { RetryPolicy } from '../http/retry-policy.ts';
import { CLOCK_SKEW_SECONDS, type Clock } from '../model/clock.ts';
import type { PullRequest } from '../model/pull-request.ts';
import { countOf } from '../model/text.ts';
import type { RunReport } from '../period/model.ts';
import { buildRunReport } from '../period/run-report.ts';
import { type NamedPullRequest, RepositoryScope } from '../period/scope.ts';
import { SessionStore } from '../period/session-store.ts';
import { type Period, periodEndingAt } from '../period/span.ts';
import { runConcurrently } from '../util/concurrency.ts';
import { type FinishedComments, type PullRequestRef, settleUnfinished } from './comment-outcome.ts';
import {
  describeGitHubError,
  findPendingComments,
  finishPendingComments,
  type PendingComment,
} from './pending-comments.ts';
import { publishRunReport } from './publish.ts';
import { resolveTargets, type Target } from './targets.ts';
import { visitRepository } from './visit.ts';

export interface RepositoryRun {
  settings: Settings;
  github: GitHubClient;
  /** The workflow's own repository: the one reported on when the repositories input is empty. */
  repo: { owner: string; repo: string };
  /** The GitHub server's web URL (https://github.com or a GHES host): pull request URLs name it. */
  serverUrl: string;
  clock: Clock;
  retry?: Partial<RetryPolicy>;
  runUrl?: string;
  /** Called once the scan is done. */
  onScanned?: () => void;
  info: (message: string) => void;
  warn: (message: string) => void;
}

/** Repositories whose pull requests and comments are read at once. */
const REPOSITORIES_AT_ONCE = 4;

/** What GitHub said of one repository. */
interface GitHubSide {
  /** The repository, in GitHub's spelling when a listing gave it. */
  repository: Target;
  states: Map<number, string>;
  pending: PendingComment[];
  problems: string[];
}

/**
 * Repository mode: one scan of the sessions updated in the last report-days days, keeping those that name a
 * pull request of the run's repositories (the repositories input; this repository when it is empty); in each,
 * the action's comments still waiting for an analysis finished; the report, grouped by repository, to the job
 * summary, the report file and the CSV file. A Devin API failure is reported as the period's (if-api-error).
 */
export async function runRepositoryMode(run: RepositoryRun): Promise<void> {
  try {
    await reportOnRepositories(run);
  } catch (error) {
    if (!(error instanceof DevinApiError)) throw error;
    await reportPeriodApiFailure(error, { now: run.clock.now, runUrl: run.runUrl, settings: run.settings });
  }
}

async function reportOnRepositories(run: RepositoryRun): Promise<void> {
  const { settings, clock } = run;
  const period = periodEndingAt(Math.floor(clock.now() / 1000), settings.reportDays);
  const host = new URL(run.serverUrl).host;
  const targets = await resolveTargets(settings.repositories, {
    github: run.github,
    token: settings.githubToken,
    own: run.repo,
  });
  for (const problem of targets.problems) run.warn(problem);
  const scope = new RepositoryScope(host, targets.repositories);
  const several = targets.repositories.length > 1;
  const incompleteReasons = new Set<string>();

  const devin = connectDevin({
    ...devinAccess(settings),
    clock,
    retry: run.retry,
    onRetry: run.info,
    onIncomplete: (message) => {
      run.warn(message);
      incompleteReasons.add(message);
    },
  });
  try {
    run.info(
      `Repository mode: ${describeTargets(targets.repositories)}, sessions updated in the last ${countOf(settings.reportDays, 'day')} (since ${new Date(period.start * 1000).toISOString()}).`,
    );
    const name = (pullRequest: PullRequestRef) =>
      several ? `${pullRequest.owner}/${pullRequest.repo}#${pullRequest.number}` : `#${pullRequest.number}`;
    const { report, finished } = await readTheRun(run, devin, {
      scope,
      period,
      name,
      incompleteReasons,
      problems: targets.problems,
    });
    await publishRunReport(report);
    run.info(`Devin API requests: ${devin.requestCount()}.`);
    if (finished) settleUnfinished(finished, name, settings, run.warn);
  } finally {
    await devin.close();
  }
}

/**
 * The scan, GitHub's side and the pending comments, down to the run's report. Its sessions are let go when it
 * returns: the report holds what it shows of them, and the files and the summary are written from that.
 */
async function readTheRun(
  run: RepositoryRun,
  devin: DevinConnection,
  context: {
    scope: RepositoryScope;
    period: Period;
    name: (pullRequest: PullRequestRef) => string;
    incompleteReasons: ReadonlySet<string>;
    /** Entries of the repositories input that named no repository. */
    problems: readonly string[];
  },
): Promise<{ report: RunReport; finished?: FinishedComments }> {
  const { settings, clock } = run;
  const { scope, period } = context;
  const store = new SessionStore(scope);
  // One scan for every repository: the Devin API has no repository filter. It ends by reading what changed
  // while it ran: a session updated meanwhile is in the period too. With no repository, nothing to read.
  if (scope.repositories.length > 0)
    await devin.api.scanUpdatedSince(period.start, scope.namesAny, store.add);
  run.onScanned?.();
  const several = scope.repositories.length > 1;
  run.info(
    `${devin.description}: ${countOf(store.size, 'session')} named a pull request of ${several ? 'these repositories' : 'this repository'}.`,
  );
  const sides = await readGitHub(run, scope, store, period);
  const finished =
    settings.comment === 'never'
      ? undefined
      : await finishPendingComments({
          github: run.github,
          devin: devin.api,
          canGenerate: devin.api.generate !== undefined,
          pending: sides.flatMap((side) => side.pending),
          settings,
          clock,
          runUrl: run.runUrl,
          name: context.name,
          info: run.info,
          warn: run.warn,
        });
  // The newest data wins, for the sessions of the period; older ones stay out of its report.
  for (const session of finished?.sessions ?? []) if (store.has(session.id)) store.add(session);

  const spelt = scope.spelt(sides.map((side) => side.repository));
  const report = buildRunReport({
    store,
    scope: spelt,
    period,
    rules: settings.gate,
    incompleteReasons: [...context.incompleteReasons],
    github: sides.map((side) => ({
      states: side.states,
      problems: side.problems,
      comments: {
        updated: numbersIn(finished?.updated, side.repository),
        unfinished: numbersIn(finished?.unfinished, side.repository),
      },
    })),
    problems: context.problems,
  });
  // The finished comments' sessions go with the others: the report has what it shows of them.
  return { report, finished: finished && { ...finished, sessions: [] } };
}

/** Each repository's pull requests, then its pending comments. */
async function readGitHub(
  run: RepositoryRun,
  scope: RepositoryScope,
  store: SessionStore,
  period: Period,
): Promise<GitHubSide[]> {
  const several = scope.repositories.length > 1;
  const sides = scope.repositories.map(
    (repository): GitHubSide => ({ repository, states: new Map(), pending: [], problems: [] }),
  );
  const open = await visitRepositories(run, sides, scope.named(store), period, several);
  if (run.settings.comment === 'never') return sides;
  // The sessions of the open pull requests, found in one pass over the store: a pending comment is checked
  // against them. Every pull request's sessions would be tens of thousands of lists held for a few comments.
  const slots = scope.slotsNaming(
    store,
    open.map((pullRequests) => new Set(pullRequests.map(({ number }) => number))),
  );
  await eachRepository(run, sides, several, async (side, index) => {
    side.pending = await findPendingComments({
      github: run.github,
      open: open[index] ?? [],
      sessionIdsOf: (number) => slots[index]?.get(number)?.map(store.ids.idAt) ?? [],
      clock: run.clock,
      warn: run.warn,
      qualify: several,
    });
  });
  return sides;
}

/** Each repository's open pull requests, and GitHub's states of those its sessions name, into its side. */
async function visitRepositories(
  run: RepositoryRun,
  sides: GitHubSide[],
  named: Map<number, NamedPullRequest>[],
  period: Period,
  several: boolean,
): Promise<PullRequest[][]> {
  const open: PullRequest[][] = sides.map(() => []);
  await eachRepository(run, sides, several, async (side, index) => {
    const visit = await visitRepository(
      run.github,
      side.repository,
      named[index] ?? new Map(),
      period.start - CLOCK_SKEW_SECONDS,
    );
    if (visit.spelling) side.repository = visit.spelling;
    side.states = visit.states;
    open[index] = visit.open;
  });
  return open;
}

/**
 * The task for each repository's side, a few repositories at once. GitHub's side of a scheduled run is a courtesy:
 * a repository GitHub refuses is named in a warning and in the report, which is written all the same.
 */
async function eachRepository(
  run: RepositoryRun,
  sides: GitHubSide[],
  several: boolean,
  task: (side: GitHubSide, index: number) => Promise<void>,
): Promise<void> {
  await runConcurrently(
    sides.map((side, index) => async () => {
      try {
        await task(side, index);
      } catch (error) {
        const { owner, repo } = side.repository;
        const problem = `Could not look for comments waiting for an analysis${several ? ` in ${owner}/${repo}` : ''}: ${describeGitHubError(error)} The report of the period is written without them, with the pull request states that the sessions recorded.`;
        run.warn(problem);
        side.problems.push(problem);
      }
    }),
    REPOSITORIES_AT_ONCE,
  );
}

function numbersIn(pullRequests: readonly PullRequestRef[] | undefined, repository: Target): number[] {
  const name = `${repository.owner}/${repository.repo}`.toLowerCase();
  return (pullRequests ?? [])
    .filter((pullRequest) => `${pullRequest.owner}/${pullRequest.repo}`.toLowerCase() === name)
    .map((pullRequest) => pullRequest.number);
}

function describeTargets(repositories: readonly Target[]): string {
  const names = repositories.map(({ owner, repo }) => `${owner}/${repo}`);
  if (names.length <= 10) return names.join(', ') || 'no repository';
  return `${countOf(names.length, 'repository', 'repositories')} (${names.slice(0, 10).join(', ')} and ${names.length - 10} more)`;
}
