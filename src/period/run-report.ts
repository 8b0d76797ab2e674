import type { GateRules } from '../model/gate.ts';
import { canonicalHost } from '../model/pull-request.ts';
import { compareCodeUnits } from '../model/text.ts';
import { buildContent, canonicalRepository, SessionTally } from './build.ts';
import type { PeriodContent, RepositorySection, RunReport } from './model.ts';
import { comparePullRequests } from './pull-requests.ts';
import type { RepositoryScope } from './scope.ts';
import type { SessionStore } from './session-store.ts';
import type { Period } from './span.ts';

export interface RunReportInput {
  /** The period's sessions of the run's repositories. */
  store: SessionStore;
  scope: RepositoryScope;
  period: Period;
  rules: GateRules;
  /** Pull request states as GitHub gave them, by normalised URL. */
  states: ReadonlyMap<string, string>;
  incompleteReasons: readonly string[];
  /** What happened on GitHub's side, per repository, in the order of the scope's repositories. */
  github: readonly Omit<RepositorySection, 'report'>[];
  /** Entries of the repositories input that named no repository. */
  problems: readonly string[];
}

/**
 * The report of the whole run, and of each repository; pure. Each repository's report is built from its own
 * sessions; the whole run's shares their pull requests and counts each session once.
 */
export function buildRunReport(input: RunReportInput): RunReport {
  const { scope, store } = input;
  const repositories = scope.repositories.map((repository) =>
    canonicalRepository({ ...repository, host: scope.host }),
  );
  const common = {
    period: input.period,
    rules: input.rules,
    states: input.states,
    incompleteReasons: input.incompleteReasons,
  };
  const slots = repositories.length === 1 ? undefined : scope.slotsOf(store.links());
  // The report names sessions by id, and holds their ids alone, not the rest of the store.
  const handles = { sessionOf: store.sessionAt, idOf: store.ids.idAt };
  const sections = repositories.map(
    (repository, index): RepositorySection => ({
      report: {
        repository,
        ...buildContent(store.entries(slots?.[index]), handles, {
          ...common,
          repositories: [repository],
        }),
      },
      problems: [...(input.github[index]?.problems ?? [])],
      comments: input.github[index]?.comments ?? { updated: [], unfinished: [] },
    }),
  );
  const [single] = sections;
  const whole = single && sections.length === 1 ? single.report : wholeOf(sections, input);
  return {
    host: canonicalHost(scope.host),
    whole,
    repositories: sections.sort(byImportance),
    problems: [...input.problems],
  };
}

/** The run's report over its repositories: their pull requests' summaries, each session counted once. */
function wholeOf(sections: readonly RepositorySection[], input: RunReportInput): PeriodContent {
  const tally = new SessionTally(input.period);
  let sessionsWithoutPullRequest = 0;
  for (const [, session] of input.store.entries()) {
    if (input.scope.namesAny(session.pullRequests.map(({ url }) => url))) tally.add(session);
    else sessionsWithoutPullRequest += 1;
  }
  const pullRequests = sections.flatMap((section) => section.report.pullRequests).sort(comparePullRequests);
  return tally.content(pullRequests, {
    sessionsWithoutPullRequest,
    incompleteReasons: input.incompleteReasons,
  });
}

/** Failing gates first, then the costliest, then by name. */
function byImportance(a: RepositorySection, b: RepositorySection): number {
  return (
    b.report.totals.byGate.fail - a.report.totals.byGate.fail ||
    b.report.totals.acus - a.report.totals.acus ||
    compareCodeUnits(
      `${a.report.repository.owner}/${a.report.repository.repo}`.toLowerCase(),
      `${b.report.repository.owner}/${b.report.repository.repo}`.toLowerCase(),
    )
  );
}
